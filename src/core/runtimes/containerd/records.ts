/**
 * From containerd's records to the model: the OCI spec (namespaces, cgroupsPath, resources), task
 * status, CRI pods, the OCI runtime behind the shim, and the mark on Docker's copies in namespace `moby`.
 * Pure functions over plain data, so each is tested with fixtures.
 */
import type { ContainerInfo, ContainerState, NamespaceKind, RuntimeChainLink } from '../../model';
import type { PbContainer, PbProcess } from './schema';
import { isObject } from '../shared/json';

/** containerd namespace where dockerd keeps its containers. */
export const DOCKER_CONTAINERD_NAMESPACE = 'moby';

export const CRI_LABELS = {
  podName: 'io.kubernetes.pod.name',
  podNamespace: 'io.kubernetes.pod.namespace',
  podUid: 'io.kubernetes.pod.uid',
  containerName: 'io.kubernetes.container.name',
  kind: 'io.cri-containerd.kind',
} as const;

// ---------------------------------------------------------------------------------------------
// OCI runtime spec

/** OCI `linux.namespaces[].type` → the model's kind. */
const OCI_NAMESPACE_TYPES: Record<string, NamespaceKind> = {
  pid: 'pid',
  network: 'net',
  mount: 'mnt',
  ipc: 'ipc',
  uts: 'uts',
  user: 'user',
  cgroup: 'cgroup',
  time: 'time',
};

export interface SpecNamespace {
  kind: NamespaceKind;
  /** Set when the container joins an existing namespace (`/proc/<pid>/ns/net`), absent for a new one. */
  path?: string;
}

/** Limits the spec asked for. A hint only: the kernel's cgroup files are the truth. */
export interface SpecLimits {
  memoryBytes?: number;
  cpuQuotaUs?: number;
  cpuPeriodUs?: number;
  /** quota / period, when both are set and the quota is positive. */
  cpus?: number;
  cpuShares?: number;
  pidsLimit?: number;
}

export interface ParsedSpec {
  namespaces: SpecNamespace[];
  cgroupsPath?: string;
  limits: SpecLimits;
}

const finiteNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Reads the spec `Any`'s value: the OCI runtime spec as JSON. Returns a string saying what was
 * wrong when it is not JSON or not an object; unknown or odd fields are skipped, not fatal.
 */
export function parseOciSpec(value: Uint8Array | string | undefined): ParsedSpec | string {
  if (value === undefined || value.length === 0) return 'the container has no spec';
  const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return `the spec is not JSON (${(err as Error).message})`;
  }
  if (!isObject(raw)) return 'the spec is not a JSON object';
  const linux = isObject(raw.linux) ? raw.linux : {};
  const namespaces: SpecNamespace[] = [];
  if (Array.isArray(linux.namespaces)) {
    for (const entry of linux.namespaces) {
      if (!isObject(entry) || typeof entry.type !== 'string') continue;
      const kind = OCI_NAMESPACE_TYPES[entry.type];
      if (!kind || namespaces.some((n) => n.kind === kind)) continue;
      const path = typeof entry.path === 'string' && entry.path.trim() ? entry.path : undefined;
      namespaces.push(path ? { kind, path } : { kind });
    }
  }
  const limits: SpecLimits = {};
  const resources = isObject(linux.resources) ? linux.resources : {};
  const memory = isObject(resources.memory) ? resources.memory : {};
  const memoryLimit = finiteNumber(memory.limit);
  if (memoryLimit !== undefined && memoryLimit > 0) limits.memoryBytes = memoryLimit;
  const cpu = isObject(resources.cpu) ? resources.cpu : {};
  const quota = finiteNumber(cpu.quota);
  const period = finiteNumber(cpu.period);
  if (quota !== undefined && quota > 0) limits.cpuQuotaUs = quota;
  if (period !== undefined && period > 0) limits.cpuPeriodUs = period;
  if (limits.cpuQuotaUs !== undefined) limits.cpus = limits.cpuQuotaUs / (limits.cpuPeriodUs ?? 100_000);
  const shares = finiteNumber(cpu.shares);
  if (shares !== undefined && shares > 0) limits.cpuShares = shares;
  const pids = isObject(resources.pids) ? resources.pids : {};
  const pidsLimit = finiteNumber(pids.limit);
  if (pidsLimit !== undefined && pidsLimit > 0) limits.pidsLimit = pidsLimit;
  const cgroupsPath = typeof linux.cgroupsPath === 'string' && linux.cgroupsPath ? linux.cgroupsPath : undefined;
  return { namespaces, cgroupsPath, limits };
}

