/**
 * Adds what the kernel says to the containers an engine listed: the eight namespaces of each PID and
 * its cgroup. Everything here is synchronous on purpose: the files are tiny and one sync read is an
 * order of magnitude cheaper than a trip through libuv's thread pool (DESIGN.md, "Cost of the
 * kernel reads").
 */
import type { CgroupReport, ContainerInfo, NamespaceEntry, NamespaceReport } from '../model';
import { NAMESPACE_KINDS } from '../model';
import {
  cgroupPathNamesContainer,
  classifyNamespaces,
  recogniseCgroupPath,
  readCgroupLimits,
  readNamespaceLink,
  readNamespaces,
  readParentUidMap,
  parseProcCgroupResult,
  readProcCgroupText,
  readProcessEvidence,
  parseStatusField,
  readText,
  type CgroupMounts,
  type NamespaceReads,
  type ProcCgroup,
  type ProcCgroupTextResult,
} from '../kernel';
import { readProcessUid } from '../kernel/procStatus';
import type { ContainerRecord } from '../kernel/classify';
import type { SudoInodeReader } from '../kernel/inodeReader';
import type { HostNamespaces } from '../model';
import path = require('node:path');

export interface KernelContext {
  procRoot: string;
  fsRoot: string;
  mounts: CgroupMounts | undefined;
  /** Why the cgroup mounts could not be read, when they could not. */
  mountsProblem?: string;
  ownCgroup: ProcCgroup | undefined;
  withUsage: boolean;
  /** How /proc/PID/cgroup is read (the Snapshotter's OpenProcFiles); a plain read without it. */
  readProcFile?: (file: string) => string;
  /**
   * The opening of /proc/PID/status this round's read went through (OpenProcFiles.serialOf):
   * the same one as when a container's detail was kept means the same process.
   */
  statusSerial?: (pid: number) => number | undefined;
  /** /proc/PID/cgroup read ahead (while the engines answered), by container key and PID. */
  preRead?: Map<string, { pid: number; result: ProcCgroupTextResult }>;
}

export type KernelReadOutcome = 'read' | 'no-process' | 'pid-not-this-container';

/** How long a container's kernel detail is reused while its PID and cgroup lines stay the same. */
export const KERNEL_DETAIL_TTL_MS = 30_000;

interface CachedDetail {
  pid: number;
  /** /proc/PID/cgroup as read: a different process, or a move to another cgroup, changes it. */
  signature: string;
  reads: NamespaceReads;
  /** Frozen: every snapshot that reuses the detail shares this one report. */
  cgroup: Readonly<CgroupReport>;
  /** The opening of /proc/PID/status kept since this detail was seen to be the process's (see lookup). */
  statusSerial?: number;
  initUid?: number;
  readAt: number;
}

/**
 * Kernel detail of running containers, kept between snapshots. A live process keeps its
 * namespaces, and its limits change through the engine (which sends an event, and the container is
 * then re-read fresh) or by hand (caught within the TTL). Whether the kept detail still belongs to
 * the same process is decided without the fifteen or so reads of a full look: by the descriptor of
 * its /proc/PID/status, which the privileges read every round anyway, when that descriptor has been
 * open since the detail was read (a descriptor of an exited process fails, whatever the PID became);
 * otherwise by one read of /proc/PID/cgroup, unchanged. A process moved by hand to another cgroup
 * keeps its PID and descriptor: that, like a limit changed by hand, is caught within the TTL. Usage
 * figures are never kept, and neither are privileges: an `exec gosu` keeps the PID but changes the
 * uids and capabilities (see snapshot/privileges.ts).
 */
export class KernelDetailCache {
  private readonly entries = new Map<string, CachedDetail>();

  constructor(
    private readonly ttlMs = KERNEL_DETAIL_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  lookup(key: string, pid: number, signature: string): CachedDetail | undefined {
    const hit = this.live(key, pid);
    return hit?.signature === signature ? hit : undefined;
  }

  /** The kept detail when the status descriptor it was last confirmed with is the one read this round. */
  lookupSameProcess(key: string, pid: number, statusSerial: number | undefined): CachedDetail | undefined {
    const hit = this.live(key, pid);
    return statusSerial !== undefined && hit?.statusSerial === statusSerial ? hit : undefined;
  }

  /** Marks kept detail, just confirmed by its cgroup file, as the process behind this status descriptor. */
  confirm(key: string, statusSerial: number | undefined): void {
    const hit = this.entries.get(key);
    if (hit) hit.statusSerial = statusSerial;
  }

  store(
    key: string,
    pid: number,
    signature: string,
    reads: NamespaceReads,
    cgroup: CgroupReport,
    initUid?: number,
    statusSerial?: number,
  ): void {
    const kept = { pid, signature, reads, cgroup: deepFreeze(cgroup), initUid, statusSerial, readAt: this.now() };
    this.entries.set(key, kept);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string, pid: number): CachedDetail | undefined {
    const hit = this.entries.get(key);
    return hit && hit.pid === pid && this.now() - hit.readAt <= this.ttlMs ? hit : undefined;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops what belongs to containers no longer listed. */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) if (!keys.has(key)) this.entries.delete(key);
  }
}

