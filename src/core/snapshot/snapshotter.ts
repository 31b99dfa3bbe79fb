/**
 * Takes the HostSnapshot: every engine read at once (each independent: one that is missing, denied
 * or hung never hides the others), the kernel detail of every container with a PID, and namespace
 * verdicts across all of them. After an event, refreshContainer re-reads only that container.
 */
import os = require('node:os');
import type { ContainerInfo, HostSnapshot, RuntimeInfo, RuntimeKind } from '../model';
import { readCgroupMounts, readHostNamespaces, readProcCgroup, type NamespaceReads } from '../kernel';
import type { ContainerEvent, EngineReading, EngineSource } from './engineSource';
import type { SudoInodeReader } from '../kernel/inodeReader';
import {
  applyNamespaceVerdicts,
  fillDeniedInodesWithSudo,
  KernelDetailCache,
  readKernelDetail,
  readsFromReport,
  type KernelContext,
} from './kernelDetail';

export interface SnapshotterOptions {
  sources: EngineSource[];
  procRoot?: string;
  fsRoot?: string;
  /** Read current usage (memory, pids, CPU time) as well as limits. */
  withUsage?: boolean;
  /** Upper bound for one engine's read; the engine is reported `timeout` past it. */
  engineTimeoutMs?: number;
  /** Reads denied namespace links through `sudo -n` (opt-in: containerAnatomy.namespaces.readInodesWithSudo). */
  sudoInodes?: SudoInodeReader;
}

export const DEFAULT_ENGINE_TIMEOUT_MS = 10_000;

export class Snapshotter {
  private readonly procRoot: string;
  private readonly fsRoot: string;
  private readonly engineTimeoutMs: number;
  withUsage: boolean;
  private readonly kernelCache = new KernelDetailCache();
  /** Container key → PID in the last full snapshot, for reading their cgroup files early. */
  private knownPids = new Map<string, number>();

  constructor(private readonly options: SnapshotterOptions) {
    this.procRoot = options.procRoot ?? '/proc';
    this.fsRoot = options.fsRoot ?? '/';
    this.withUsage = options.withUsage ?? false;
    this.engineTimeoutMs = options.engineTimeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS;
  }

  get sources(): readonly EngineSource[] {
    return this.options.sources;
  }

  /**
   * A full read of every engine. Kernel detail of containers whose PID and cgroup are unchanged is
   * reused for a short while (see KernelDetailCache); `fresh` reads everything again (the user's
   * Refresh).
   */
  async take(signal?: AbortSignal, options: { fresh?: boolean } = {}): Promise<HostSnapshot> {
    if (options.fresh) this.kernelCache.clear();
    // Start every engine's read, let the requests go out (they are written after a few awaits inside
    // the clients), then do the kernel reads that do not need their answers while they are in flight:
    // the host's own facts and the cgroup files of the PIDs the last snapshot knew.
    const readings = this.options.sources.map((s) => this.readEngine(s, signal));
    await new Promise<void>((resolve) => setImmediate(resolve));
    const ctx = this.kernelContext();
    const hostNamespaces = readHostNamespaces(this.procRoot);
    ctx.preRead = this.preReadKnownCgroups();
    const settled = await Promise.all(readings);

    const runtimes: RuntimeInfo[] = settled.map((r) => r.runtime);
    const containers = dedupe(settled.flatMap((r) => r.containers));
    const reads = new Map<string, NamespaceReads>();
    const rootless = new Set(runtimes.filter((r) => r.rootless || r.kind === 'podman-rootless').map((r) => r.kind));
    const stale: ContainerInfo[] = [];
    for (const c of containers) {
      if (readKernelDetail(c, ctx, reads, rootless.has(c.runtime), this.kernelCache) === 'pid-not-this-container')
        stale.push(c);
    }
    this.kernelCache.retainOnly(new Set(containers.map((c) => c.key)));
    this.knownPids = new Map(containers.filter((c) => c.pid !== undefined).map((c) => [c.key, c.pid!]));
    // A kept PID that now belongs to something else: ask the engine once more, then give up honestly.
    for (const c of stale) await this.retryStale(c, ctx, reads, rootless.has(c.runtime), signal);
    if (this.options.sudoInodes) await fillDeniedInodesWithSudo(containers, reads, this.options.sudoInodes);
    applyNamespaceVerdicts(containers, reads, hostNamespaces);

    return {
      takenAt: new Date().toISOString(),
      host: {
        cgroupVersion: ctx.mounts?.version ?? hostCgroupGuess(runtimes),
        namespaces: hostNamespaces,
        isRoot: isRoot(),
      },
      runtimes,
      containers,
    };
  }

