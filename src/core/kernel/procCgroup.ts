/**
 * Parses `/proc/PID/cgroup` (cgroups(7)): one `hierarchy-ID:controller-list:cgroup-path` line per
 * hierarchy. v2 is the single line `0::/path`; v1 has one line per hierarchy (`4:memory:/docker/…`,
 * `2:cpu,cpuacct:/…`, `1:name=systemd:/…`); hybrid hosts show both.
 *
 * Two shapes of the path come from the kernel itself (kernel/cgroup/cgroup.c, proc_cgroup_show):
 * a v2 cgroup that has been removed while the process still sits in it is followed by ` (deleted)`,
 * and inside a cgroup namespace a cgroup outside the namespace's root is shown relative to that
 * root, so it starts with `/..` (`/../../system.slice/docker-x.scope`).
 */
import fs = require('node:fs');
import path = require('node:path');
import { classifyReadError } from './namespaces';

export interface ProcCgroupLine {
  hierarchyId: number;
  /** Empty for the v2 line; `name=systemd` for a named v1 hierarchy. */
  controllers: string[];
  /** Without the kernel's ` (deleted)` suffix. */
  path: string;
  /** The kernel marked this (v2) cgroup ` (deleted)`: it was removed, the process is exiting. */
  removed?: true;
}

export interface ProcCgroup {
  lines: ProcCgroupLine[];
  /** Path in the unified (v2) hierarchy, from the `0::` line. */
  unifiedPath?: string;
  /** Path per v1 controller and per named hierarchy (`name=systemd`). */
  v1Paths: Record<string, string>;
}

/** What the kernel appends to the path of a removed v2 cgroup. */
const REMOVED_SUFFIX = ' (deleted)';

/**
 * Whether a path leaves the reader's cgroup namespace: the kernel writes such a path relative to
 * the namespace root, starting with `/..`, and it cannot be found below any mount seen from here.
 */
export function isOutsideCgroupNamespace(cgroupPath: string): boolean {
  return cgroupPath === '/..' || cgroupPath.startsWith('/../');
}

export function parseProcCgroup(text: string): ProcCgroup {
  const out: ProcCgroup = { lines: [], v1Paths: {} };
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    // The path may itself contain ':', so split on the first two only.
    const first = raw.indexOf(':');
    const second = first < 0 ? -1 : raw.indexOf(':', first + 1);
    if (second < 0) continue;
    const hierarchyId = Number(raw.slice(0, first));
    if (!Number.isInteger(hierarchyId)) continue;
    const list = raw.slice(first + 1, second);
    let cgroupPath = raw.slice(second + 1);
    // Only the unified hierarchy's line gets the suffix (the kernel checks cgroup_on_dfl).
    const removed = hierarchyId === 0 && list === '' && cgroupPath.endsWith(REMOVED_SUFFIX);
    if (removed) cgroupPath = cgroupPath.slice(0, -REMOVED_SUFFIX.length);
    const line: ProcCgroupLine = { hierarchyId, controllers: list === '' ? [] : list.split(','), path: cgroupPath };
    if (removed) line.removed = true;
    out.lines.push(line);
    if (hierarchyId === 0 && line.controllers.length === 0) out.unifiedPath = line.path;
    else for (const c of line.controllers) out.v1Paths[c] = line.path;
  }
  return out;
}

export type ProcCgroupResult =
  { ok: true; cgroup: ProcCgroup } | { ok: false; state: 'denied' | 'missing' | 'error'; detail: string };

/** The file as the kernel wrote it: what a snapshot compares with the last one before parsing anything. */
export type ProcCgroupTextResult =
  { ok: true; text: string } | { ok: false; state: 'denied' | 'missing' | 'error'; detail: string };

/** Reads `<procRoot>/<pid>/cgroup` without parsing it; never throws. `read` is how (OpenProcFiles.read). */
export function readProcCgroupText(
  procRoot: string,
  pid: number | 'self',
  read: (file: string) => string = (file) => fs.readFileSync(file, 'utf8'),
): ProcCgroupTextResult {
  const file = path.join(procRoot, String(pid), 'cgroup');
  try {
    return { ok: true, text: read(file) };
  } catch (err) {
    const status = classifyReadError(err, file, 'the process has exited');
    return {
      ok: false,
      state: status.state === 'ok' ? 'error' : status.state,
      detail: status.state === 'ok' ? '' : status.detail,
    };
  }
}

export function parseProcCgroupResult(read: ProcCgroupTextResult): ProcCgroupResult {
  return read.ok ? { ok: true, cgroup: parseProcCgroup(read.text) } : read;
}

/** Reads and parses `<procRoot>/<pid>/cgroup`; never throws. */
export function readProcCgroup(procRoot: string, pid: number | 'self'): ProcCgroupResult {
  return parseProcCgroupResult(readProcCgroupText(procRoot, pid));
}
