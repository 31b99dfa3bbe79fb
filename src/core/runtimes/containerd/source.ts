/**
 * containerd as an EngineSource: every containerd namespace, its containers (with the OCI spec's
 * namespaces, cgroupsPath and resources) and their tasks (PID, status), Kubernetes pods from CRI
 * labels, the version and the runtime chain; `readOne` after an event; `watch` over
 * Events.Subscribe. The address is chosen at the first read (see chooseContainerdAddress) and
 * chosen again after the engine went missing.
 */
import type { RuntimeInfo, RuntimeStatus } from '../../model';
import type {
  ContainerEvent,
  EngineReading,
  EngineSource,
  EngineWatchStatus,
  SingleContainerReading,
} from '../../snapshot/engineSource';
import { errorDetail, toRuntimeStatus } from '../shared/result';
import type { Timers } from '../shared/timers';
import { EventWatch, WatchSet } from '../shared/watch';
import { ContainerdClient, type NamespaceReading } from './client';
import { chooseContainerdAddress, DEFAULT_CONTAINERD_ADDRESS, normalizeAddress, socketPathOf } from './endpoint';
import { containerdEventConnector, type ContainerdEventOptions } from './events';
import {
  containerdChain,
  pidIndex,
  pidOfNamespacePath,
  tasksByContainer,
  toContainerInfo,
  type ContainerdContainerInfo,
} from './records';
import type { PbVersion } from './schema';
import { ContainerdTransport, DEFAULT_CONTAINERD_TIMEOUT_MS, probeSocket } from './transport';

export interface ContainerdSourceOptions {
  /** `unix:///run/containerd/containerd.sock`, or a bare socket path; discovered when absent. */
  address?: string;
  /** Discovery: the containerd address Docker names in its /info, asked only when the default is down. */
  discover?: () => Promise<string | undefined>;
  /** The address discovery tries first (tests). */
  defaultAddress?: string;
  /** Deadline for a whole read (every call of it shares it), and for readOne. */
  timeoutMs?: number;
  watch?: ContainerdEventOptions & {
    initialBackoffMs?: number;
    maxBackoffMs?: number;
    stableAfterMs?: number;
    timers?: Timers;
  };
}

/** A socket that does not accept a connection this fast is not the one to choose. */
const DISCOVERY_PROBE_MS = 500;

type ContainerdReading = EngineReading & { containers: ContainerdContainerInfo[] };

export class ContainerdSource implements EngineSource {
  readonly kind = 'containerd' as const;
  readonly id = 'containerd';
  private readonly timeoutMs: number;
  private readonly transports = new Map<string, ContainerdTransport>();
  private chosen: Promise<ContainerdClient> | undefined;
  private current: string;
  private readonly watches = new WatchSet();
  /**
   * Init PID → container id per namespace, from the last listing of its tasks. readOne uses it to
   * name the container whose namespaces a spec joins by /proc/<pid>/ path (a Kubernetes sandbox),
   * so that re-reading one container needs only its own task.
   */
  private readonly ownerOfPid = new Map<string, Map<number, string>>();

  constructor(private readonly options: ContainerdSourceOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CONTAINERD_TIMEOUT_MS;
    this.current = normalizeAddress(options.address ?? options.defaultAddress ?? DEFAULT_CONTAINERD_ADDRESS);
  }

  /** The address read last (before the first read: the one that will be tried first). */
  get address(): string {
    return this.current;
  }

  get endpoint(): string {
    return this.current;
  }

  private client(): Promise<ContainerdClient> {
    this.chosen ??= chooseContainerdAddress(
      this.options.address,
      this.options.discover,
      async (address) => {
        const path = socketPathOf(address);
        return path === undefined || (await probeSocket(path, DISCOVERY_PROBE_MS)).ok;
      },
      this.options.defaultAddress,
    ).then((address) => {
      this.current = address;
      let transport = this.transports.get(address);
      if (!transport) this.transports.set(address, (transport = new ContainerdTransport(address)));
      return new ContainerdClient(transport);
    });
    return this.chosen;
  }

  /** A missing or stopped engine may come back elsewhere: choose again next time. */
  private unreachable(status: RuntimeStatus): void {
    if (!this.options.address && (status.state === 'missing' || status.state === 'not-running'))
      this.chosen = undefined;
  }

  private runtimeInfo(status: RuntimeStatus, version?: PbVersion, runtimes: (string | undefined)[] = []): RuntimeInfo {
    this.unreachable(status);
    const info: RuntimeInfo = {
      kind: 'containerd',
      endpoint: this.current,
      status,
      chain: containerdChain(version?.version || undefined, runtimes),
    };
    if (version?.version) info.version = version.version;
    return info;
  }

  private toInfos(reading: NamespaceReading): ContainerdContainerInfo[] {
    const tasks = tasksByContainer(reading.tasks);
    const byPid = pidIndex(tasks);
    this.ownerOfPid.set(reading.namespace, byPid);
    const out: ContainerdContainerInfo[] = [];
    for (const c of reading.containers) {
      const info = toContainerInfo(reading.namespace, c, c.id ? tasks.get(c.id) : undefined, byPid);
      if (info) out.push(info);
    }
    return out;
  }

