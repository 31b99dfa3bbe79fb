/**
 * The owner of a process from `/proc/PID/status` (proc(5)): the `Uid:` line holds the real,
 * effective, saved and filesystem uids.
 */
import fs = require('node:fs');
import path = require('node:path');

/** `<procRoot>/<pid>/status`, spelled one way for every reader (OpenProcFiles keys on the path). */
export function procStatusPath(procRoot: string, pid: number | 'self'): string {
  return path.join(procRoot, String(pid), 'status');
}

/**
 * The uid that owns the process: its real uid when the real, effective and saved uids agree.
 * Undefined when they differ (a process that changed identity is not plainly one user's, and the
 * kernel's ptrace check, which nsenter passes through, wants all three to match) or the line is
 * missing.
 */
export function parseStatusUid(status: string): number | undefined {
  const line = status.split('\n').find((l) => l.startsWith('Uid:'));
  if (!line) return undefined;
  const [real, effective, saved] = line.slice('Uid:'.length).trim().split(/\s+/).map(Number);
  if (!Number.isInteger(real) || real !== effective || real !== saved) return undefined;
  return real;
}

/** Reads `<procRoot>/<pid>/status` for the owner's uid; undefined when unreadable. Never throws. */
export function readProcessUid(procRoot: string, pid: number): number | undefined {
  try {
    return parseStatusUid(fs.readFileSync(procStatusPath(procRoot, pid), 'utf8'));
  } catch {
    return undefined;
  }
}
