/** The Docker client's public surface: what the snapshot layer, the bench and the tests import. */
export {
  DockerClient,
  CLIENT_MAX_API_VERSION,
  MIN_API_VERSION,
  DEFAULT_INSPECT_CONCURRENCY,
  compareApiVersions,
} from './client';
export type { DockerClientOptions } from './client';
export * from './endpoint';
export { dockerEventConnector, parseDockerEvent, eventsPath } from './events';
export type { DockerEvent, DockerEventOptions } from './events';
export { detectDockerInVm, dockerRuntimeChain } from './facts';
export * from './records';
export { createDockerSource, DockerSource } from './source';
export type { DockerSourceOptions } from './source';