/** `/proc/<pid>/ns/<kind>` → pid. */
export function pidOfNamespacePath(path: string): number | undefined {
  const m = /^\/proc\/(\d+)\/ns\/\w+$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/**
 * The namespace modes the spec asked for, keyed by kind, in the words the Docker client uses:
 * `private` (a new namespace: listed without a path), `host` (not listed: inherited from the
 * runtime, i.e. the host's), `container:<id>` (joined by path to a task of this reading), or
 * `path:<path>` (joined to a namespace no listed task owns). `time` is left out when the spec does
 * not list it: every engine inherits it and kernels before 5.6 have none.
 */
export function requestedModesFromSpec(
  namespaces: readonly SpecNamespace[],
  containerByPid?: ReadonlyMap<number, string>,
): Partial<Record<NamespaceKind, string>> {
  const out: Partial<Record<NamespaceKind, string>> = {};
  for (const kind of ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'user', 'uts'] as const) out[kind] = 'host';
  for (const ns of namespaces) {
    if (!ns.path) {
      out[ns.kind] = 'private';
      continue;
    }
    const pid = pidOfNamespacePath(ns.path);
    const owner = pid !== undefined ? containerByPid?.get(pid) : undefined;
    out[ns.kind] = owner ? `container:${owner}` : `path:${ns.path}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tasks

/** containerd.v1.types.Status values. */
export const TASK_STATUS = { UNKNOWN: 0, CREATED: 1, RUNNING: 2, STOPPED: 3, PAUSED: 4, PAUSING: 5 } as const;

/** Task status → model state. No task at all means the container exists but never ran or was cleaned up. */
export function mapTaskState(status: number | undefined, hasTask = true): ContainerState {
  if (!hasTask) return 'created';
  switch (status) {
    case TASK_STATUS.CREATED:
      return 'created';
    case TASK_STATUS.RUNNING:
      return 'running';
    case TASK_STATUS.STOPPED:
      return 'exited';
    case TASK_STATUS.PAUSED:
    case TASK_STATUS.PAUSING:
      return 'paused';
    default:
      return 'unknown';
  }
}

/** Human status like `task running (pid 123)`. */
export function describeTask(task: PbProcess | undefined): string {
  if (!task) return 'no task (created, or stopped and its task deleted)';
  const pid = task.pid ? ` (pid ${task.pid})` : '';
  switch (task.status) {
    case TASK_STATUS.CREATED:
      return `task created${pid}`;
    case TASK_STATUS.RUNNING:
      return `task running${pid}`;
    case TASK_STATUS.STOPPED:
      return `task stopped, exit status ${task.exit_status ?? 0}`;
    case TASK_STATUS.PAUSED:
      return `task paused${pid}`;
    case TASK_STATUS.PAUSING:
      return `task pausing${pid}`;
    default:
      return `task in an unknown state${pid}`;
  }
}

/** States with a live init process, so the PID is worth handing to the kernel readers. */
export function taskHasProcess(task: PbProcess | undefined): boolean {
  if (!task || !task.pid || !Number.isInteger(task.pid) || task.pid <= 0) return false;
  return (
    task.status === TASK_STATUS.RUNNING ||
    task.status === TASK_STATUS.PAUSED ||
    task.status === TASK_STATUS.PAUSING ||
    task.status === TASK_STATUS.CREATED
  );
}

/** The init process of each container (exec processes have a non-empty `id` other than the container's). */
export function tasksByContainer(tasks: readonly PbProcess[]): Map<string, PbProcess> {
  const out = new Map<string, PbProcess>();
  for (const t of tasks) {
    const id = t.container_id || t.id;
    if (!id) continue;
    if (t.id && t.container_id && t.id !== t.container_id) continue;
    out.set(id, t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Runtimes

/**
 * A runtime name (the shim's) → the OCI runtime behind it: `io.containerd.runc.v2` → `runc`,
 * `io.containerd.runsc.v1` → `runsc`, `io.containerd.kata.v2` → `kata`, the old
 * `io.containerd.runtime.v1.linux` → `runc`. Anything else is returned as given.
 */
export function ociRuntimeName(runtime: string | undefined): string | undefined {
  if (!runtime) return undefined;
  if (runtime === 'io.containerd.runtime.v1.linux') return 'runc';
  const m = /^io\.containerd\.([\w-]+)\.v\d+$/.exec(runtime);
  return m ? m[1] : runtime;
}

/** containerd, then each distinct OCI runtime its containers use (outermost first). */
export function containerdChain(
  version: string | undefined,
  runtimes: readonly (string | undefined)[],
): RuntimeChainLink[] {
  const chain: RuntimeChainLink[] = [{ name: 'containerd', version, role: 'cri' }];
  const seen = new Set<string>();
  for (const r of runtimes) {
    const name = ociRuntimeName(r);
    if (!name || seen.has(name)) continue;
    seen.add(name);
    chain.push({ name, role: 'oci' });
  }
  return chain;
}

// ---------------------------------------------------------------------------------------------
// Containers

/** What containerd knows beyond the model, kept on each ContainerInfo it produces. */
export interface ContainerdExtras {
  /** The shim runtime, e.g. `io.containerd.runc.v2`. */
  runtime?: string;
  ociRuntime?: string;
  snapshotter?: string;
  /** `linux.cgroupsPath` from the spec, e.g. `/k8s.io/<id>` or `system.slice:cri-containerd:<id>`. */
  cgroupsPath?: string;
  /** Namespaces listed in the spec; a path means joined to that namespace, none means a new one. */
  specNamespaces?: SpecNamespace[];
  /** Limits the spec asked for; a hint, the kernel's cgroup files are the truth. */
  specLimits?: SpecLimits;
  /** Why the spec could not be read, when it could not. */
  specProblem?: string;
  /** Set on containers in Docker's namespace (`moby`): the same container Docker lists. */
  managedBy?: 'docker';
}

export type ContainerdContainerInfo = ContainerInfo & { containerd: ContainerdExtras };

export function isContainerdContainer(c: ContainerInfo): c is ContainerdContainerInfo {
  return c.runtime === 'containerd' && typeof (c as Partial<ContainerdContainerInfo>).containerd === 'object';
}

export function containerKey(namespace: string, id: string): string {
  return `containerd:${namespace}:${id}`;
}

/** Kubernetes pod from the CRI labels, when the pod name label is there. */
export function podFromLabels(labels: Record<string, string>): ContainerInfo['pod'] | undefined {
  const name = labels[CRI_LABELS.podName];
  if (!name) return undefined;
  const pod: NonNullable<ContainerInfo['pod']> = { name };
  const namespace = labels[CRI_LABELS.podNamespace];
  if (namespace) pod.namespace = namespace;
  const uid = labels[CRI_LABELS.podUid];
  if (uid) pod.id = uid;
  if (labels[CRI_LABELS.kind] === 'sandbox') pod.infra = true;
  return pod;
}

/** Labels as a plain string map; anything that is not a string is dropped. */
function cleanLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!labels || typeof labels !== 'object') return out;
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * One containerd container (plus its task, if any) → ContainerInfo. `containerByPid` maps init
 * PIDs of this namespace's tasks to container ids, to name the owner of a joined namespace.
 */
export function toContainerInfo(
  namespace: string,
  container: PbContainer,
  task: PbProcess | undefined,
  containerByPid?: ReadonlyMap<number, string>,
): ContainerdContainerInfo | undefined {
  const id = container.id;
  if (typeof id !== 'string' || !id) return undefined;
  const labels = cleanLabels(container.labels);
  const runtime = container.runtime?.name || undefined;
  const extras: ContainerdExtras = {
    runtime,
    ociRuntime: ociRuntimeName(runtime),
    snapshotter: container.snapshotter || undefined,
  };
  if (namespace === DOCKER_CONTAINERD_NAMESPACE) extras.managedBy = 'docker';
  const spec = parseOciSpec(container.spec?.value);
  let requestedModes: ContainerInfo['requestedModes'];
  if (typeof spec === 'string') {
    extras.specProblem = spec;
  } else {
    extras.cgroupsPath = spec.cgroupsPath;
    extras.specNamespaces = spec.namespaces;
    extras.specLimits = spec.limits;
    requestedModes = requestedModesFromSpec(spec.namespaces, containerByPid);
  }
  const info: ContainerdContainerInfo = {
    key: containerKey(namespace, id),
    runtime: 'containerd',
    id,
    name: labels[CRI_LABELS.containerName] || id,
    image: container.image ?? '',
    state: mapTaskState(task?.status, task !== undefined),
    status: describeTask(task),
    labels,
    containerdNamespace: namespace,
    containerd: extras,
  };
  const pod = podFromLabels(labels);
  if (pod) info.pod = pod;
  if (requestedModes) info.requestedModes = requestedModes;
  if (taskHasProcess(task)) info.pid = task?.pid;
  else info.kernelDetailNote = task ? 'the task has no live process' : 'no task: the container is not running';
  return info;
}

/** Init PID → container id, for the running tasks of one namespace. */
export function pidIndex(tasks: ReadonlyMap<string, PbProcess>): Map<number, string> {
  const out = new Map<number, string>();
  for (const [id, t] of tasks) if (taskHasProcess(t) && t.pid) out.set(t.pid, id);
  return out;
}
