/**
 * What the kernel's readable files say about one namespace kind of one process, compared with the
 * reader's own (see evidence.ts). Claims that name a `group` are settled across all containers:
 * the same group is the same namespace. Pure.
 */
import type { NamespaceKind, ProcessEvidence } from '../model';

export type EvidenceClaim =
  | { kind: 'host' }
  | { kind: 'isolated' }
  /** The same namespace as every other container with this group. */
  | { kind: 'group'; group: string }
  /** pid: not the init of its namespace, so it joined one another process made. */
  | { kind: 'joined' }
  /** user: the user namespace its parent (the engine's monitor) is in. */
  | { kind: 'engine'; group: string }
  | { kind: 'unknown'; reason: string };

export interface EvidenceReading {
  claim: EvidenceClaim;
  /** The file compared, as the views show it: `NSpid`, `uid_map`, `mountinfo`, `net/dev`. */
  word: string;
  detail: string;
}

/** Kinds with kernel evidence; ipc, uts, time and cgroup have none an ordinary user can read. */
export const EVIDENCE_KINDS: readonly NamespaceKind[] = ['pid', 'user', 'mnt', 'net'];

export function evidenceClaim(
  kind: NamespaceKind,
  ev: ProcessEvidence | undefined,
  self: ProcessEvidence | undefined,
): EvidenceReading | undefined {
  if (!ev || !self) return undefined;
  switch (kind) {
    case 'pid':
      return pidClaim(ev, self);
    case 'user':
      return userClaim(ev, self);
    case 'mnt':
      if (ev.mounts === undefined || self.mounts === undefined) return undefined;
      return ev.mounts === self.mounts
        ? { claim: { kind: 'host' }, word: 'mountinfo', detail: "the same mount IDs as this process's mountinfo" }
        : {
            claim: { kind: 'group', group: `mnt:${ev.mounts}` },
            word: 'mountinfo',
            detail: 'mount IDs of its own in mountinfo (a mount belongs to one namespace)',
          };
    case 'net':
      return netClaim(ev, self);
    default:
      return undefined;
  }
}

function pidClaim(ev: ProcessEvidence, self: ProcessEvidence): EvidenceReading | undefined {
  if (ev.nspidDepth === undefined || self.nspidDepth === undefined) return undefined;
  const levels = `NSpid lists ${ev.nspidDepth} level${ev.nspidDepth === 1 ? '' : 's'}`;
  if (ev.nspidDepth === self.nspidDepth)
    return {
      claim: { kind: 'host' },
      word: 'NSpid',
      detail: `${levels}, as this process's own: the same pid namespace`,
    };
  if (ev.innerPid === 1)
    return { claim: { kind: 'isolated' }, word: 'NSpid', detail: `${levels}: PID 1 of a pid namespace of its own` };
  return {
    claim: { kind: 'joined' },
    word: 'NSpid',
    detail: `${levels}: PID ${ev.innerPid} (not 1) in its pid namespace, so it joined one another process made`,
  };
}

function userClaim(ev: ProcessEvidence, self: ProcessEvidence): EvidenceReading | undefined {
  if (ev.uidMap === undefined || self.uidMap === undefined) return undefined;
  const map = `uid_map ${ev.uidMap.replace(/;/g, ', ')}`;
  if (ev.uidMap === self.uidMap)
    return { claim: { kind: 'host' }, word: 'uid_map', detail: `${map}, as this process's own` };
  if (ev.parentUidMap === ev.uidMap)
    return {
      claim: { kind: 'engine', group: `user:${ev.uidMap}` },
      word: 'uid_map',
      detail: `${map}, the same as its parent's (the engine's monitor): the engine's user namespace`,
    };
  return { claim: { kind: 'isolated' }, word: 'uid_map', detail: `${map}: a mapping of its own` };
}

function netClaim(ev: ProcessEvidence, self: ProcessEvidence): EvidenceReading | undefined {
  const net = ev.net;
  if (!net || !self.net) return undefined;
  const caveat = 'strong evidence, not proof';
  if (!net.loopbackOnly) {
    if (ev.netIsReaders ?? net.structure === self.net.structure)
      return {
        claim: { kind: 'host' },
        word: 'net/dev',
        detail: `the same interfaces and addresses as this process's network (${caveat})`,
      };
    return {
      claim: { kind: 'group', group: `net:${net.structure}` },
      word: 'net/dev',
      detail: `its interfaces and addresses, compared with the host's and the other containers' (${caveat})`,
    };
  }
  if (net.idle)
    return {
      claim: {
        kind: 'unknown',
        reason:
          'only an idle loopback: every --network none namespace looks like this, so the kernel files cannot tell them apart',
      },
      word: 'net/dev',
      detail: 'an idle loopback only',
    };
  return {
    claim: { kind: 'group', group: `net:lo:${net.counters}` },
    word: 'net/dev',
    detail: `only a loopback; told apart by its traffic counters read at the same moment (${caveat})`,
  };
}
