/**
 * Podman's raw answers, validated at the boundary into small records, and their normalization to
 * the model. The libpod REST API and the CLI's `--format json` print nearly the same objects (the
 * CLI is a libpod client), with a few differences handled here:
 *
 * - `Created` is an RFC 3339 string from the API and Unix seconds from `podman ps`;
 * - `Status` is empty from the API and human (`Up 9 minutes ago`) from the CLI;
 * - `PodName` is filled by the API and empty from `podman ps` without `--pod`: the pod list names
 *   the pods either way, so both paths take the name from there.
 *
 * Every validator returns a record or a ShapeError naming the offending field; nothing throws.
 */
import type { ContainerInfo, ContainerState, NamespaceKind, RuntimeChainLink, RuntimeKind } from '../../model';
import { ShapeError } from '../unixHttp';
import { isObject, optString, stringMap } from '../json';

/** One row of `GET /libpod/containers/json?all=true&namespace=true` or `podman ps -a --ns --format json`. */
export interface PodmanContainerRecord {
  id: string;
  names: string[];
  /** First name, or the short id when there is none. */
  name: string;
  image: string;
  imageId?: string;
  /** Raw libpod state: `created`, `initialized`, `running`, `paused`, `stopping`, `stopped`, `exited`, `removing`, `configured`. */
  state: string;
  /** Human status (CLI only; the API leaves it empty). */
  status: string;
  labels: Record<string, string>;
  /** Host PID of the init process; 0 when it has none. */
  pid: number;
  /** Pod id, empty when the container is in no pod. */
  podId: string;
  /** Pod name as the API gives it (the CLI leaves it empty). */
  podName: string;
  isInfra: boolean;
  /** Namespace inodes as libpod reports them (`Net: "4026532319"`), for cross-checks only. */
  namespaceInodes: Record<string, string>;
}

export interface PodmanPodRecord {
  id: string;
  name: string;
  infraId: string;
  status: string;
  containerIds: string[];
}

/** HostConfig modes from `GET /libpod/containers/{id}/json` or `podman inspect`; '' = engine default. */
export interface PodmanInspectRecord {
  id: string;
  name: string;
  /** ImageName (`localhost/anatomy-busybox:latest`), else Image (an id). */
  image: string;
  pid: number;
  status: string;
  podId: string;
  isInfra: boolean;
  /** State.CgroupPath, e.g. `/libpod_parent/<pod>/libpod-<id>` or `machine.slice/libpod-<id>.scope`. */
  cgroupPath?: string;
  conmonPid?: number;
  ociRuntime?: string;
  modes: { network: string; pid: string; ipc: string; uts: string; userns: string; cgroupns: string };
  labels: Record<string, string>;
}

export interface PodmanInfoRecord {
  version: string;
  apiVersion?: string;
  cgroupManager?: string;
  cgroupVersion?: '1' | '2';
  rootless: boolean;
  ociRuntime?: { name: string; version?: string; path?: string };
  conmon?: { version?: string; path?: string };
  remoteSocket?: { path: string; exists: boolean };
  /** True when the service runs elsewhere (Podman machine): its PIDs are not on this kernel. */
  serviceIsRemote: boolean;
  os?: string;
  kernel?: string;
  hostname?: string;
}

// ---------------------------------------------------------------------------------------------

export function validatePodmanContainerList(raw: unknown): PodmanContainerRecord[] | ShapeError {
  if (raw === null) return []; // `podman ps` prints `null`? Not seen, but an empty engine must not be garbage.
  if (!Array.isArray(raw)) return new ShapeError('the container list is not an array');
  const out: PodmanContainerRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c: unknown = raw[i];
    if (!isObject(c)) return new ShapeError(`item ${i} is not an object`);
    if (typeof c.Id !== 'string' || !/^[0-9a-f]{12,64}$/i.test(c.Id))
      return new ShapeError(`item ${i} has no valid Id`);
    const names: string[] = [];
    if (c.Names !== undefined && c.Names !== null) {
      if (!Array.isArray(c.Names) || !c.Names.every((n) => typeof n === 'string'))
        return new ShapeError(`item ${i}.Names is not a list of strings`);
      names.push(...(c.Names as string[]));
    }
    const labels = stringMap(c.Labels, `item ${i}.Labels`);
    if (labels instanceof ShapeError) return labels;
    const pid = c.Pid ?? 0;
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid < 0)
      return new ShapeError(`item ${i}.Pid is not a non-negative integer`);
    const ns = isObject(c.Namespaces) ? c.Namespaces : {};
    const namespaceInodes: Record<string, string> = {};
    for (const [k, v] of Object.entries(ns)) if (typeof v === 'string' && v) namespaceInodes[k] = v;
    out.push({
      id: c.Id,
      names,
      name: names[0] ?? c.Id.slice(0, 12),
      image: optString(c.Image) ?? '',
      imageId: optString(c.ImageID),
      state: optString(c.State) ?? '',
      status: optString(c.Status) ?? '',
      labels,
      pid,
      podId: optString(c.Pod) ?? '',
      podName: optString(c.PodName) ?? '',
      isInfra: c.IsInfra === true,
      namespaceInodes,
    });
  }
  return out;
}