/**
 * Reads one container's namespaces and cgroup into it (namespace verdicts come later, across all
 * containers). Returns 'pid-not-this-container' when /proc/PID/cgroup does not name the container:
 * the PID was reused, or the engine runs in a VM whose PIDs are not on this kernel.
 */
export function readKernelDetail(
  container: ContainerInfo,
  ctx: KernelContext,
  reads: Map<string, NamespaceReads>,
  engineIsRootless: boolean,
  cache?: KernelDetailCache,
): KernelReadOutcome {
  const pid = container.pid;
  if (pid === undefined || pid <= 0) return 'no-process';
  const keeps = cache !== undefined && !ctx.withUsage;
  const serial = ctx.statusSerial?.(pid);
  const sameProcess = keeps ? cache.lookupSameProcess(container.key, pid, serial) : undefined;
  if (sameProcess) return reuse(sameProcess, container, reads);
  const early = ctx.preRead?.get(container.key);
  const cgroupText =
    early && early.pid === pid ? early.result : readProcCgroupText(ctx.procRoot, pid, ctx.readProcFile);
  // The file's text is the signature: compared as it is, parsed only when something changed.
  const signature = cgroupText.ok ? cgroupText.text : '';
  const kept = keeps && cgroupText.ok ? cache.lookup(container.key, pid, signature) : undefined;
  if (kept) {
    cache!.confirm(container.key, serial);
    return reuse(kept, container, reads);
  }
  const procCgroup = parseProcCgroupResult(cgroupText);
  const named = procCgroup.ok && namesContainer(procCgroup.cgroup, container.id);
  // A rootless engine on cgroup v1 leaves its containers in the cgroup its user ran it from, which
  // names no container; its PID is still right unless the cgroup names some other container.
  const rootlessUnnamed =
    engineIsRootless && procCgroup.ok && !named && !namesAnotherContainer(procCgroup.cgroup, container.id);
  if (procCgroup.ok && !named && !rootlessUnnamed) return 'pid-not-this-container';
  reads.set(container.key, readNamespacesWithEvidence(ctx.procRoot, pid, engineIsRootless));
  container.initUid = readProcessUid(ctx.procRoot, pid);
  if (!procCgroup.ok) {
    container.cgroup = {
      version: ctx.mounts?.version === '2' ? '2' : '1',
      path: '',
      note: `cgroup not read: ${procCgroup.detail}`,
    };
  } else if (rootlessUnnamed && ctx.mounts?.version !== '2') {
    const path = procCgroup.cgroup.v1Paths.memory ?? procCgroup.cgroup.lines[0]?.path ?? '/';
    container.cgroup = { version: '1', path, note: ROOTLESS_V1_NOTE };
  } else if (!ctx.mounts) {
    container.cgroup = {
      version: '1',
      path: procCgroup.cgroup.lines[0]?.path ?? '',
      note: `cgroup limits not read: ${ctx.mountsProblem ?? 'no cgroup mounts'}`,
    };
  } else {
    container.cgroup = readCgroupLimits(procCgroup.cgroup, ctx.mounts, ctx.fsRoot, {
      withUsage: ctx.withUsage,
      ownCgroup: ctx.ownCgroup,
    });
  }
  if (keeps && procCgroup.ok)
    cache.store(container.key, pid, signature, reads.get(container.key)!, container.cgroup, container.initUid, serial);
  return 'read';
}

function reuse(kept: CachedDetail, container: ContainerInfo, reads: Map<string, NamespaceReads>): 'read' {
  reads.set(container.key, kept.reads);
  container.cgroup = kept.cgroup;
  container.initUid = kept.initUid;
  return 'read';
}

/**
 * The eight links, and where some are unreadable (an ordinary user on root's containers) the
 * evidence anyone may read. For a rootless engine, also the user namespace of the container's
 * parent (the engine's monitor), which tells the engine's own user namespace apart from one that
 * containers share because one joined another's.
 */
