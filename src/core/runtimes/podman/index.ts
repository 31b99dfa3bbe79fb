/** The Podman client's public surface: the EngineSource factory plus the pieces tests and the settings layer use. */
export { createPodmanSource, createPodmanSources, PodmanSource, INSPECT_CONCURRENCY, INFO_TTL_MS } from './source';
export type { PodmanSourceOptions } from './source';
export { resolvePodmanEndpoint, uidFromRootlessSocket, ROOTFUL_SOCKET } from './endpoint';
export type { PodmanEndpoint, PodmanEndpointOptions } from './endpoint';
export {
  runPodman,
  runPodmanJson,
  cliCommand,
  describeCli,
  locateRunuser,
  lookupUser,
  DEFAULT_CLI_TIMEOUT_MS,
} from './cli';
export type { CliError, CliResult, PodmanCliTarget } from './cli';
export { PodmanEventWatcher, LIBPOD_PREFIX, rfc3339ToNano } from './events';
export * from './records';
