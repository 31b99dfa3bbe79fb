/** The containerd client's public surface: what the snapshot layer and the refresh coordinator import. */
export { createContainerdSource, endpointFromDockerInfo, toRuntimeStatus } from './source';
export type { ContainerdSource, ContainerdSourceOptions } from './source';
export {
  dedupeAgainstDocker,
  isContainerdContainer,
  mapTaskState,
  ociRuntimeName,
  parseOciSpec,
  podFromLabels,
  requestedModesFromSpec,
  DOCKER_CONTAINERD_NAMESPACE,
  CRI_LABELS,
} from './records';
export type {
  ContainerdContainerInfo,
  ContainerdExtras,
  DockerLink,
  ParsedSpec,
  SpecLimits,
  SpecNamespace,
} from './records';
export { envelopeToEvent, WATCH_INITIAL_BACKOFF_MS, WATCH_MAX_BACKOFF_MS } from './events';
export { DEFAULT_CONTAINERD_ADDRESS, DEFAULT_CONTAINERD_TIMEOUT_MS, DENIED_HINT } from './transport';
export type { ContainerdError, ContainerdErrorKind } from './transport';
