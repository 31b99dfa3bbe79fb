/** The Podman client's public surface: the EngineSource factory plus the pieces tests and the settings layer use. */
export { createPodmanSource, createPodmanSources, PodmanSource } from './source';
export type { PodmanSourceOptions } from './source';
export { PodmanClient, INSPECT_CONCURRENCY, INFO_TTL_MS, LIBPOD_PREFIX } from './client';
export { resolvePodmanEndpoint, uidFromRootlessSocket, ROOTFUL_SOCKET } from './endpoint';
export type { PodmanEndpoint, PodmanEndpointOptions } from './endpoint';
export {
  runPodman,
  runPodmanJson,
  cliCommand,
  describeCli,
  locateRunuser,
  locateSetpriv,
  lookupUser,
  DEFAULT_CLI_TIMEOUT_MS,
} from './cli';
export type { CliError, CliResult, PodmanCliTarget } from './cli';
export { podmanEventConnector, parsePodmanEvent, rfc3339ToNano } from './events';
export type { EventTransport, PodmanEvent } from './events';
export * from './containers';
export * from './facts';
export * from './records';
