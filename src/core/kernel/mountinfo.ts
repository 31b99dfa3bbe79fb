/**
 * Parses `/proc/self/mountinfo` (proc(5)) to find where the cgroup hierarchies are mounted.
 *
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)    (10)         (11)
 *
 * Field 7 is zero or more optional fields ended by a lone `-`, so fields after it cannot be found
 * by position. Paths escape space, tab, newline and backslash as octal (`\040`, `\011`, `\012`,
 * `\134`). Parse once per snapshot and pass the result to every container's read.
 */
import fs = require('node:fs');
import path = require('node:path');
import type { CgroupVersion } from '../model';

export interface MountInfoEntry {
  mountId: number;
  parentId: number;
  /** `major:minor` of the device. */
  device: string;
  /** Root of the mount within its filesystem; for cgroups, the hierarchy path the mount shows. */
  root: string;
  mountPoint: string;
  mountOptions: string[];
  optionalFields: string[];
  fsType: string;
  source: string;
  superOptions: string[];
}

/** Where one hierarchy is visible: join `mountPoint` with a cgroup path that lies under `root`. */
export interface CgroupMount {
  mountPoint: string;
  root: string;
}

export interface CgroupMounts {
  /** The cgroup2 mount: `/sys/fs/cgroup` on v2 hosts, `/sys/fs/cgroup/unified` on hybrid ones. */
  unified?: CgroupMount;
  /** v1 hierarchies by controller (`memory`, `cpu`, `cpuacct`, …) and by name (`name=systemd`). */
  v1: Record<string, CgroupMount>;
  /**
   * Undefined when no cgroup filesystem is mounted at all. `hybrid` only when a controller that
   * limits are read from sits on v1 beside the cgroup2 mount: a v2 host that also mounts a v1
   * `net_cls` or `name=systemd` hierarchy (VPN split-tunnel tools, old container runtimes) is v2.
   */
  version?: CgroupVersion;
}

/** The v1 controllers whose files give the limits and usage that are shown. */
export const LIMIT_CONTROLLERS = ['memory', 'cpu', 'cpuacct', 'cpuset', 'pids', 'blkio'] as const;
export type LimitController = (typeof LIMIT_CONTROLLERS)[number];

/** Decodes the kernel's `\ooo` escapes. Anything else after a backslash is left as it is. */
export function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Parses one line; returns undefined for a malformed line rather than guessing. */
export function parseMountInfoLine(line: string): MountInfoEntry | undefined {
  const fields = line.trim().split(' ');
  const sep = fields.indexOf('-', 6);
  if (fields.length < 10 || sep < 0 || fields.length < sep + 4) return undefined;
  const mountId = Number(fields[0]);
  const parentId = Number(fields[1]);
  if (!Number.isInteger(mountId) || !Number.isInteger(parentId)) return undefined;
  return {
    mountId,
    parentId,
    device: fields[2],
    root: unescapeMountField(fields[3]),
    mountPoint: unescapeMountField(fields[4]),
    mountOptions: fields[5].split(','),
    optionalFields: fields.slice(6, sep),
    fsType: fields[sep + 1],
    source: unescapeMountField(fields[sep + 2]),
    superOptions: fields[sep + 3].split(','),
  };
}

export function parseMountInfo(text: string): MountInfoEntry[] {
  const out: MountInfoEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseMountInfoLine(line);
    if (entry) out.push(entry);
  }
  return out;
}

/**
 * Super options of a v1 cgroup mount that are not controllers (cgroup-v1/cgroups.rst, "mount
 * options"). Excluding these rather than listing known controllers lets a new controller through.
 */
const V1_NON_CONTROLLER_OPTIONS = new Set([
  'rw',
  'ro',
  'none',
  'all',
  'noprefix',
  'xattr',
  'clone_children',
  'cpuset_v2_mode',
  'favordynmods',
]);

/** Controllers (and `name=…` for named hierarchies) a v1 cgroup mount carries. */
export function v1ControllersOf(entry: MountInfoEntry): string[] {
  return entry.superOptions.filter(
    (o) => !V1_NON_CONTROLLER_OPTIONS.has(o) && (o.startsWith('name=') || !o.includes('=')),
  );
}

/**
 * Picks the cgroup mounts out of mountinfo. The first mount of a hierarchy wins, except that a
 * mount of the hierarchy's root (`/`) beats a bind mount of a sub-tree, since it shows every path.
 */
export function findCgroupMounts(entries: readonly MountInfoEntry[]): CgroupMounts {
  const mounts: CgroupMounts = { v1: {} };
  const better = (current: CgroupMount | undefined, e: MountInfoEntry) =>
    current === undefined || (current.root !== '/' && e.root === '/');
  for (const e of entries) {
    if (e.fsType === 'cgroup2') {
      if (better(mounts.unified, e)) mounts.unified = { mountPoint: e.mountPoint, root: e.root };
    } else if (e.fsType === 'cgroup') {
      for (const c of v1ControllersOf(e))
        if (better(mounts.v1[c], e)) mounts.v1[c] = { mountPoint: e.mountPoint, root: e.root };
    }
  }
  const hasV1 = Object.keys(mounts.v1).length > 0;
  const limitsOnV1 = LIMIT_CONTROLLERS.some((c) => mounts.v1[c] !== undefined);
  if (mounts.unified) mounts.version = limitsOnV1 ? 'hybrid' : '2';
  else if (hasV1) mounts.version = '1';
  return mounts;
}

export type CgroupMountsResult = { ok: true; mounts: CgroupMounts } | { ok: false; detail: string };

/** Reads and parses `<procRoot>/self/mountinfo` once; never throws. */
export function readCgroupMounts(procRoot: string): CgroupMountsResult {
  const file = path.join(procRoot, 'self', 'mountinfo');
  try {
    return { ok: true, mounts: findCgroupMounts(parseMountInfo(fs.readFileSync(file, 'utf8'))) };
  } catch (err) {
    return { ok: false, detail: `${file}: ${(err as Error).message}` };
  }
}

/**
 * Where a cgroup path (as /proc/PID/cgroup shows it) lives on disk under `fsRoot` (`/` on a real
 * host, a fixture folder in tests). Undefined when the path is outside what the mount shows, e.g.
 * a mount of `/docker/abc` cannot show `/system.slice`, or a path with a `..` segment (the kernel
 * writes one for a cgroup outside the reader's cgroup namespace), which a join would resolve to a
 * folder outside the mount.
 */
export function cgroupDirectory(mount: CgroupMount, cgroupPath: string, fsRoot: string): string | undefined {
  if (cgroupPath.split('/').includes('..')) return undefined;
  let rel: string;
  if (mount.root === '/') rel = cgroupPath;
  else if (cgroupPath === mount.root) rel = '/';
  else if (cgroupPath.startsWith(mount.root + '/')) rel = cgroupPath.slice(mount.root.length);
  else return undefined;
  const dir = path.join(fsRoot, mount.mountPoint, rel);
  return dir.length > 1 && dir.endsWith(path.sep) ? dir.slice(0, -1) : dir;
}
