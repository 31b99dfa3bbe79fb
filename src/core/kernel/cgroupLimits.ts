/**
 * Reads a process's cgroup limits and, when asked, its current usage: memory, CPU, pids and io.
 *
 * v2 (Documentation/admin-guide/cgroup-v2.rst): every file sits in one directory, the unified mount
 * joined with the `0::` path. v1 (Documentation/admin-guide/cgroup-v1/): each controller has its own
 * hierarchy, mount and path. Hybrid hosts keep the controllers on v1 (the unified mount there
 * usually has none enabled), so they are read as v1.
 *
 * Unlimited is null: v2 writes `max`; v1 writes a huge number for memory (PAGE_COUNTER_MAX pages,
 * 9223372036854771712 with 4 KiB pages: anything from 2^62 up counts) and -1 for the CFS quota.
 * Usage files are read only with `withUsage`, because usage is read only where it is shown, and
 * every file is read synchronously (DESIGN.md, "Cost of the kernel reads"). Nothing here throws:
 * an unreadable part is left out and `note` says why.
 */
import fs = require('node:fs');
import type { CgroupReport } from '../model';
import { cgroupDirectory, type CgroupMounts } from './mountinfo';
import { isUserSessionPath, recogniseCgroupPath } from './cgroupPath';
import { readProcCgroup, type ProcCgroup } from './procCgroup';

export type ReadFileFn = (filePath: string) => string;

export interface CgroupReadOptions {
  /** Also read memory.current / usage_in_bytes, cpu.stat / cpuacct.usage, pids.current. */
  withUsage?: boolean;
  /**
   * The extension's own /proc/self/cgroup. A container in the same cgroup as the extension (or in
   * `/`, or in a login session) has no cgroup of its own: rootless containers on v1.
   */
  ownCgroup?: ProcCgroup;
  /** Defaults to `fs.readFileSync(path, 'utf8')`; a seam for tests. */
  readFile?: ReadFileFn;
}

/** v1 memory limits at or above this are the kernel's "no limit" (it writes ~2^63 rounded to pages). */
export const V1_MEMORY_UNLIMITED_FROM = 2 ** 62;

/** The controllers whose limits we show; v1 looks each one's hierarchy up separately. */
const SHOWN_V1_CONTROLLERS = ['memory', 'cpu', 'cpuacct', 'cpuset', 'pids', 'blkio'] as const;

/** v1 blkio throttle files and the io.max key each one corresponds to. */
const V1_THROTTLE_FILES: ReadonlyArray<[string, string]> = [
  ['blkio.throttle.read_bps_device', 'rbps'],
  ['blkio.throttle.write_bps_device', 'wbps'],
  ['blkio.throttle.read_iops_device', 'riops'],
  ['blkio.throttle.write_iops_device', 'wiops'],
];

const defaultReadFile: ReadFileFn = (p) => fs.readFileSync(p, 'utf8');

/** Reads files of one report, remembering which were absent or failed so the note can say so. */
class FileReader {
  readonly notFound: string[] = [];
  readonly failed: string[] = [];
  constructor(private readonly readFile: ReadFileFn) {}

  read(dir: string | undefined, name: string): string | undefined {
    if (dir === undefined) return undefined;
    try {
      return this.readFile(`${dir}/${name}`).trim();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') this.notFound.push(name);
      else this.failed.push(`${name} (${code ?? (err as Error).message})`);
      return undefined;
    }
  }
}

/** `max` → null, a number → that number, anything else → undefined (left out). */
export function parseLimit(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  if (text === 'max') return null;
  return parseCount(text);
}

function parseCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** v2 `cpu.max`: `$MAX $PERIOD`, MAX being `max` or microseconds. */
export function parseCpuMax(text: string | undefined): CgroupReport['cpu'] | undefined {
  if (text === undefined) return undefined;
  const [max, period] = text.split(/\s+/);
  const periodUs = parseCount(period);
  if (max === 'max') return periodUs === undefined ? { cpus: null } : { cpus: null, periodUs };
  const quotaUs = parseCount(max);
  if (quotaUs === undefined || periodUs === undefined || periodUs <= 0) return undefined;
  return { cpus: quotaUs / periodUs, quotaUs, periodUs };
}

