/**
 * Reads a process's namespace links, `<proc>/<pid>/ns/<kind>` → `kind:[inode]`.
 *
 * Two processes are in the same namespace exactly when these inodes are equal, so the inode is all
 * the rest of the extension needs. Reads are synchronous on purpose: each link is a tiny procfs
 * lookup, and going through libuv's thread pool per link costs far more than the read itself
 * (see DESIGN.md, "Cost of the kernel reads"). Failures are returned as values, never thrown: one
 * unreadable container must not hide the other hundred.
 */
import fs = require('node:fs');
import path = require('node:path');
import {
  NAMESPACE_KINDS,
  type HostNamespaces,
  type NamespaceKind,
  type NamespaceReadStatus,
  type ProcessEvidence,
} from '../model';
import { readProcessEvidence } from './evidence';

/** The one filesystem call this module makes; injectable so tests can simulate EACCES as root. */
export type ReadlinkFn = (linkPath: string) => string;

export interface NamespaceReadOptions {
  /** Defaults to `fs.readlinkSync`. */
  readlink?: ReadlinkFn;
  /**
   * readHostNamespaces: also read this process's own evidence (NSpid, uid_map, mountinfo, net), the
   * reference for verdicts without inodes. Defaults to "when not root", where they are needed.
   */
  evidence?: boolean;
}

/** The eight links of one process, and what else was read about it when some were not readable. */
export type NamespaceReads = Record<NamespaceKind, NamespaceReadStatus> & {
  evidence?: ProcessEvidence;
  /** The engine runs rootless: its default user namespace is its own. */
  engineRootless?: boolean;
  /** Why reading the denied links through sudo did not work, where the user asked for it. */
  elevationProblem?: string;
};

/** Detail shown for EACCES/EPERM: reading another user's links needs ptrace-read access. */
export const DENIED_DETAIL = 'needs root or the same user';

/** As root a denial cannot be about ownership: PID 1 is then typically in another user namespace or under a sandbox's policy. */
const PID1_DENIED_DETAIL =
  'needs root or the same user; denied even to root when PID 1 belongs to an outer sandbox or user namespace';

/**
 * `net:[4026531840]` → 4026531840. Returns undefined for anything else, including a link of another
 * kind (a mismatch means the tree is not what we think it is, and guessing would mislabel sharing).
 */
export function parseNamespaceLink(link: string, kind: NamespaceKind): number | undefined {
  const prefix = `${kind}:[`;
  if (!link.startsWith(prefix) || !link.endsWith(']')) return undefined;
  const digits = link.slice(prefix.length, -1);
  if (!/^\d+$/.test(digits)) return undefined;
  const inode = Number(digits);
  return Number.isSafeInteger(inode) ? inode : undefined;
}

/** Turns a thrown fs error into the model's read status (also used for other per-process files). */
export function classifyReadError(
  err: unknown,
  linkPath: string,
  whenMissing = 'the process has exited or this kernel lacks the namespace kind',
): NamespaceReadStatus {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { state: 'denied', detail: `${code} on ${linkPath}: ${DENIED_DETAIL}` };
    case 'ENOENT':
    case 'ESRCH':
      return { state: 'missing', detail: `${linkPath} not found: ${whenMissing}` };
    default:
      return { state: 'error', detail: `${linkPath}: ${(err as Error | undefined)?.message ?? String(err)}` };
  }
}

/** Reads one link; never throws. */
export function readNamespaceLink(
  linkPath: string,
  kind: NamespaceKind,
  options: NamespaceReadOptions = {},
): NamespaceReadStatus {
  const readlink = options.readlink ?? fs.readlinkSync;
  let target: string;
  try {
    target = readlink(linkPath);
  } catch (err) {
    return classifyReadError(err, linkPath);
  }
  const inode = parseNamespaceLink(target, kind);
  return inode === undefined
    ? { state: 'error', detail: `${linkPath} -> '${target}' is not '${kind}:[inode]'` }
    : { state: 'ok', inode };
}

/** Reads all eight kinds of one process. `pid` may be `'self'`. */
export function readNamespaces(
  procRoot: string,
  pid: number | 'self',
  options: NamespaceReadOptions = {},
): NamespaceReads {
  const nsDir = path.join(procRoot, String(pid), 'ns');
  const reads = {} as NamespaceReads;
  for (const kind of NAMESPACE_KINDS) reads[kind] = readNamespaceLink(path.join(nsDir, kind), kind, options);
  return reads;
}

/** Only the inodes that were read; the reference maps of HostNamespaces hold nothing else. */
function inodesOf(reads: NamespaceReads): Partial<Record<NamespaceKind, number>> {
  const out: Partial<Record<NamespaceKind, number>> = {};
  for (const kind of NAMESPACE_KINDS) {
    const read = reads[kind];
    if (read.state === 'ok') out[kind] = read.inode;
  }
  return out;
}

/**
 * The host's reference namespaces: this process's own (`<proc>/self/ns/*`) and PID 1's where
 * readable. PID 1's links can be unreadable even for root (EACCES on some hosts, e.g. a VM whose
 * init is a sandbox agent); that is recorded in `pid1Unreadable`, not thrown.
 */
export function readHostNamespaces(procRoot: string, options: NamespaceReadOptions = {}): HostNamespaces {
  const self = inodesOf(readNamespaces(procRoot, 'self', options));
  const pid1Reads = readNamespaces(procRoot, 1, options);
  const pid1 = inodesOf(pid1Reads);
  const host: HostNamespaces = { self, pid1 };
  if (options.evidence ?? process.getuid?.() !== 0) host.evidence = readProcessEvidence(procRoot, 'self');
  const failed = NAMESPACE_KINDS.filter((kind) => pid1Reads[kind].state !== 'ok');
  // A kind missing for PID 1 and for ourselves is just a kernel without it (e.g. `time` before 5.6).
  const unexplained = failed.filter((kind) => !(pid1Reads[kind].state === 'missing' && self[kind] === undefined));
  if (unexplained.length > 0) {
    const first = pid1Reads[unexplained[0]];
    const detail =
      first.state === 'ok'
        ? ''
        : first.state === 'denied'
          ? first.detail.replace(DENIED_DETAIL, PID1_DENIED_DETAIL)
          : first.detail;
    const which = unexplained.length === NAMESPACE_KINDS.length ? 'namespaces' : `${unexplained.join(', ')} namespaces`;
    host.pid1Unreadable = `PID 1's ${which} could not be read (${detail}); only this process's own namespaces serve as the host reference`;
  }
  return host;
}
