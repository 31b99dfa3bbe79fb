/** The Docker client's public surface (plus the shared HTTP plumbing): what the snapshot layer and the refresh coordinator import. */
export * from './unixHttp';
export * from './dockerEndpoint';
export * from './dockerClient';
export * from './dockerEvents';
