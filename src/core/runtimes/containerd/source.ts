/**
 * containerd as an EngineSource: every containerd namespace, its containers (with the OCI spec's
 * namespaces, cgroupsPath and resources) and their tasks (PID, status), Kubernetes pods from CRI
 * labels, the version and the runtime chain; `readOne` after an event; `watch` over
 * Events.Subscribe. Only List, Get, Subscribe and Version are ever called.
 */
import type { RuntimeInfo, RuntimeStatus } from '../../model';
import type {
  ContainerEvent,
  EngineReading,
  EngineSource,
  EngineWatchStatus,
  SingleContainerReading,
} from '../../snapshot/engineSource';
import { ContainerdEventWatch, type ContainerdWatchOptions } from './events';
import {
  containerdChain,
  pidIndex,
  pidOfNamespacePath,
  tasksByContainer,
  toContainerInfo,
  type ContainerdContainerInfo,
} from './records';
import { METHODS, type PbContainer, type PbNamespace, type PbProcess, type PbVersion } from './schema';
import {
  ContainerdTransport,
  DEFAULT_CONTAINERD_ADDRESS,
  DEFAULT_CONTAINERD_TIMEOUT_MS,
  DENIED_HINT,
  normalizeAddress,
  type ContainerdError,
  type CtrResult,
} from './transport';

export interface ContainerdSourceOptions {
  /** `unix:///run/containerd/containerd.sock` (default), or a bare socket path. */
  address?: string;
  /** Deadline for a whole read (every call of it shares it), and for readOne. */
  timeoutMs?: number;
  watch?: ContainerdWatchOptions;
}

export interface ContainerdSource extends EngineSource {
  readonly kind: 'containerd';
  readonly address: string;
  read(signal?: AbortSignal): Promise<EngineReading & { containers: ContainerdContainerInfo[] }>;
  watch(onEvent: (event: ContainerEvent) => void, onStatus: (status: EngineWatchStatus) => void): { dispose(): void };
  dispose(): void;
}

/**
 * The endpoint of the containerd a dockerd uses, from Docker's `/info` `Containerd.Address`
 * (a bare path such as `/run/containerd/containerd.sock` or `/var/run/docker/containerd/containerd.sock`).
 * Undefined when Docker did not say.
 */
export function endpointFromDockerInfo(containerdAddress: string | undefined): string | undefined {
  const address = containerdAddress?.trim();
  if (!address) return undefined;
  return normalizeAddress(address);
}

/** Client errors → the model's runtime status. */
export function toRuntimeStatus(error: ContainerdError): RuntimeStatus {
  switch (error.kind) {
    case 'missing':
    case 'not-running':
    case 'timeout':
      return { state: error.kind, detail: error.detail };
    case 'denied':
      return {
        state: 'denied',
        detail: error.detail.includes(DENIED_HINT) ? error.detail : `${error.detail}; ${DENIED_HINT}`,
      };
    case 'aborted':
      return { state: 'error', detail: `read cancelled: ${error.detail}` };
    default:
      return { state: 'error', detail: error.detail };
  }
}

/** The detail a user sees for an error (with the root-only hint for denied sockets). */
function detailOf(error: ContainerdError): string {
  const status = toRuntimeStatus(error);
  return status.state === 'ok' ? error.detail : status.detail;
}

interface NamespaceReading {
  namespace: string;
  containers: PbContainer[];
  tasks: PbProcess[];
}