export function validatePodmanPodList(raw: unknown): PodmanPodRecord[] | ShapeError {
  if (raw === null) return [];
  if (!Array.isArray(raw)) return new ShapeError('the pod list is not an array');
  const out: PodmanPodRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p: unknown = raw[i];
    if (!isObject(p)) return new ShapeError(`pod ${i} is not an object`);
    if (typeof p.Id !== 'string' || !p.Id) return new ShapeError(`pod ${i} has no Id`);
    const containerIds: string[] = [];
    if (Array.isArray(p.Containers))
      for (const c of p.Containers) if (isObject(c) && typeof c.Id === 'string') containerIds.push(c.Id);
    out.push({
      id: p.Id,
      name: optString(p.Name) ?? p.Id.slice(0, 12),
      infraId: optString(p.InfraId) ?? '',
      status: optString(p.Status) ?? '',
      containerIds,
    });
  }
  return out;
}

export function validatePodmanInspect(raw: unknown): PodmanInspectRecord | ShapeError {
  if (!isObject(raw)) return new ShapeError('inspect answer is not an object');
  if (typeof raw.Id !== 'string' || !raw.Id) return new ShapeError('no Id');
  if (!isObject(raw.State)) return new ShapeError('no State');
  const pid = raw.State.Pid ?? 0;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid < 0)
    return new ShapeError('State.Pid is not a non-negative integer');
  const hc = isObject(raw.HostConfig) ? raw.HostConfig : {};
  const config = isObject(raw.Config) ? raw.Config : {};
  const labels = stringMap(config.Labels, 'Config.Labels');
  if (labels instanceof ShapeError) return labels;
  const conmonPid = raw.State.ConmonPid;
  return {
    id: raw.Id,
    name: (optString(raw.Name) ?? '').replace(/^\//, ''),
    image: optString(raw.ImageName) || optString(raw.Image) || '',
    pid,
    status: optString(raw.State.Status) ?? '',
    podId: optString(raw.Pod) ?? '',
    isInfra: raw.IsInfra === true,
    cgroupPath: optString(raw.State.CgroupPath) || undefined,
    conmonPid: typeof conmonPid === 'number' && conmonPid > 0 ? conmonPid : undefined,
    ociRuntime: optString(raw.OCIRuntime) || undefined,
    modes: {
      network: optString(hc.NetworkMode) ?? '',
      pid: optString(hc.PidMode) ?? '',
      ipc: optString(hc.IpcMode) ?? '',
      uts: optString(hc.UTSMode) ?? '',
      userns: optString(hc.UsernsMode) ?? '',
      cgroupns: optString(hc.CgroupnsMode) ?? '',
    },
    labels,
  };
}

/** `podman inspect` prints an array even for one id. */
export function validatePodmanInspectList(raw: unknown): PodmanInspectRecord[] | ShapeError {
  if (!Array.isArray(raw)) return new ShapeError('inspect output is not an array');
  const out: PodmanInspectRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = validatePodmanInspect(raw[i]);
    if (r instanceof ShapeError) return new ShapeError(`item ${i}: ${r.message}`);
    out.push(r);
  }
  return out;
}

/** First line of a multi-line `--version` text, version token only: `runc version 1.1.5+ds1\ncommit…` → `1.1.5+ds1`. */
export function versionFromText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const first = text.split('\n')[0].trim();
  const m = /version\s+v?([0-9][^\s,]*)/i.exec(first) ?? /\bv?(\d+\.\d+[^\s,]*)/.exec(first);
  return m ? m[1] : first || undefined;
}

export function validatePodmanInfo(raw: unknown): PodmanInfoRecord | ShapeError {
  if (!isObject(raw)) return new ShapeError('info answer is not an object');
  if (!isObject(raw.host)) return new ShapeError('no host');
  if (!isObject(raw.version)) return new ShapeError('no version');
  const host = raw.host;
  const version = raw.version;
  if (typeof version.Version !== 'string' || !version.Version) return new ShapeError('no version.Version');
  const security = isObject(host.security) ? host.security : {};
  const oci = isObject(host.ociRuntime) ? host.ociRuntime : undefined;
  const conmon = isObject(host.conmon) ? host.conmon : undefined;
  const remote = isObject(host.remoteSocket) ? host.remoteSocket : undefined;
  const cg = optString(host.cgroupVersion);
  return {
    version: version.Version,
    apiVersion: optString(version.APIVersion),
    cgroupManager: optString(host.cgroupManager),
    cgroupVersion: cg === 'v1' || cg === '1' ? '1' : cg === 'v2' || cg === '2' ? '2' : undefined,
    rootless: security.rootless === true,
    ociRuntime:
      oci && typeof oci.name === 'string'
        ? { name: oci.name, version: versionFromText(optString(oci.version)), path: optString(oci.path) }
        : undefined,
    conmon: conmon ? { version: versionFromText(optString(conmon.version)), path: optString(conmon.path) } : undefined,
    remoteSocket:
      remote && typeof remote.path === 'string' ? { path: remote.path, exists: remote.exists === true } : undefined,
    serviceIsRemote: host.serviceIsRemote === true,
    os: optString(host.os),
    kernel: optString(host.kernel),
    hostname: optString(host.hostname),
  };
}

