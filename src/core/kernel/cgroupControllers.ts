/**
 * One reader per controller, for either version: the version decides the file names, the caller
 * decides per controller which hierarchy (and so which folder) to read (see cgroupLimits.ts).
 *
 *             v2 (one folder)                          v1 (a folder per hierarchy)
 *   memory    memory.max, .high, .low, .swap.max       memory.limit_in_bytes, .soft_limit_in_bytes,
 *                                                      .memsw.limit_in_bytes
 *   cpu       cpu.max, cpu.weight                      cpu.cfs_quota_us/_period_us, cpu.shares
 *   cpuset    cpuset.cpus.effective / cpuset.cpus      cpuset.cpus
 *   pids      pids.max, pids.current                   the same
 *   io        io.max                                   blkio.throttle.*_device
 *
 * The figures beside the hard limit (high, reservation, swap, weight) are kept only where they
 * change something, i.e. where they differ from what the kernel sets by default, and are read only
 * when the controller's main file was there. Usage is read by cgroupUsage.ts.
 */
import type { CgroupReport } from '../model';
import { nonEmptyLines, parseCount, parseCpuMax, parseLimit, parseV1Bytes } from './cgroupValues';
import type { FileReader } from './cgroupValues';

/** The folder of one controller's files, and which version's file names it has. */
export interface ControllerDir {
  version: '1' | '2';
  dir: string;
}

type Memory = NonNullable<CgroupReport['memory']>;
type Cpu = NonNullable<CgroupReport['cpu']>;

/** cpu.weight's default (cgroup-v2.rst, "CPU Interface Files"); cpu.shares' (sched-design-CFS). */
const DEFAULT_CPU_WEIGHT = 100;
const DEFAULT_CPU_SHARES = 1024;

/** v1 blkio throttle files and the io.max key each one corresponds to. */
const V1_THROTTLE_FILES: ReadonlyArray<[string, string]> = [
  ['blkio.throttle.read_bps_device', 'rbps'],
  ['blkio.throttle.write_bps_device', 'wbps'],
  ['blkio.throttle.read_iops_device', 'riops'],
  ['blkio.throttle.write_iops_device', 'wiops'],
];

export function readMemory(files: FileReader, at: ControllerDir | undefined): Memory | undefined {
  if (at === undefined) return undefined;
  const { dir } = at;
  if (at.version === '2') {
    const limit = parseLimit(files.read(dir, 'memory.max'));
    if (limit === undefined) return undefined;
    const memory: Memory = { limitBytes: limit };
    // memory.high throttles and reclaims above it without killing; memory.low is what
    // `--memory-reservation` sets on v2.
    const high = parseLimit(files.read(dir, 'memory.high'));
    if (typeof high === 'number') memory.highBytes = high;
    const low = parseLimit(files.read(dir, 'memory.low'));
    if (typeof low === 'number' && low > 0) memory.reservationBytes = low;
    const swap = parseLimit(files.read(dir, 'memory.swap.max', true));
    if (typeof swap === 'number') memory.swapLimitBytes = swap;
    return memory;
  }
  const limit = parseV1Bytes(files.read(dir, 'memory.limit_in_bytes'));
  if (limit === undefined) return undefined;
  const memory: Memory = { limitBytes: limit };
  const soft = parseV1Bytes(files.read(dir, 'memory.soft_limit_in_bytes'));
  if (typeof soft === 'number') memory.reservationBytes = soft;
  const memsw = parseV1Bytes(files.read(dir, 'memory.memsw.limit_in_bytes', true));
  if (typeof memsw === 'number') memory.memswLimitBytes = memsw;
  return memory;
}

export interface CpuDirs {
  cpu?: ControllerDir;
  cpuset?: ControllerDir;
}

export function readCpu(files: FileReader, at: CpuDirs): Cpu | undefined {
  const cpu = at.cpu && (at.cpu.version === '2' ? readCpuV2(files, at.cpu.dir) : readCpuV1(files, at.cpu.dir));
  // cpuset.cpus is empty on v2 unless set; the effective list is what the cgroup can actually use.
  const cpuset =
    at.cpuset &&
    ((at.cpuset.version === '2' && files.read(at.cpuset.dir, 'cpuset.cpus.effective')) ||
      files.read(at.cpuset.dir, 'cpuset.cpus'));
  if (cpu === undefined && !cpuset) return undefined;
  const out = cpu ?? { cpus: null };
  if (cpuset) out.cpuset = cpuset;
  return out;
}

function readCpuV2(files: FileReader, dir: string): Cpu | undefined {
  const cpu = parseCpuMax(files.read(dir, 'cpu.max'));
  if (cpu === undefined) return undefined;
  const weight = parseCount(files.read(dir, 'cpu.weight'));
  if (weight !== undefined && weight !== DEFAULT_CPU_WEIGHT) cpu.weight = weight;
  return cpu;
}

function readCpuV1(files: FileReader, dir: string): Cpu | undefined {
  const quotaUs = parseCount(files.read(dir, 'cpu.cfs_quota_us'));
  const periodUs = parseCount(files.read(dir, 'cpu.cfs_period_us'));
  if (quotaUs === undefined && periodUs === undefined) return undefined;
  const limited = quotaUs !== undefined && quotaUs > 0 && periodUs !== undefined && periodUs > 0;
  const cpu: Cpu = { cpus: limited ? quotaUs / periodUs : null };
  if (quotaUs !== undefined && quotaUs > 0) cpu.quotaUs = quotaUs;
  if (periodUs !== undefined) cpu.periodUs = periodUs;
  const shares = parseCount(files.read(dir, 'cpu.shares'));
  if (shares !== undefined && shares !== DEFAULT_CPU_SHARES) cpu.shares = shares;
  return cpu;
}

export function readPids(files: FileReader, at: ControllerDir | undefined): CgroupReport['pids'] {
  const limit = parseLimit(files.read(at?.dir, 'pids.max'));
  return limit === undefined ? undefined : { limit };
}

/** io.max lines; v1's four throttle files merged into the same shape: `8:0 rbps=1048576 wiops=120`. */
export function readIo(files: FileReader, at: ControllerDir | undefined): CgroupReport['io'] {
  if (at === undefined) return undefined;
  if (at.version === '2') {
    const io = files.read(at.dir, 'io.max');
    return io === undefined ? undefined : { lines: nonEmptyLines(io) };
  }
  const byDevice = new Map<string, string[]>();
  let anyFile = false;
  for (const [file, key] of V1_THROTTLE_FILES) {
    const text = files.read(at.dir, file);
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
  return anyFile ? { lines: [...byDevice].map(([device, parts]) => `${device} ${parts.join(' ')}`) } : undefined;
}
