/** Podman's records → the model's ContainerInfo: state, pod, requested modes and the PID. */
import type { ContainerInfo, ContainerState, RuntimeKind } from '../../model';
import { requestedModes } from '../shared/json';
import { mapState } from '../shared/records';
import type { PodmanContainerRecord, PodmanInspectRecord, PodmanPodRecord } from './records';

/** libpod states → model. `stopping` still has its process; `configured`/`initialized` are pre-start. */
const PODMAN_STATES: Readonly<Record<string, ContainerState>> = {
  running: 'running',
  stopping: 'running',
  paused: 'paused',
  restarting: 'restarting',
  created: 'created',
  configured: 'created',
  initialized: 'created',
  exited: 'exited',
  stopped: 'exited',
  dead: 'dead',
};

/** `removing`, `unknown` and anything newer are `unknown`. */
export function mapPodmanState(state: string | undefined): ContainerState {
  return mapState(PODMAN_STATES, state);
}

import { ROOTLESS_V1_NOTE } from '../../snapshot/kernelDetail';
export { ROOTLESS_V1_NOTE };

export interface NormalizeContext {
  runtime: RuntimeKind;
  pods: readonly PodmanPodRecord[];
  /** Inspect results by container id, where they were read. */
  inspected?: ReadonlyMap<string, PodmanInspectRecord>;
  /** The engine runs in a VM (Podman machine): keep PIDs out, they are not on this kernel. */
  inVm?: { reason: string };
  rootlessOnV1?: boolean;
}

export function podmanContainerInfo(c: PodmanContainerRecord, ctx: NormalizeContext): ContainerInfo {
  const state = mapPodmanState(c.state);
  const info: ContainerInfo = {
    key: `${ctx.runtime}::${c.id}`,
    runtime: ctx.runtime,
    id: c.id,
    name: c.name,
    image: c.image,
    state,
    labels: c.labels,
  };
  if (c.status) info.status = c.status;
  const pod = c.podId ? ctx.pods.find((p) => p.id === c.podId) : ctx.pods.find((p) => p.containerIds.includes(c.id));
  if (c.podId || pod) {
    info.pod = {
      id: c.podId || pod?.id,
      name: pod?.name || c.podName || (c.podId || pod?.id || '').slice(0, 12),
      infra: c.isInfra || (pod !== undefined && pod.infraId === c.id),
    };
  }
  const inspected = ctx.inspected?.get(c.id);
  if (inspected) {
    info.privilegeRequest = inspected.request;
    const modes = requestedModes(inspected.modes);
    if (Object.keys(modes).length) info.requestedModes = modes;
  }
  const pid = c.pid || inspected?.pid || 0;
  const hasProcess = state === 'running' || state === 'paused' || state === 'restarting';
  if (ctx.inVm) {
    info.kernelDetailNote = ctx.inVm.reason;
  } else if (hasProcess && pid > 0) {
    info.pid = pid;
    if (ctx.rootlessOnV1) info.kernelDetailNote = ROOTLESS_V1_NOTE;
  } else if (!hasProcess) {
    info.kernelDetailNote = `not running (${c.state || 'unknown state'})`;
  } else {
    info.kernelDetailNote = 'Podman reported no PID for this container';
  }
  return info;
}

/** An inspect record as a list row, for readOne (which inspects instead of listing). */
export function inspectAsListRecord(r: PodmanInspectRecord): PodmanContainerRecord {
  return {
    id: r.id,
    names: r.name ? [r.name] : [],
    name: r.name || r.id.slice(0, 12),
    image: r.image,
    state: r.status,
    status: '',
    labels: r.labels,
    pid: r.pid,
    podId: r.podId,
    podName: '',
    isInfra: r.isInfra,
    namespaceInodes: {},
  };
}