// ---------------------------------------------------------------------------------------------
// Normalization.

/** libpod states → model. `stopping` still has its process; `configured`/`initialized` are pre-start. */
export function mapPodmanState(state: string | undefined): ContainerState {
  switch ((state ?? '').trim().toLowerCase()) {
    case 'running':
    case 'stopping':
      return 'running';
    case 'paused':
      return 'paused';
    case 'restarting':
      return 'restarting';
    case 'created':
    case 'configured':
    case 'initialized':
      return 'created';
    case 'exited':
    case 'stopped':
      return 'exited';
    case 'dead':
      return 'dead';
    default:
      return 'unknown'; // `removing`, `unknown`, anything newer
  }
}

/** HostConfig modes → model namespace kinds; empty modes (engine default) are left out. */
export function podmanRequestedModes(modes: PodmanInspectRecord['modes']): Partial<Record<NamespaceKind, string>> {
  const out: Partial<Record<NamespaceKind, string>> = {};
  const pairs: [NamespaceKind, string][] = [
    ['net', modes.network],
    ['pid', modes.pid],
    ['ipc', modes.ipc],
    ['uts', modes.uts],
    ['user', modes.userns],
    ['cgroup', modes.cgroupns],
  ];
  for (const [kind, mode] of pairs) if (mode) out[kind] = mode;
  return out;
}

/** The note the snapshot shows for a rootless container on a cgroup v1 host. */
export const ROOTLESS_V1_NOTE =
  'rootless on cgroup v1 has no per-container cgroup: the container runs in its user’s session cgroup';

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
    const modes = podmanRequestedModes(inspected.modes);
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

/** podman → conmon → runc/crun, as `info` reports them. The CLI link is added when the CLI was used. */
export function podmanRuntimeChain(info: PodmanInfoRecord, via: 'socket' | 'cli'): RuntimeChainLink[] {
  const chain: RuntimeChainLink[] = [];
  if (via === 'cli') chain.push({ name: 'podman', version: info.version, role: 'cli' });
  else chain.push({ name: 'podman system service', version: info.version, role: 'engine' });
  if (info.conmon) chain.push({ name: 'conmon', version: info.conmon.version, role: 'monitor' });
  if (info.ociRuntime) chain.push({ name: info.ociRuntime.name, version: info.ociRuntime.version, role: 'oci' });
  return chain;
}

/** Podman machine (macOS, Windows, or `podman --remote`): the service is remote, its PIDs are elsewhere. */
export function detectPodmanInVm(info: PodmanInfoRecord): { reason: string } | undefined {
  if (info.serviceIsRemote)
    return { reason: 'Podman runs as a remote service (Podman machine or --remote): its PIDs are not on this kernel' };
  return undefined;
}

/** Parses one line of libpod's events (API or `podman events --format json`); a string says why not. */
export interface PodmanEvent {
  id: string;
  /** `start`, `died`, `remove`, `create`, `init`, `cleanup`… */
  action: string;
  type: string;
  name?: string;
  /** Unix nanoseconds where given. */
  timeNano?: bigint;
}

export function parsePodmanEvent(line: string): PodmanEvent | string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    return `invalid JSON (${(err as Error).message})`;
  }
  if (!isObject(raw)) return 'event is not an object';
  // The API sends the Docker-compatible shape (Type, Action, Actor.ID); the CLI libpod's own (ID, Status, Type).
  const actor = isObject(raw.Actor) ? raw.Actor : {};
  const id = optString(raw.ID) || optString(actor.ID) || optString(raw.id) || '';
  const action = optString(raw.Status) || optString(raw.Action) || optString(raw.status) || '';
  const type = (optString(raw.Type) || 'container').toLowerCase();
  if (!id) return 'event has no id';
  if (!action) return 'event has no action';
  const attributes = isObject(actor.Attributes) ? actor.Attributes : {};
  const name = optString(raw.Name) || optString(attributes.name);
  const nano = /"timeNano"\s*:\s*(\d+)/.exec(line);
  return { id, action: action.toLowerCase(), type, name, timeNano: nano ? BigInt(nano[1]) : undefined };
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
