/**
 * Namespace evidence an ordinary user may read about anyone's process, for when the
 * /proc/PID/ns links are denied (they need ptrace-read access: root or the same user):
 *
 * - `status`: `NSpid` lists the PID in every pid namespace from the reader's down, so its length
 *   against the reader's own says whether the process is in the reader's pid namespace; `PPid`
 *   names the engine's monitor (conmon, containerd-shim).
 * - `uid_map`: `0 0 4294967295` is the initial user namespace.
 * - `mountinfo`: mount IDs are unique across the system and a mount belongs to one namespace, so
 *   the same IDs are the same mount namespace.
 * - `net/dev`, `net/fib_trie`, `net/if_inet6`: see netEvidence.ts.
 *
 * Synchronous for the same reason as namespaces.ts; every failure leaves a field out, never throws.
 */
import path = require('node:path');
import type { ProcessEvidence } from '../model';
import { readNetEvidence } from './netEvidence';
import { digest, readText } from './procText';

/** The identity map of the initial user namespace, as normaliseUidMap writes it. */
export const INITIAL_UID_MAP = '0 0 4294967295';

/** `NSpid:\t4242\t1` → [4242, 1]; undefined when the line is absent (kernels before 4.1). */
export function parseStatusField(status: string, field: string): number[] | undefined {
  const prefix = `${field}:`;
  for (const line of status.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const values = line.slice(prefix.length).trim().split(/\s+/).map(Number);
    return values.length > 0 && values.every((n) => Number.isSafeInteger(n) && n >= 0) ? values : undefined;
  }
  return undefined;
}

/** Each line's three numbers joined by one space, lines by `;`: the columns are padded differently by kernels. */
export function normaliseUidMap(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/).join(' '))
    .filter((line) => line !== '')
    .join(';');
}

/** The mount IDs (first field of every mountinfo line), in the order the kernel lists them. */
export function mountIds(mountinfo: string): string[] {
  const ids: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) ids.push(line.slice(0, space));
  }
  return ids;
}

/** Everything readable without ptrace access about one process's namespaces. `pid` may be `'self'`. */
export function readProcessEvidence(procRoot: string, pid: number | 'self'): ProcessEvidence {
  const dir = path.join(procRoot, String(pid));
  const out: ProcessEvidence = {};
  const status = readText(path.join(dir, 'status'));
  if (status !== undefined) {
    const nspid = parseStatusField(status, 'NSpid');
    if (nspid) {
      out.nspidDepth = nspid.length;
      out.innerPid = nspid[nspid.length - 1];
    }
    const ppid = parseStatusField(status, 'PPid');
    if (ppid?.length === 1 && ppid[0] > 0) out.ppid = ppid[0];
  }
  const uidMap = readText(path.join(dir, 'uid_map'));
  if (uidMap !== undefined) out.uidMap = normaliseUidMap(uidMap);
  const mountinfo = readText(path.join(dir, 'mountinfo'));
  if (mountinfo !== undefined) {
    const ids = mountIds(mountinfo);
    if (ids.length > 0) out.mounts = digest(ids.join(','));
  }
  const net = readNetEvidence(dir);
  if (net) {
    out.net = net;
    if (pid !== 'self' && !net.loopbackOnly)
      out.netIsReaders = net.structure === readNetEvidence(path.join(procRoot, 'self'))?.structure;
  }
  return out;
}

/** The parent's uid_map (the engine's user namespace when the container made none of its own). */
export function readParentUidMap(procRoot: string, ppid: number): string | undefined {
  const text = readText(path.join(procRoot, String(ppid), 'uid_map'));
  return text === undefined ? undefined : normaliseUidMap(text);
}