export function createContainerdSource(options: ContainerdSourceOptions = {}): ContainerdSource {
  const address = normalizeAddress(options.address ?? DEFAULT_CONTAINERD_ADDRESS);
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONTAINERD_TIMEOUT_MS;
  const transport = new ContainerdTransport(address);
  const watches = new Set<ContainerdEventWatch>();

  const runtimeInfo = (
    status: RuntimeStatus,
    version?: PbVersion,
    runtimes: (string | undefined)[] = [],
  ): RuntimeInfo => {
    const info: RuntimeInfo = {
      kind: 'containerd',
      endpoint: address,
      status,
      chain: containerdChain(version?.version || undefined, runtimes),
    };
    if (version?.version) info.version = version.version;
    return info;
  };

  const listNamespaces = async (deadline: number, signal?: AbortSignal): Promise<CtrResult<string[]>> => {
    const res = await transport.unary<{ namespaces?: PbNamespace[] }>(
      METHODS.listNamespaces,
      'ListNamespacesRequest',
      {},
      'ListNamespacesResponse',
      {
        deadline,
        signal,
      },
    );
    if (!res.ok) return res;
    const names = (res.value.namespaces ?? [])
      .map((n) => n.name)
      .filter((n): n is string => typeof n === 'string' && n.length > 0);
    return { ok: true, value: [...new Set(names)].sort() };
  };

  const listTasks = async (
    namespace: string,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<CtrResult<PbProcess[]>> => {
    const res = await transport.unary<{ tasks?: PbProcess[] }>(
      METHODS.listTasks,
      'ListTasksRequest',
      {},
      'ListTasksResponse',
      { namespace, deadline, signal },
    );
    return res.ok ? { ok: true, value: res.value.tasks ?? [] } : res;
  };

  const readNamespace = async (
    namespace: string,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<CtrResult<NamespaceReading>> => {
    const [containers, tasks] = await Promise.all([
      transport.unary<{ containers?: PbContainer[] }>(
        METHODS.listContainers,
        'ListContainersRequest',
        {},
        'ListContainersResponse',
        { namespace, deadline, signal },
      ),
      listTasks(namespace, deadline, signal),
    ]);
    if (!containers.ok) return containers;
    if (!tasks.ok) return tasks;
    return { ok: true, value: { namespace, containers: containers.value.containers ?? [], tasks: tasks.value } };
  };

  /**
   * Init PID → container id per namespace, from the last listing of its tasks. readOne uses it to
   * name the container whose namespaces a spec joins by /proc/<pid>/ path (a Kubernetes sandbox),
   * so that re-reading one container needs only its own task.
   */
  const ownerOfPid = new Map<string, Map<number, string>>();

  const toInfos = (reading: NamespaceReading): ContainerdContainerInfo[] => {
    const tasks = tasksByContainer(reading.tasks);
    const byPid = pidIndex(tasks);
    ownerOfPid.set(reading.namespace, byPid);
    const out: ContainerdContainerInfo[] = [];
    for (const c of reading.containers) {
      const info = toContainerInfo(reading.namespace, c, c.id ? tasks.get(c.id) : undefined, byPid);
      if (info) out.push(info);
    }
    return out;
  };

  const read = async (signal?: AbortSignal): Promise<EngineReading & { containers: ContainerdContainerInfo[] }> => {
    const deadline = Date.now() + timeoutMs;
    const probe = await transport.probe(deadline, signal);
    if (!probe.ok) return { runtime: runtimeInfo(toRuntimeStatus(probe.error)), containers: [] };
    const [version, namespaces] = await Promise.all([
      transport.unary<PbVersion>(METHODS.version, 'Empty', {}, 'VersionResponse', { deadline, signal }),
      listNamespaces(deadline, signal),
    ]);
    if (!namespaces.ok)
      return {
        runtime: runtimeInfo(toRuntimeStatus(namespaces.error), version.ok ? version.value : undefined),
        containers: [],
      };
    if (!version.ok) return { runtime: runtimeInfo(toRuntimeStatus(version.error)), containers: [] };
    const readings = await Promise.all(namespaces.value.map((ns) => readNamespace(ns, deadline, signal)));
    const containers: ContainerdContainerInfo[] = [];
    for (const r of readings) {
      // One namespace failing fails the reading: a partial list would look like containers vanished.
      if (!r.ok) return { runtime: runtimeInfo(toRuntimeStatus(r.error), version.value), containers: [] };
      containers.push(...toInfos(r.value));
    }
    const runtimes = containers.map((c) => c.containerd.runtime);
    return { runtime: runtimeInfo({ state: 'ok' }, version.value, runtimes), containers };
  };

  /**
   * One container and its own task (Tasks.Get). Tasks.List would do, but containerd answers it by
   * asking every task's shim for its state: ~0.4 s for 300 tasks here, on every event. The list is
   * read only when the spec joins a /proc/<pid>/ namespace whose owner is not known yet.
   */
  const readIn = async (
    id: string,
    namespace: string,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<SingleContainerReading | 'absent'> => {
    const [got, task] = await Promise.all([
      transport.unary<{ container?: PbContainer }>(
        METHODS.getContainer,
        'GetContainerRequest',
        { id },
        'GetContainerResponse',
        { namespace, deadline, signal },
      ),
      transport.unary<{ process?: PbProcess }>(
        METHODS.getTask,
        'GetTaskRequest',
        { container_id: id },
        'GetTaskResponse',
        { namespace, deadline, signal },
      ),
    ]);
    if (!got.ok) return got.error.kind === 'not-found' ? 'absent' : { state: 'error', detail: detailOf(got.error) };
    if (!task.ok && task.error.kind !== 'not-found') return { state: 'error', detail: detailOf(task.error) };
    const container = got.value.container;
    if (!container)
      return { state: 'error', detail: `${address}: Containers.Get for ${id} answered without a container` };
    const process = task.ok ? task.value.process : undefined; // not found: the container has no task
    const known = ownerOfPid.get(namespace) ?? new Map<number, string>();
    if (process?.pid) known.set(process.pid, id);
    let byPid: ReadonlyMap<number, string> = known;
    const first = toContainerInfo(namespace, container, process, byPid);
    const unknownOwner = first?.containerd.specNamespaces?.some((ns) => {
      const pid = ns.path ? pidOfNamespacePath(ns.path) : undefined;
      return pid !== undefined && !byPid.has(pid);
    });
    if (unknownOwner) {
      const tasks = await listTasks(namespace, deadline, signal);
      if (!tasks.ok) return { state: 'error', detail: detailOf(tasks.error) };
      byPid = pidIndex(tasksByContainer(tasks.value));
      ownerOfPid.set(namespace, new Map(byPid));
    } else {
      ownerOfPid.set(namespace, known);
    }
    const info = unknownOwner ? toContainerInfo(namespace, container, process, byPid) : first;
    if (!info)
      return { state: 'error', detail: `${address}: Containers.Get for ${id} answered a container without an id` };
    return { state: 'found', container: info };
  };

  const readOne = async (
    id: string,
    opts: { namespace?: string; signal?: AbortSignal } = {},
  ): Promise<SingleContainerReading> => {
    if (!id) return { state: 'error', detail: 'no container id given' };
    const deadline = Date.now() + timeoutMs;
    const probe = await transport.probe(deadline, opts.signal);
    if (!probe.ok) return { state: 'error', detail: detailOf(probe.error) };
    let namespaces: string[];
    if (opts.namespace) {
      namespaces = [opts.namespace];
    } else {
      const listed = await listNamespaces(deadline, opts.signal);
      if (!listed.ok) return { state: 'error', detail: detailOf(listed.error) };
      namespaces = listed.value;
    }
    for (const ns of namespaces) {
      const r = await readIn(id, ns, deadline, opts.signal);
      if (r !== 'absent') return r;
    }
    return { state: 'gone' };
  };

  return {
    kind: 'containerd',
    address,
    read,
    readOne,
    watch(onEvent, onStatus) {
      const w = new ContainerdEventWatch(transport, onEvent, onStatus, options.watch);
      watches.add(w);
      w.start();
      return {
        dispose: () => {
          w.dispose();
          watches.delete(w);
        },
      };
    },
    dispose() {
      for (const w of watches) w.dispose();
      watches.clear();
      transport.close();
    },
  };
}