/** `usage_usec` from v2 cpu.stat (flat keyed: `key value` per line). */
export function cpuStatUsageUsec(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^usage_usec (\d+)$/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

function nonEmptyLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Why a path is not a cgroup of the container's own, or undefined when it is. */
function sharedCgroupReason(cgroupPath: string, ownPath: string | undefined): string | undefined {
  if (cgroupPath === '/') return 'the root cgroup';
  if (isUserSessionPath(cgroupPath)) return `the login session's cgroup ${cgroupPath}`;
  if (ownPath !== undefined && cgroupPath === ownPath) return `the extension's own cgroup ${cgroupPath}`;
  return undefined;
}

/**
 * Builds the report from an already parsed /proc/PID/cgroup and the snapshot's mounts. `fsRoot` is
 * prefixed to the mount points (`/` on a real host, a fixture folder in tests).
 */
export function readCgroupLimits(
  cgroup: ProcCgroup,
  mounts: CgroupMounts,
  fsRoot: string,
  options: CgroupReadOptions = {},
): CgroupReport {
  const hasV1Lines = Object.keys(cgroup.v1Paths).length > 0;
  const useV1 = hasV1Lines && (mounts.version === '1' || mounts.version === 'hybrid');
  if (useV1) return readV1(cgroup, mounts, fsRoot, options);
  if (cgroup.unifiedPath !== undefined && mounts.unified !== undefined)
    return readV2(cgroup.unifiedPath, mounts, fsRoot, options);
  const path = cgroup.unifiedPath ?? cgroup.lines[0]?.path ?? '';
  const why =
    mounts.version === undefined
      ? 'no cgroup filesystem is mounted (per mountinfo)'
      : `the process's cgroup lines do not match the mounted cgroup ${mounts.version} hierarchies`;
  return {
    version: hasV1Lines ? '1' : '2',
    path,
    driver: recogniseCgroupPath(path).driver,
    note: `limits not read: ${why}`,
  };
}

/** Reads `<procRoot>/<pid>/cgroup` and then the limits; a process that is gone or denied gives a note. */
export function readCgroupReport(
  procRoot: string,
  pid: number,
  mounts: CgroupMounts,
  fsRoot: string,
  options: CgroupReadOptions = {},
): CgroupReport {
  const res = readProcCgroup(procRoot, pid);
  if (!res.ok) return { version: mounts.version === '2' ? '2' : '1', path: '', note: `cgroup not read: ${res.detail}` };
  return readCgroupLimits(res.cgroup, mounts, fsRoot, options);
}

function readV2(cgroupPath: string, mounts: CgroupMounts, fsRoot: string, options: CgroupReadOptions): CgroupReport {
  const report: CgroupReport = { version: '2', path: cgroupPath, driver: recogniseCgroupPath(cgroupPath).driver };
  const notes: string[] = [];
  const shared = sharedCgroupReason(cgroupPath, options.ownCgroup?.unifiedPath);
  if (shared) notes.push(`no cgroup of its own: it is in ${shared}, so these figures are not the container's alone`);

  const dir = mounts.unified && cgroupDirectory(mounts.unified, cgroupPath, fsRoot);
  if (dir === undefined) {
    notes.push(`${cgroupPath} is outside the cgroup2 mount at ${mounts.unified?.mountPoint ?? '(none)'}`);
    report.note = notes.join('; ');
    return report;
  }
  const files = new FileReader(options.readFile ?? defaultReadFile);
  const usage = options.withUsage === true;

  const memLimit = parseLimit(files.read(dir, 'memory.max'));
  if (memLimit !== undefined) {
    report.memory = { limitBytes: memLimit };
    const current = usage ? parseCount(files.read(dir, 'memory.current')) : undefined;
    if (current !== undefined) report.memory.usageBytes = current;
  }

  const cpu = parseCpuMax(files.read(dir, 'cpu.max'));
  // cpuset.cpus is empty unless set; the effective list is what the cgroup can actually use.
  const cpuset = files.read(dir, 'cpuset.cpus.effective') || files.read(dir, 'cpuset.cpus');
  const usageUsec = usage ? cpuStatUsageUsec(files.read(dir, 'cpu.stat')) : undefined;
  if (cpu !== undefined || cpuset || usageUsec !== undefined) {
    report.cpu = cpu ?? { cpus: null };
    if (cpuset) report.cpu.cpuset = cpuset;
    if (usageUsec !== undefined) report.cpu.usageUsec = usageUsec;
  }

  const pidsLimit = parseLimit(files.read(dir, 'pids.max'));
  if (pidsLimit !== undefined) {
    report.pids = { limit: pidsLimit };
    const current = usage ? parseCount(files.read(dir, 'pids.current')) : undefined;
    if (current !== undefined) report.pids.current = current;
  }

  const io = files.read(dir, 'io.max');
  if (io !== undefined) report.io = { lines: nonEmptyLines(io) };

  if (files.notFound.length > 0) {
    const why =
      cgroupPath === '/'
        ? 'the root cgroup has no limit files'
        : 'controller not enabled for this cgroup, or the cgroup is gone';
    notes.push(`not found: ${files.notFound.join(', ')} (${why})`);
  }
  if (files.failed.length > 0) notes.push(`unreadable: ${files.failed.join(', ')}`);
  if (notes.length > 0) report.note = notes.join('; ');
  return report;
}

function readV1(cgroup: ProcCgroup, mounts: CgroupMounts, fsRoot: string, options: CgroupReadOptions): CgroupReport {
  const paths = cgroup.v1Paths;
  // Memory is the hierarchy people mean by "the container's cgroup"; fall back along the others.
  const mainPath = paths.memory ?? paths.cpu ?? paths.pids ?? paths['name=systemd'] ?? cgroup.lines[0]?.path ?? '';
  const report: CgroupReport = {
    version: '1',
    path: mainPath,
    driver: recogniseCgroupPath(mainPath).driver,
    controllerPaths: { ...paths },
  };
  const notes: string[] = [];

  const sharedControllers: string[] = [];
  let sharedWhy = '';
  for (const c of ['memory', 'cpu', 'pids'] as const) {
    const p = paths[c];
    const why = p === undefined ? undefined : sharedCgroupReason(p, options.ownCgroup?.v1Paths[c]);
    if (why !== undefined) {
      sharedControllers.push(c);
      sharedWhy ||= why;
    }
  }
  if (sharedControllers.length > 0) {
    notes.push(
      `no per-container cgroup for ${sharedControllers.join(', ')}: it is in ${sharedWhy}, so these figures are not the container's alone ` +
        '(rootless containers on cgroup v1 get no cgroup of their own: an unprivileged user cannot create v1 cgroups)',
    );
  }

  const unreachable: string[] = [];
  const dirs: Partial<Record<(typeof SHOWN_V1_CONTROLLERS)[number], string>> = {};
  for (const c of SHOWN_V1_CONTROLLERS) {
    const mount = mounts.v1[c];
    const p = paths[c];
    if (mount === undefined || p === undefined) {
      unreachable.push(`${c} (${mount === undefined ? 'no hierarchy mounted' : 'no line in /proc/PID/cgroup'})`);
      continue;
    }
    const dir = cgroupDirectory(mount, p, fsRoot);
    if (dir === undefined) unreachable.push(`${c} (${p} is outside the mount at ${mount.mountPoint})`);
    else dirs[c] = dir;
  }
  if (unreachable.length > 0) notes.push(`controllers not read: ${unreachable.join(', ')}`);

  const files = new FileReader(options.readFile ?? defaultReadFile);
  const usage = options.withUsage === true;

  const memRaw = parseCount(files.read(dirs.memory, 'memory.limit_in_bytes'));
  if (memRaw !== undefined) {
    report.memory = { limitBytes: memRaw >= V1_MEMORY_UNLIMITED_FROM || memRaw < 0 ? null : memRaw };
    const current = usage ? parseCount(files.read(dirs.memory, 'memory.usage_in_bytes')) : undefined;
    if (current !== undefined) report.memory.usageBytes = current;
  }

  const quotaUs = parseCount(files.read(dirs.cpu, 'cpu.cfs_quota_us'));
  const periodUs = parseCount(files.read(dirs.cpu, 'cpu.cfs_period_us'));
  const cpuset = files.read(dirs.cpuset, 'cpuset.cpus');
  // cpuacct.usage is nanoseconds; the model speaks microseconds like v2's cpu.stat.
  const usageNs = usage ? parseCount(files.read(dirs.cpuacct, 'cpuacct.usage')) : undefined;
  if (quotaUs !== undefined || periodUs !== undefined || cpuset || usageNs !== undefined) {
    const limited = quotaUs !== undefined && quotaUs > 0 && periodUs !== undefined && periodUs > 0;
    report.cpu = { cpus: limited ? quotaUs / periodUs : null };
    if (quotaUs !== undefined && quotaUs > 0) report.cpu.quotaUs = quotaUs;
    if (periodUs !== undefined) report.cpu.periodUs = periodUs;
    if (cpuset) report.cpu.cpuset = cpuset;
    if (usageNs !== undefined) report.cpu.usageUsec = Math.round(usageNs / 1000);
  }

  const pidsLimit = parseLimit(files.read(dirs.pids, 'pids.max'));
  if (pidsLimit !== undefined) {
    report.pids = { limit: pidsLimit };
    const current = usage ? parseCount(files.read(dirs.pids, 'pids.current')) : undefined;
    if (current !== undefined) report.pids.current = current;
  }

  // Merge the four throttle files into io.max-shaped lines: `8:0 rbps=1048576 wiops=120`.
  if (dirs.blkio !== undefined) {
    const byDevice = new Map<string, string[]>();
    let anyFile = false;
    for (const [file, key] of V1_THROTTLE_FILES) {
      const text = files.read(dirs.blkio, file);
      if (text === undefined) continue;
      anyFile = true;
      for (const line of nonEmptyLines(text)) {
        const [device, value] = line.split(/\s+/);
        if (device === undefined || value === undefined) continue;
        const parts = byDevice.get(device) ?? [];
        parts.push(`${key}=${value}`);
        byDevice.set(device, parts);
      }
    }
    if (anyFile) report.io = { lines: [...byDevice].map(([device, parts]) => `${device} ${parts.join(' ')}`) };
  }

  if (files.notFound.length > 0) {
    // The root of a v1 hierarchy has no pids.max or cfs files: say so rather than guess "unlimited".
    notes.push(
      `not found: ${files.notFound.join(', ')}${Object.values(paths).includes('/') ? ' (root cgroups have no limit files)' : ''}`,
    );
  }
  if (files.failed.length > 0) notes.push(`unreadable: ${files.failed.join(', ')}`);
  if (notes.length > 0) report.note = notes.join('; ');
  return report;
}
