/**
 * Gives each container's namespace entries a verdict: shared with the host, shared with other
 * containers (a pod, `--network container:x`), the engine's own (rootless Podman's user namespace),
 * isolated, or unknown, and says how each is known (VerdictBasis).
 *
 * Where the inode was read it decides (proof). Where it was not (an ordinary user looking at
 * root's containers), classifyWithoutInode.ts weighs the kernel's other files against the engine's
 * record. Pure and O(total entries): one pass builds `kind:inode → keys`, a second looks each up.
 */
import {
  NAMESPACE_KINDS,
  type HostNamespaces,
  type NamespaceEntry,
  type NamespaceKind,
  type NamespaceReadStatus,
  type NamespaceReport,
  type NamespaceVerdict,
  type ProcessEvidence,
} from '../model';
import { NamespaceEvidenceIndex, type ContainerRecord } from './classifyWithoutInode';

export type { ContainerRecord } from './classifyWithoutInode';

export interface ContainerNamespaceReads {
  /** ContainerInfo.key; the keys named in `shared` verdicts. */
  key: string;
  /** What namespaces.ts read for the container's PID; kinds left out count as not read. */
  reads: Partial<Record<NamespaceKind, NamespaceReadStatus>>;
  /** Kernel evidence (evidence.ts): read when some inode is not readable, and the parent's user namespace. */
  evidence?: ProcessEvidence;
  /** The engine's record of the modes it was asked for. */
  record?: ContainerRecord;
  /** Why `sudo -n` could not read the denied links, where the user opted in. */
  elevationProblem?: string;
}

/** Said once per container when its links are denied, instead of once per kind. */
export const INODES_NEED_ROOT =
  "inodes need root: this process may not read another user's /proc/PID/ns links (ptrace-read access), so the verdicts come from the kernel's other files and the engine's record";

/** Said once per container whose links were read as root through `sudo -n`. */
export const INODES_VIA_SUDO =
  'inodes read through sudo -n: this process may not read them itself, so they were read as root (containerAnatomy.namespaces.readInodesWithSudo)';

const INODE_BASIS = { source: 'inode', word: 'inode' } as const;

function mapKey(kind: NamespaceKind, inode: number): string {
  return `${kind}:${inode}`;
}

/** Returns one report per container key, entries in NAMESPACE_KINDS order. */
export function classifyNamespaces(
  containers: readonly ContainerNamespaceReads[],
  host: HostNamespaces,
): Map<string, NamespaceReport> {
  const holders = new Map<string, string[]>();
  for (const c of containers) {
    for (const kind of NAMESPACE_KINDS) {
      const read = c.reads[kind];
      if (read?.state !== 'ok') continue;
      const k = mapKey(kind, read.inode);
      const keys = holders.get(k);
      if (keys === undefined) holders.set(k, [c.key]);
      else if (keys[keys.length - 1] !== c.key) keys.push(c.key); // the same container listed twice is not sharing
    }
  }
  // Built only when some link was denied: as root (or on one's own containers) nothing needs it.
  let withoutInode: NamespaceEvidenceIndex | undefined;
  const index = () => (withoutInode ??= new NamespaceEvidenceIndex(containers, host.evidence));

  const reports = new Map<string, NamespaceReport>();
  for (const c of containers) {
    const entries: NamespaceEntry[] = NAMESPACE_KINDS.map((kind) => {
      const read: NamespaceReadStatus = c.reads[kind] ?? { state: 'error', detail: 'not read' };
      if (read.state === 'denied') return { kind, read, ...index().decide(c.key, kind) };
      if (read.state !== 'ok') return { kind, read, verdict: { kind: 'unknown', reason: read.detail } };
      const basis = read.via === 'sudo' ? { ...INODE_BASIS, detail: 'read through sudo -n' } : { ...INODE_BASIS };
      return { kind, read, verdict: inodeVerdict(kind, read.inode, c, host, holders), basis };
    });
    const report: NamespaceReport = { entries };
    if (entries.some((e) => e.read.state === 'denied'))
      report.inodesNote = c.elevationProblem ? `${INODES_NEED_ROOT} (${c.elevationProblem})` : INODES_NEED_ROOT;
    else if (entries.some((e) => e.read.state === 'ok' && e.read.via === 'sudo')) report.inodesNote = INODES_VIA_SUDO;
    if (c.evidence) report.evidence = c.evidence;
    reports.set(c.key, report);
  }
  return reports;
}

function inodeVerdict(
  kind: NamespaceKind,
  inode: number,
  c: ContainerNamespaceReads,
  host: HostNamespaces,
  holders: Map<string, string[]>,
): NamespaceVerdict {
  if (host.self[kind] === inode || host.pid1[kind] === inode) return { kind: 'host' };
  const others = (holders.get(mapKey(kind, inode)) ?? []).filter((k) => k !== c.key);
  // The user namespace the engine's monitor runs in (rootless Podman's): the engine's, not a pair's.
  const engine = c.record?.ctx.runtime;
  if (kind === 'user' && engine && c.evidence?.parentUserNs === inode)
    return { kind: 'shared', withKeys: others, engine };
  if (others.length > 0) return { kind: 'shared', withKeys: others };
  // Without a host reference for this kind we cannot tell "isolated" from "the host's".
  if (host.self[kind] === undefined && host.pid1[kind] === undefined) {
    return { kind: 'unknown', reason: `the host's own ${kind} namespace could not be read to compare with` };
  }
  return { kind: 'isolated' };
}
