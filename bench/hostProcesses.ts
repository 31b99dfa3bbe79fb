/** The VS Code host seen from outside: its log files, its processes' CPU time and memory from /proc, and waiting until they are quiet. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findFiles(dir: string, match: (p: string) => boolean, out: string[] = []): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const full = path.join(dir, n);
    if (fs.statSync(full).isDirectory()) findFiles(full, match, out);
    else if (match(full)) out.push(full);
  }
  return out;
}

/** Descendants of `root` (by ppid), from ps. */
export function descendants(root: number): Array<{ pid: number; args: string }> {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const out: Array<{ pid: number; args: string }> = [];
  const frontier = [root];
  while (frontier.length) {
    const p = frontier.pop()!;
    for (const r of rows)
      if (r.ppid === p) {
        out.push(r);
        frontier.push(r.pid);
      }
  }
  return out;
}

/** CPU time (user + system, ms) of a process and its descendants, from /proc/<pid>/stat. */
export function cpuTimeMs(root: number): number {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of [root, ...descendants(root).map((p) => p.pid)]) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
    } catch {
      /* exited */
    }
  }
  return total;
}

/**
 * Waits until the VS Code server, its extension host and the browser together use less than a fifth
 * of a core for two half-seconds in a row (or the deadline passes). Returns the time it took.
 */
export async function waitUntilQuiet(deadlineMs: number): Promise<number> {
  const started = Date.now();
  // The server and Chromium are both children of this process.
  const sample = () => cpuTimeMs(process.pid);
  let last = sample();
  let quiet = 0;
  while (Date.now() - started < deadlineMs && quiet < 2) {
    await new Promise((r) => setTimeout(r, 500));
    const now = sample();
    quiet = now - last < 100 ? quiet + 1 : 0;
    last = now;
  }
  return Date.now() - started;
}

export function statusKiB(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