  /**
   * Re-reads one container after an engine event and returns the new snapshot: only that container
   * goes back to its engine and the kernel; the others keep their reads and get fresh verdicts.
   */
  async refreshContainer(
    previous: HostSnapshot,
    runtime: RuntimeKind,
    id: string,
    options: { namespace?: string; signal?: AbortSignal } = {},
  ): Promise<HostSnapshot> {
    const source = this.options.sources.find((s) => s.kind === runtime);
    if (!source) return previous;
    const reading = await source.readOne(id, { namespace: options.namespace, signal: options.signal });
    if (reading.state === 'error') return previous;
    const key = (c: ContainerInfo) =>
      c.runtime === runtime &&
      c.id === id &&
      (options.namespace === undefined || c.containerdNamespace === options.namespace);
    const others = previous.containers.filter((c) => !key(c)).map((c) => ({ ...c }));
    const reads = new Map<string, NamespaceReads>();
    for (const c of others) if (c.namespaces) reads.set(c.key, readsFromReport(c.namespaces));
    const containers = [...others];
    if (reading.state === 'found') {
      const fresh = reading.container;
      this.kernelCache.forget(fresh.key); // an event about it: read it afresh
      const ctx = this.kernelContext();
      const rootless = previous.runtimes.some(
        (r) => r.kind === runtime && (r.rootless || r.kind === 'podman-rootless'),
      );
      if (readKernelDetail(fresh, ctx, reads, rootless, this.kernelCache) === 'pid-not-this-container')
        await this.retryStale(fresh, ctx, reads, rootless, options.signal);
      if (this.options.sudoInodes) await fillDeniedInodesWithSudo([fresh], reads, this.options.sudoInodes);
      const at = previous.containers.findIndex(key);
      containers.splice(at >= 0 ? at : containers.length, 0, fresh);
    }
    applyNamespaceVerdicts(containers, reads, previous.host.namespaces);
    return { ...previous, takenAt: new Date().toISOString(), containers: dedupe(containers) };
  }

  /**
   * Re-reads usage (memory, pids, CPU time) of the given containers from the kernel only: no engine
   * request, so watching usage costs nothing on the engines.
   */
  refreshUsage(previous: HostSnapshot, keys: ReadonlySet<string>): HostSnapshot {
    if (keys.size === 0) return previous;
    const ctx = { ...this.kernelContext(), withUsage: true };
    const containers = previous.containers.map((c) => {
      if (!keys.has(c.key) || c.pid === undefined) return c;
      const copy = { ...c };
      const reads = new Map<string, NamespaceReads>();
      const rootless = previous.runtimes.some(
        (r) => r.kind === c.runtime && (r.rootless || r.kind === 'podman-rootless'),
      );
      if (readKernelDetail(copy, ctx, reads, rootless) !== 'read') return c;
      copy.namespaces = c.namespaces; // namespaces do not change while the process lives
      return copy;
    });
    return { ...previous, takenAt: new Date().toISOString(), containers };
  }

  private async retryStale(
    c: ContainerInfo,
    ctx: KernelContext,
    reads: Map<string, NamespaceReads>,
    rootless: boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    const source = this.options.sources.find((s) => s.kind === c.runtime);
    source?.forget?.(c.id);
    const again = source ? await source.readOne(c.id, { namespace: c.containerdNamespace, signal }) : undefined;
    if (again?.state === 'found' && again.container.pid !== undefined && again.container.pid !== c.pid) {
      c.pid = again.container.pid;
      if (readKernelDetail(c, ctx, reads, rootless) === 'read') return;
    }
    c.kernelDetailNote = `No kernel detail: PID ${c.pid} on this kernel does not belong to this container (the engine may run in a VM, or the container just restarted).`;
    delete c.pid;
  }

