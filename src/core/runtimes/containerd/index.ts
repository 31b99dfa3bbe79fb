/** The containerd client's public surface: what the snapshot layer and the refresh coordinator import. */
export { createContainerdSource, ContainerdSource } from './source';
export type { ContainerdSourceOptions } from './source';
export { ContainerdClient } from './client';
export {
  chooseContainerdAddress,
  endpointFromDockerInfo,
  normalizeAddress,
  socketPathOf,
  DEFAULT_CONTAINERD_ADDRESS,
} from './endpoint';
export {
  isContainerdContainer,
  mapTaskState,
  ociRuntimeName,
  parseOciSpec,
  podFromLabels,
  requestedModesFromSpec,
  DOCKER_CONTAINERD_NAMESPACE,
  CRI_LABELS,
} from './records';
export type { ContainerdContainerInfo, ContainerdExtras, ParsedSpec, SpecLimits, SpecNamespace } from './records';
export { containerdEventConnector, envelopeToEvent } from './events';
export type { ContainerdEventOptions } from './events';
export { DEFAULT_CONTAINERD_TIMEOUT_MS, DENIED_HINT, ContainerdTransport } from './transport';
export type { ContainerdError, ContainerdErrorKind } from './transport';
