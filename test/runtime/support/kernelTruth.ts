/**
 * The tests' own reading of a process's privileges: lines of /proc/PID/status as the kernel prints
 * them, masks decoded by `capsh --decode` (Debian's libcap2-bin), uid_map/gid_map as files. Never
 * the code's own parsers or decoder: these are the ground truth the code is compared with.
 */
import * as fs from 'node:fs';
import { run } from './engines';

/** One status line's value, e.g. statusLine(pid, 'CapBnd') → `00000000a80425fb`. */
export function statusLine(pid: number, key: string): string | undefined {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(text)?.[1].trim();
}

const capshCache = new Map<string, string[]>();
/** `capsh --decode=MASK` → names in the code's spelling (`cap_net_admin` → NET_ADMIN, `41` → cap_41). */
export async function capsh(mask: string): Promise<string[]> {
  const cached = capshCache.get(mask);
  if (cached) return cached;
  const out = await run('capsh', [`--decode=${mask}`]);
  const list = out.slice(out.indexOf('=') + 1);
  const names =
    list === ''
      ? []
      : list.split(',').map((n) => (/^\d+$/.test(n) ? `cap_${n}` : n.replace(/^cap_/, '').toUpperCase()));
  capshCache.set(mask, names);
  return names;
}

export function mapFile(
  pid: number,
  file: 'uid_map' | 'gid_map',
): Array<{ inside: number; outside: number; count: number }> {
  return fs
    .readFileSync(`/proc/${pid}/${file}`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .map(([inside, outside, count]) => ({ inside, outside, count }));
}

/** The five capability lines of status and the report's name for each set. */
export const CAPABILITY_LINES = [
  ['CapInh', 'inheritable'],
  ['CapPrm', 'permitted'],
  ['CapEff', 'effective'],
  ['CapBnd', 'bounding'],
  ['CapAmb', 'ambient'],
] as const;

export const SECCOMP_MODES: Record<string, string> = { '0': 'disabled', '1': 'strict', '2': 'filter' };