  private async readEngine(source: EngineSource, outer?: AbortSignal): Promise<EngineReading> {
    const timeout = AbortSignal.timeout(this.engineTimeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const timedOut = new Promise<EngineReading>((resolve) => {
      // A source should honour the signal; this bounds one that does not.
      signal.addEventListener('abort', () => {
        const status: RuntimeInfo['status'] = outer?.aborted
          ? { state: 'error', detail: 'cancelled before the engine answered' }
          : { state: 'timeout', detail: `no answer within ${this.engineTimeoutMs} ms` };
        resolve({ runtime: { kind: source.kind, endpoint: '', chain: [], status }, containers: [] });
      });
    });
    try {
      return await Promise.race([source.read(signal), timedOut]);
    } catch (error) {
      // Sources never throw by contract; if one does, it must not take the others down.
      return {
        runtime: { kind: source.kind, endpoint: '', chain: [], status: { state: 'error', detail: String(error) } },
        containers: [],
      };
    }
  }

  private preReadKnownCgroups(): Map<string, { pid: number; result: ReturnType<typeof readProcCgroup> }> {
    const out = new Map<string, { pid: number; result: ReturnType<typeof readProcCgroup> }>();
    for (const [key, pid] of this.knownPids) out.set(key, { pid, result: readProcCgroup(this.procRoot, pid) });
    return out;
  }

  private kernelContext(): KernelContext {
    const mounts = readCgroupMounts(this.procRoot);
    const own = readProcCgroup(this.procRoot, 'self');
    return {
      procRoot: this.procRoot,
      fsRoot: this.fsRoot,
      mounts: mounts.ok ? mounts.mounts : undefined,
      mountsProblem: mounts.ok ? undefined : mounts.detail,
      ownCgroup: own.ok ? own.cgroup : undefined,
      withUsage: this.withUsage,
    };
  }
}

/**
 * Docker's containers also sit in containerd's `moby` namespace: show each once, under Docker,
 * and remember the other name it has.
 */
export function dedupe(containers: ContainerInfo[]): ContainerInfo[] {
  const dockerById = new Map(containers.filter((c) => c.runtime === 'docker').map((c) => [c.id, c]));
  const out: ContainerInfo[] = [];
  const seen = new Set<string>();
  for (const c of containers) {
    const docker = c.runtime === 'containerd' ? dockerById.get(c.id) : undefined;
    if (docker) {
      docker.alsoSeenAs = [
        ...new Set([...(docker.alsoSeenAs ?? []), `containerd ${c.containerdNamespace ?? ''}/${c.id}`]),
      ];
      continue;
    }
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    out.push(c);
  }
  return out;
}

/**
 * A containerd event about a container that the snapshot shows through Docker (the same id: Docker's
 * containers live in containerd's `moby` namespace). dedupe() keeps Docker's entry, so re-reading it
 * from containerd changes nothing shown, and Docker sends its own event for the same change. Such a
 * re-read lists every task of the namespace, which containerd answers by asking each container's
 * shim: ~0.4 s at 300 containers, during which Docker's own event waited.
 */
export function shownThroughDocker(
  snapshot: HostSnapshot | undefined,
  event: Pick<ContainerEvent, 'runtime' | 'id'>,
): boolean {
  return (
    event.runtime === 'containerd' && !!snapshot?.containers.some((c) => c.runtime === 'docker' && c.id === event.id)
  );
}

function hostCgroupGuess(runtimes: RuntimeInfo[]): HostSnapshot['host']['cgroupVersion'] {
  return runtimes.find((r) => r.cgroupVersion)?.cgroupVersion ?? '1';
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' ? process.getuid() === 0 : os.userInfo().uid === 0;
}