  async read(signal?: AbortSignal): Promise<ContainerdReading> {
    const call = { deadline: Date.now() + this.timeoutMs, signal };
    const client = await this.client();
    const probe = await client.probe(call);
    if (!probe.ok) return { runtime: this.runtimeInfo(toRuntimeStatus(probe.error)), containers: [] };
    const [version, namespaces] = await Promise.all([client.version(call), client.listNamespaces(call)]);
    if (!namespaces.ok) {
      const known = version.ok ? version.value : undefined;
      return { runtime: this.runtimeInfo(toRuntimeStatus(namespaces.error), known), containers: [] };
    }
    if (!version.ok) return { runtime: this.runtimeInfo(toRuntimeStatus(version.error)), containers: [] };
    const readings = await Promise.all(namespaces.value.map((ns) => client.readNamespace(ns, call)));
    const containers: ContainerdContainerInfo[] = [];
    for (const r of readings) {
      // One namespace failing fails the reading: a partial list would look like containers vanished.
      if (!r.ok) return { runtime: this.runtimeInfo(toRuntimeStatus(r.error), version.value), containers: [] };
      containers.push(...this.toInfos(r.value));
    }
    const runtimes = containers.map((c) => c.containerd.runtime);
    return { runtime: this.runtimeInfo({ state: 'ok' }, version.value, runtimes), containers };
  }

  /**
   * One container and its own task. The task list is read only when the spec joins a /proc/<pid>/
   * namespace whose owner is not known yet.
   */
  private async readIn(
    client: ContainerdClient,
    id: string,
    namespace: string,
    call: { deadline: number; signal?: AbortSignal },
  ): Promise<SingleContainerReading | 'absent'> {
    const [got, task] = await Promise.all([
      client.getContainer(namespace, id, call),
      client.getTask(namespace, id, call),
    ]);
    if (!got.ok) return got.error.kind === 'not-found' ? 'absent' : { state: 'error', detail: errorDetail(got.error) };
    if (!task.ok && task.error.kind !== 'not-found') return { state: 'error', detail: errorDetail(task.error) };
    const container = got.value.container;
    if (!container)
      return { state: 'error', detail: `${client.address}: Containers.Get for ${id} answered without a container` };
    const process = task.ok ? task.value.process : undefined; // not found: the container has no task
    const known = this.ownerOfPid.get(namespace) ?? new Map<number, string>();
    if (process?.pid) known.set(process.pid, id);
    let byPid: ReadonlyMap<number, string> = known;
    const first = toContainerInfo(namespace, container, process, byPid);
    const unknownOwner = first?.containerd.specNamespaces?.some((ns) => {
      const pid = ns.path ? pidOfNamespacePath(ns.path) : undefined;
      return pid !== undefined && !byPid.has(pid);
    });
    if (unknownOwner) {
      const tasks = await client.listTasks(namespace, call);
      if (!tasks.ok) return { state: 'error', detail: errorDetail(tasks.error) };
      byPid = pidIndex(tasksByContainer(tasks.value));
      this.ownerOfPid.set(namespace, new Map(byPid));
    } else {
      this.ownerOfPid.set(namespace, known);
    }
    const info = unknownOwner ? toContainerInfo(namespace, container, process, byPid) : first;
    if (!info)
      return {
        state: 'error',
        detail: `${client.address}: Containers.Get for ${id} answered a container without an id`,
      };
    return { state: 'found', container: info };
  }

  async readOne(id: string, opts: { namespace?: string; signal?: AbortSignal } = {}): Promise<SingleContainerReading> {
    if (!id) return { state: 'error', detail: 'no container id given' };
    const call = { deadline: Date.now() + this.timeoutMs, signal: opts.signal };
    const client = await this.client();
    const probe = await client.probe(call);
    if (!probe.ok) return { state: 'error', detail: errorDetail(probe.error) };
    let namespaces: string[];
    if (opts.namespace) {
      namespaces = [opts.namespace];
    } else {
      const listed = await client.listNamespaces(call);
      if (!listed.ok) return { state: 'error', detail: errorDetail(listed.error) };
      namespaces = listed.value;
    }
    for (const ns of namespaces) {
      const r = await this.readIn(client, id, ns, call);
      if (r !== 'absent') return r;
    }
    return { state: 'gone' };
  }

  watch(onEvent: (event: ContainerEvent) => void, onStatus: (status: EngineWatchStatus) => void): { dispose(): void } {
    const { initialBackoffMs, maxBackoffMs, stableAfterMs, timers, ...events } = this.options.watch ?? {};
    const connector = containerdEventConnector(async () => (await this.client()).transport, events);
    const watch = new EventWatch(connector, {
      onEvent: (e) => onEvent({ ...e, sourceId: this.id }),
      onStatus,
      initialBackoffMs,
      maxBackoffMs,
      stableAfterMs,
      timers,
    });
    return this.watches.start(watch);
  }

  dispose(): void {
    this.watches.disposeAll();
    for (const t of this.transports.values()) t.close();
    this.transports.clear();
    this.chosen = undefined;
  }
}

export function createContainerdSource(options: ContainerdSourceOptions = {}): ContainerdSource {
  return new ContainerdSource(options);
}
