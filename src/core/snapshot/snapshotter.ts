/**
 * Takes the HostSnapshot: every engine read at once (each independent: one that is missing, denied
 * or hung never hides the others), the kernel detail of every container with a PID, and namespace
 * verdicts across all of them. After an event, refreshContainer re-reads only that container.
 */
import type { ContainerInfo, HostSnapshot, RuntimeInfo, RuntimeKind } from '../model';
import {
  OpenProcFiles,
  procStatusPath,
  readHostNamespaces,
  readProcCgroupText,
  type NamespaceReads,
  type ProcCgroupTextResult,
} from '../kernel';
import { mapLimited } from '../runtimes/shared/limit';
import { isRoot } from '../runtimes/shared/processUser';
import { dedupe } from './dockerCopies';
import path = require('node:path');
import { UsageSampler } from '../usage/sampler';
import type { EngineSource } from './engineSource';
import { readEngineBounded } from './engineRead';
import { addPrivileges, privilegeSnapshotContext, type PrivilegeSnapshotContext } from './privileges';
import { PrivilegeCache } from './privilegeCache';
import { HostFactsCache, readKernelContext } from './hostFacts';
import type { SudoInodeReader } from '../kernel/inodeReader';
import {
  applyNamespaceVerdicts,
  fillDeniedInodesWithSudo,
  KernelDetailCache,
  readKernelDetail,
  readsFromReport,
  type KernelContext,
  type KernelReadOutcome,
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
  /** Read what each container may do (capabilities, seccomp, LSM, user mapping); on unless false. */
  privileges?: boolean;
}

export const DEFAULT_ENGINE_TIMEOUT_MS = 10_000;
/** How many containers whose PID proved stale are asked about again at once. */
export const STALE_RETRY_CONCURRENCY = 4;

export { dedupe, shownThroughDocker } from './dockerCopies';

/** Whether the engine that listed a container runs rootless (its containers' cgroups look different). */
function engineIsRootless(runtimes: readonly RuntimeInfo[], kind: RuntimeKind): boolean {
  return runtimes.some((r) => r.kind === kind && (r.rootless || r.kind === 'podman-rootless'));
}

/** /proc/PID is gone (ENOENT, ESRCH): that PID no longer runs anything, so not this container. */
function processGone(c: ContainerInfo, ctx: KernelContext): boolean {
  if (c.pid === undefined || c.pid <= 0) return false;
  if (ctx.statusSerial?.(c.pid) !== undefined) return false; // its status was just read: it runs
  ctx.preRead ??= new Map();
  let early = ctx.preRead.get(c.key);
  if (!early || early.pid !== c.pid) {
    early = { pid: c.pid, result: readProcCgroupText(ctx.procRoot, c.pid, ctx.readProcFile) };
    ctx.preRead.set(c.key, early); // readKernelDetail takes it from here: one read of the file
  }
  return !early.result.ok && early.result.state === 'missing';
}

function readDetail(
  c: ContainerInfo,
  ctx: KernelContext,
  reads: Map<string, NamespaceReads>,
  rootless: boolean,
  cache?: KernelDetailCache,
): KernelReadOutcome {
  if (processGone(c, ctx)) return 'pid-not-this-container';
  return readKernelDetail(c, ctx, reads, rootless, cache);
}

export class Snapshotter {
  private readonly procRoot: string;
  private readonly fsRoot: string;
  private readonly engineTimeoutMs: number;
  withUsage: boolean;
  private readonly kernelCache = new KernelDetailCache();
  /** Each running container's /proc/PID/cgroup and status, kept open between snapshots. */
  private readonly procFiles: OpenProcFiles;
  private readonly privilegeCache: PrivilegeCache;
  private sampler: UsageSampler | undefined;
  /** Container key → PID in the last full snapshot, for reading their cgroup files early. */
  private knownPids = new Map<string, number>();
  /** Container key → the source that listed it, so a re-read goes back to the same engine. */
  private sourceOfKey = new Map<string, EngineSource>();
  /**
   * Container key → a PID the engine confirmed again although it is not this container's on this
   * kernel (a remote engine, a VM): not asked about again until it changes or the user refreshes.
   */
  private readonly confirmedStale = new Map<string, number>();
  private readonly hostFacts = new HostFactsCache(() => ({
    kernel: readKernelContext(this.procRoot, this.fsRoot, this.withUsage),
    privileges: this.privilegeContext(),
  }));