function readNamespacesWithEvidence(procRoot: string, pid: number, engineIsRootless: boolean): NamespaceReads {
  const reads = readNamespaces(procRoot, pid);
  if (engineIsRootless) reads.engineRootless = true;
  if (NAMESPACE_KINDS.some((kind) => reads[kind].state === 'denied')) {
    const evidence = readProcessEvidence(procRoot, pid);
    if (engineIsRootless && evidence.ppid !== undefined)
      evidence.parentUidMap = readParentUidMap(procRoot, evidence.ppid);
    reads.evidence = evidence;
  }
  if (engineIsRootless && reads.user.state === 'ok') {
    const status = readText(path.join(procRoot, String(pid), 'status'));
    const ppid = status === undefined ? undefined : parseStatusField(status, 'PPid')?.[0];
    const parent = ppid ? readNamespaceLink(path.join(procRoot, String(ppid), 'ns', 'user'), 'user') : undefined;
    if (parent?.state === 'ok') reads.evidence = { ...reads.evidence, ppid, parentUserNs: parent.inode };
  }
  return reads;
}

function namesContainer(cgroup: ProcCgroup, id: string): boolean {
  return cgroup.lines.some((line) => cgroupPathNamesContainer(line.path, id));
}

/**
 * Whether a line names a different container by an engine's unmistakable shape (`docker-<id>`,
 * `libpod-<id>`, kubepods…). containerd's `/<namespace>/<id>` is left out: any two-level path looks
 * like it (this host's own `/process_api/<hex>` does).
 */
function namesAnotherContainer(cgroup: ProcCgroup, id: string): boolean {
  return cgroup.lines.some((line) => {
    const seen = recogniseCgroupPath(line.path);
    return seen.containerId !== undefined && seen.containerId !== id && seen.engine !== 'containerd';
  });
}

/** Freezes a report and everything in it, so that sharing it between snapshots cannot leak a change. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The note shown for a rootless container on a cgroup v1 host, by the engine's record and by the kernel read alike. */
export const ROOTLESS_V1_NOTE =
  'no per-container cgroup: rootless containers on cgroup v1 stay in the cgroup of the user who started them (an unprivileged user cannot create v1 cgroups), so no limits of their own apply';

/** Gives every read container its namespace verdicts: isolated, host, or shared with which others. */
export function applyNamespaceVerdicts(
  containers: ContainerInfo[],
  reads: Map<string, NamespaceReads>,
  host: HostNamespaces,
): void {
  const byKey = new Map(containers.map((c) => [c.key, c]));
  const input = [...reads].map(([key, r]) => ({
    key,
    reads: r,
    evidence: r.evidence,
    record: recordOf(byKey.get(key), r),
    elevationProblem: r.elevationProblem,
  }));
  const reports = classifyNamespaces(input, host);
  for (const c of containers) {
    const report = reports.get(c.key);
    if (report) c.namespaces = report;
  }
}

/**
 * Where the user opted in (containerAnatomy.namespaces.readInodesWithSudo), reads the links this
 * process was denied as root through `sudo -n` and the extension's own reader; where sudo does not
 * allow it, says why once per container and leaves the evidence-based verdicts.
 */
export async function fillDeniedInodesWithSudo(
  containers: readonly ContainerInfo[],
  reads: Map<string, NamespaceReads>,
  sudo: SudoInodeReader,
): Promise<void> {
  const wanted = containers.filter(
    (c) => c.pid !== undefined && NAMESPACE_KINDS.some((k) => reads.get(c.key)?.[k].state === 'denied'),
  );
  if (wanted.length === 0) return;
  const got = await sudo.read(wanted.map((c) => ({ key: c.key, pid: c.pid! })));
  for (const c of wanted) {
    const r = reads.get(c.key)!;
    const root = got.get(c.key);
    if (!root) {
      r.elevationProblem = sudo.problem ?? 'sudo could not read them';
      continue;
    }
    for (const kind of NAMESPACE_KINDS) {
      const read = root[kind];
      if (r[kind].state === 'denied' && read) r[kind] = read;
    }
  }
}

/** The engine's record of a container, for the verdicts its inodes cannot give. */
function recordOf(c: ContainerInfo | undefined, reads: NamespaceReads): ContainerRecord | undefined {
  if (!c) return undefined;
  return {
    id: c.id,
    name: c.name,
    scope: `${c.runtime}/${c.containerdNamespace ?? ''}`,
    modes: c.requestedModes,
    ctx: {
      runtime: c.runtime,
      rootless: c.runtime === 'podman-rootless' || reads.engineRootless === true,
      // Which default an engine picks for the cgroup namespace follows the cgroup version.
      hostCgroupVersion: c.cgroup?.version ?? '1',
    },
  };
}

/** The raw reads kept inside a report, so one container can be re-read without re-reading the rest. */
export function readsFromReport(report: NamespaceReport): NamespaceReads {
  const byKind = new Map<string, NamespaceEntry>(report.entries.map((e) => [e.kind, e]));
  const out = {} as NamespaceReads;
  for (const kind of NAMESPACE_KINDS) out[kind] = byKind.get(kind)?.read ?? { state: 'missing', detail: 'not read' };
  if (report.evidence) out.evidence = report.evidence;
  return out;
}
