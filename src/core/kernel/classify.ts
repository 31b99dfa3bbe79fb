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
  type VerdictBasis,
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

// Shared by every entry of every report (reports are not changed after they are made): a snapshot of
// 300 containers has 2,400 entries, and a copy of each basis and verdict per entry was most of the cost.
const INODE_BASIS: VerdictBasis = Object.freeze({ source: 'inode', word: 'inode' });
const SUDO_BASIS: VerdictBasis = Object.freeze({ source: 'inode', word: 'inode', detail: 'read through sudo -n' });
const HOST: NamespaceVerdict = Object.freeze({ kind: 'host' });
const ISOLATED: NamespaceVerdict = Object.freeze({ kind: 'isolated' });
const NOBODY_ELSE: readonly string[] = Object.freeze([]);

/** Who holds each namespace, by kind and inode: the keys of the containers whose link points at it. */
type Holders = Map<NamespaceKind, Map<number, string[]>>;

/** Returns one report per container key, entries in NAMESPACE_KINDS order. */
export function classifyNamespaces(
  containers: readonly ContainerNamespaceReads[],
  host: HostNamespaces,
): Map<string, NamespaceReport> {
  const holders: Holders = new Map(NAMESPACE_KINDS.map((kind) => [kind, new Map<number, string[]>()]));
  for (const c of containers) {
    for (const kind of NAMESPACE_KINDS) {
      const read = c.reads[kind];
      if (read?.state !== 'ok') continue;
      const ofKind = holders.get(kind)!;
      const keys = ofKind.get(read.inode);
      if (keys === undefined) ofKind.set(read.inode, [c.key]);
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
      const basis = read.via === 'sudo' ? SUDO_BASIS : INODE_BASIS;
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
  holders: Holders,
): NamespaceVerdict {
  if (host.self[kind] === inode || host.pid1[kind] === inode) return HOST;
  const holding = holders.get(kind)!.get(inode);
  const others =
    holding === undefined || (holding.length === 1 && holding[0] === c.key)
      ? NOBODY_ELSE
      : holding.filter((k) => k !== c.key);
  // The user namespace the engine's monitor runs in (rootless Podman's): the engine's, not a pair's.
  const engine = c.record?.ctx.runtime;
  if (kind === 'user' && engine && c.evidence?.parentUserNs === inode)
    return { kind: 'shared', withKeys: [...others], engine };
  if (others.length > 0) return { kind: 'shared', withKeys: others as string[] };
  // Without a host reference for this kind we cannot tell "isolated" from "the host's".
  if (host.self[kind] === undefined && host.pid1[kind] === undefined) {
    return { kind: 'unknown', reason: `the host's own ${kind} namespace could not be read to compare with` };
  }
  return ISOLATED;
}