  constructor(private readonly options: SnapshotterOptions) {
    this.procRoot = options.procRoot ?? '/proc';
    this.procFiles = OpenProcFiles.forRoot(this.procRoot);
    this.privilegeCache = new PrivilegeCache(this.procFiles.read);
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
    if (options.fresh) this.forgetAll();
    this.procFiles.startRound();
    // Start every engine's read, let the requests go out (they are written after a few awaits inside
    // the clients), then do the kernel reads that do not need their answers while they are in flight:
    // the host's own facts and the cgroup files of the PIDs the last snapshot knew.
    const readings = this.options.sources.map((s) => readEngineBounded(s, this.engineTimeoutMs, signal));
    await new Promise<void>((resolve) => setImmediate(resolve));
    const facts = this.hostFacts.current();
    const ctx = this.roundContext(facts.kernel);
    const hostNamespaces = readHostNamespaces(this.procRoot);
    const privilegeCtx = facts.privileges;
    // status first: where its descriptor proves the process unchanged, the cgroup file is not needed.
    if (privilegeCtx) this.privilegeCache.readEarly(this.procRoot, this.knownPids);
    ctx.preRead = this.preReadKnownCgroups(ctx);
    const settled = await Promise.all(readings);

    const runtimes: RuntimeInfo[] = settled.map((r) => r.runtime);
    this.sourceOfKey = new Map();
    settled.forEach((r, i) => {
      for (const c of r.containers) this.sourceOfKey.set(c.key, this.options.sources[i]);
    });
    const containers = dedupe(settled.flatMap((r) => r.containers));
    const reads = new Map<string, NamespaceReads>();
    const stale: ContainerInfo[] = [];
    for (const c of containers) {
      const rootless = engineIsRootless(runtimes, c.runtime);
      if (readDetail(c, ctx, reads, rootless, this.kernelCache) === 'pid-not-this-container') stale.push(c);
    }
    const keys = new Set(containers.map((c) => c.key));
    this.kernelCache.retainOnly(keys);
    this.privilegeCache.retainOnly(keys);
    for (const key of this.confirmedStale.keys()) if (!keys.has(key)) this.confirmedStale.delete(key);
    this.knownPids = new Map(containers.filter((c) => c.pid !== undefined).map((c) => [c.key, c.pid!]));
    // A PID that is gone or belongs to something else: ask the engine once more, then give up honestly.
    await mapLimited(stale, STALE_RETRY_CONCURRENCY, (c) =>
      this.retryStale(c, ctx, reads, engineIsRootless(runtimes, c.runtime), signal),
    );
    if (this.options.sudoInodes) await fillDeniedInodesWithSudo(containers, reads, this.options.sudoInodes);
    applyNamespaceVerdicts(containers, reads, hostNamespaces);
    if (privilegeCtx) for (const c of containers) addPrivileges(c, privilegeCtx);
    this.procFiles.sweep();

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
    options: { namespace?: string; signal?: AbortSignal; sourceId?: string } = {},
  ): Promise<HostSnapshot> {
    const source = this.sourceById(runtime, options.sourceId);
    if (!source) return previous;
    const reading = await source.readOne(id, { namespace: options.namespace, signal: options.signal });
    if (reading.state === 'error') return previous;
    this.procFiles.startRound(); // what the last snapshot read vouches for nothing now
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
      this.sourceOfKey.set(fresh.key, source);
      this.kernelCache.forget(fresh.key); // an event about it: read it afresh
      this.privilegeCache.forget(fresh.key);
      this.confirmedStale.delete(fresh.key);
      const ctx = this.roundContext(this.hostFacts.current().kernel);
      const rootless = engineIsRootless(previous.runtimes, runtime);
      if (readDetail(fresh, ctx, reads, rootless, this.kernelCache) === 'pid-not-this-container')
        await this.retryStale(fresh, ctx, reads, rootless, options.signal);
      if (this.options.sudoInodes) await fillDeniedInodesWithSudo([fresh], reads, this.options.sudoInodes);
      const at = previous.containers.findIndex(key);
      containers.splice(at >= 0 ? at : containers.length, 0, fresh);
    }
    applyNamespaceVerdicts(containers, reads, previous.host.namespaces);
    const privilegeCtx = reading.state === 'found' ? this.hostFacts.current().privileges : undefined;
    if (privilegeCtx) addPrivileges(containers.find(key)!, privilegeCtx);
    return { ...previous, takenAt: new Date().toISOString(), containers: dedupe(containers) };
  }

  /**
   * Samples usage of the given containers from the kernel only (cgroupfs and /proc): no engine
   * request, so watching usage costs nothing on the engines. The sampler keeps their history.
   */
  refreshUsage(previous: HostSnapshot, keys: ReadonlySet<string>): HostSnapshot {
    return this.usageSampler().apply(previous, keys);
  }

  /** Created on first use; the cgroup mounts it resolves folders with are read once. */
  usageSampler(): UsageSampler {
    if (!this.sampler) {
      const ctx = readKernelContext(this.procRoot, this.fsRoot, this.withUsage);
      this.sampler = new UsageSampler(ctx);
    }
    return this.sampler;
  }

  /** The user's Refresh: nothing cached here or in the engine clients survives it. */
  forgetAll(): void {
    this.kernelCache.clear();
    this.privilegeCache.clear();
    this.sampler = undefined;
    this.hostFacts.forget();
    this.confirmedStale.clear();
    this.procFiles.dispose();
    for (const source of this.options.sources) source.forgetAll?.();
  }

  /** Closes the /proc files kept open; the sources are their creator's to dispose. */
  dispose(): void {
    this.procFiles.dispose();
  }

  /** The source an event came from; without an id (an older caller), the first of its kind. */
  private sourceById(runtime: RuntimeKind, sourceId: string | undefined): EngineSource | undefined {
    const sources = this.options.sources;
    return (sourceId && sources.find((s) => s.id === sourceId)) || sources.find((s) => s.kind === runtime);
  }

  /**
   * A container whose PID is gone or not its own: the engine is asked once more (it may have
   * restarted the container). When the engine repeats the same PID, that answer is remembered, so
   * a remote engine is not asked about every container on every snapshot.
   */
  private async retryStale(
    c: ContainerInfo,
    ctx: KernelContext,
    reads: Map<string, NamespaceReads>,
    rootless: boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    const pid = c.pid;
    if (pid !== undefined && this.confirmedStale.get(c.key) !== pid) {
      const source = this.sourceOfKey.get(c.key) ?? this.sourceById(c.runtime, undefined);
      const again = source ? await source.readOne(c.id, { namespace: c.containerdNamespace, signal }) : undefined;
      if (again?.state !== 'found') source?.forget?.(c.id);
      if (again?.state === 'found' && again.container.pid === undefined) {
        Object.assign(c, { state: again.container.state, status: again.container.status });
        c.kernelDetailNote = again.container.kernelDetailNote;
        delete c.pid;
        return;
      }
      if (again?.state === 'found' && again.container.pid !== pid) {
        c.pid = again.container.pid;
        if (readDetail(c, ctx, reads, rootless) === 'read') return;
      } else if (again?.state === 'found') {
        this.confirmedStale.set(c.key, pid);
      }
    }
    c.kernelDetailNote = processGone(c, ctx)
      ? `No kernel detail: PID ${c.pid} no longer exists on this kernel (the container just stopped or restarted).`
      : `No kernel detail: PID ${c.pid} on this kernel does not belong to this container (the engine may run in a VM, or the container just restarted).`;
    delete c.pid;
  }

  /** The kernel context of one round (a snapshot, a re-read): the host's facts and this Snapshotter's file reads. */
  private roundContext(kernel: KernelContext): KernelContext {
    return {
      ...kernel,
      withUsage: this.withUsage,
      readProcFile: this.procFiles.read,
      statusSerial: (pid) => this.procFiles.serialOf(procStatusPath(this.procRoot, pid)),
    };
  }

  /** /proc/PID/cgroup of the PIDs the last snapshot knew, but those whose status descriptor already vouches for them. */
  private preReadKnownCgroups(ctx: KernelContext): Map<string, { pid: number; result: ProcCgroupTextResult }> {
    const out = new Map<string, { pid: number; result: ProcCgroupTextResult }>();
    for (const [key, pid] of this.knownPids) {
      if (!this.withUsage && this.kernelCache.lookupSameProcess(key, pid, ctx.statusSerial?.(pid))) continue;
      out.set(key, { pid, result: readProcCgroupText(this.procRoot, pid, this.procFiles.read) });
    }
    return out;
  }

  private privilegeContext(): PrivilegeSnapshotContext | undefined {
    if (this.options.privileges === false) return undefined;
    return privilegeSnapshotContext(this.procRoot, path.join(this.fsRoot, 'sys'), this.privilegeCache);
  }
}

function hostCgroupGuess(runtimes: RuntimeInfo[]): HostSnapshot['host']['cgroupVersion'] {
  return runtimes.find((r) => r.cgroupVersion)?.cgroupVersion ?? '1';
}
