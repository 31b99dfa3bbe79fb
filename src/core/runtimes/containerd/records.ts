/**
 * From containerd's records to the model: the OCI spec (namespaces, cgroupsPath, resources), task
 * status, CRI pods, the OCI runtime behind the shim, and the mark on Docker's copies in namespace `moby`.
 * Pure functions over plain data, so each is tested with fixtures.
 */
import type { ContainerInfo, ContainerState, RuntimeChainLink } from '../../model';
import type { PbContainer, PbProcess } from './schema';
import { requestFromOciSpec } from '../../privileges/ociRequest';
import { decodeOciSpec, requestedModesFromSpec, specFromDocument, type SpecLimits, type SpecNamespace } from './spec';

export * from './spec';

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
  const document = decodeOciSpec(container.spec?.value);
  const spec = typeof document === 'string' ? document : specFromDocument(document);
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
  if (typeof document !== 'string') info.privilegeRequest = requestFromOciSpec(document, runtime);
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
