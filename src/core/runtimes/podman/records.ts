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
import { hostConfigModes, isObject, optString, pidField, ShapeError, type NamespaceModes } from '../shared/json';
import { validateInspectHead, validateItems, validateListedContainer, type ListedContainer } from '../shared/records';
import { requestFromPodmanInspect, type EngineRequest } from '../../privileges/engineRequest';

/** One row of `GET /libpod/containers/json?all=true&namespace=true` or `podman ps -a --ns --format json`. */
export interface PodmanContainerRecord extends ListedContainer {
  /** Raw libpod state: `created`, `initialized`, `running`, `paused`, `stopping`, `stopped`, `exited`, `removing`, `configured`. */
  state: string;
  /** Human status (CLI only; the API leaves it empty). */
  status: string;
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
  modes: NamespaceModes;
  labels: Record<string, string>;
  /** What the container was asked (HostConfig, EffectiveCaps, IDMappings, OCIRuntime). */
  request: EngineRequest;
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
  return validateItems(raw, 'the container list', (item, i) => {
    const checked = validateListedContainer(item, i, (id) => /^[0-9a-f]{12,64}$/i.test(id));
    if (checked instanceof ShapeError) return checked;
    const { row, listed } = checked;
    const pid = pidField(row.Pid, `item ${i}.Pid`);
    if (pid instanceof ShapeError) return pid;
    const ns = isObject(row.Namespaces) ? row.Namespaces : {};
    const namespaceInodes: Record<string, string> = {};
    for (const [k, v] of Object.entries(ns)) if (typeof v === 'string' && v) namespaceInodes[k] = v;
    return {
      ...listed,
      pid,
      podId: optString(row.Pod) ?? '',
      podName: optString(row.PodName) ?? '',
      isInfra: row.IsInfra === true,
      namespaceInodes,
    };
  });
}

export function validatePodmanPodList(raw: unknown): PodmanPodRecord[] | ShapeError {
  if (raw === null) return [];
  return validateItems(raw, 'the pod list', (p, i) => {
    if (!isObject(p)) return new ShapeError(`pod ${i} is not an object`);
    if (typeof p.Id !== 'string' || !p.Id) return new ShapeError(`pod ${i} has no Id`);
    const containerIds: string[] = [];
    if (Array.isArray(p.Containers))
      for (const c of p.Containers) if (isObject(c) && typeof c.Id === 'string') containerIds.push(c.Id);
    return {
      id: p.Id,
      name: optString(p.Name) ?? p.Id.slice(0, 12),
      infraId: optString(p.InfraId) ?? '',
      status: optString(p.Status) ?? '',
      containerIds,
    };
  });
}

export function validatePodmanInspect(raw: unknown): PodmanInspectRecord | ShapeError {
  const head = validateInspectHead(raw);
  if (head instanceof ShapeError) return head;
  const { row, state } = head;
  const conmonPid = state.ConmonPid;
  return {
    id: head.id,
    name: head.name,
    image: optString(row.ImageName) || optString(row.Image) || '',
    pid: head.pid,
    status: optString(state.Status) ?? '',
    podId: optString(row.Pod) ?? '',
    isInfra: row.IsInfra === true,
    cgroupPath: optString(state.CgroupPath) || undefined,
    conmonPid: typeof conmonPid === 'number' && conmonPid > 0 ? conmonPid : undefined,
    ociRuntime: optString(row.OCIRuntime) || undefined,
    modes: hostConfigModes(row.HostConfig),
    labels: head.labels,
    request: requestFromPodmanInspect(row),
  };
}

/** `podman inspect` prints an array even for one id. */
export function validatePodmanInspectList(raw: unknown): PodmanInspectRecord[] | ShapeError {
  return validateItems(raw, 'inspect output', (item, i) => {
    const r = validatePodmanInspect(item);
    return r instanceof ShapeError ? new ShapeError(`item ${i}: ${r.message}`) : r;
  });
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
