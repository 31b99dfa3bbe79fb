/**
 * What a cgroup is using right now, read from the files the kernel documents
 * (Documentation/admin-guide/cgroup-v2.rst "Memory/CPU/IO Interface Files", "PSI";
 * cgroup-v1/memory.rst, cgroup-v1/blkio-controller.rst, scheduler/sched-bwc.rst).
 *
 *             v2 (one folder)                     v1 (a folder per hierarchy)
 *   memory    memory.current, memory.stat,        memory.usage_in_bytes, memory.stat,
 *             memory.events, memory.pressure      memory.oom_control
 *   cpu       cpu.stat (usage and throttling)     cpuacct.usage, cpu.stat (throttling)
 *   pids      pids.current                        the same
 *   io        io.stat                             blkio.throttle.io_service_bytes
 *
 * Seven files on either version, and /proc/PID/net/dev makes eight (see usage/sampler.ts). v1's
 * operation counts (blkio.throttle.io_serviced) would be a ninth file and are left out.
 *
 * The working set is counted as `docker stats` counts it: the charge minus the inactive file
 * cache, which the kernel reclaims before it would kill anything. shmem (tmpfs, shared memory)
 * sits on the swap-backed lists, not the file ones, so it stays in the working set.
 */
import type { CgroupReport } from '../model';
import type { ControllerDir } from './cgroupControllers';
import { parseCount, type FileReader } from './cgroupValues';

type Memory = NonNullable<CgroupReport['memory']>;
export type MemoryUsage = Pick<Memory, 'usageBytes' | 'workingSetBytes' | 'breakdown' | 'events' | 'pressure'>;
export type CpuUsage = Pick<NonNullable<CgroupReport['cpu']>, 'usageUsec' | 'throttling'>;
export type IoUsage = NonNullable<NonNullable<CgroupReport['io']>['usage']>;

/** A flat keyed file (`key value` per line: memory.stat, cpu.stat, memory.events) as numbers. */
export function parseFlatKeyed(text: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (text === undefined) return out;
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+)\s+(\d+)\s*$/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

/** The charge minus inactive file, never below zero (docker's calculateMemUsageUnixNoCache). */
export function workingSet(charge: number, inactiveFile: number | undefined): number {
  return inactiveFile !== undefined && inactiveFile < charge ? charge - inactiveFile : charge;
}

export function readMemoryUsage(files: FileReader, at: ControllerDir | undefined): MemoryUsage | undefined {
  if (at === undefined) return undefined;
  const v2 = at.version === '2';
  const charge = parseCount(files.read(at.dir, v2 ? 'memory.current' : 'memory.usage_in_bytes'));
  if (charge === undefined) return undefined;
  const stat = parseFlatKeyed(files.read(at.dir, 'memory.stat'));
  // v1 memory.stat has the cgroup's own figures and `total_*` ones with its descendants; the
  // charge covers the descendants, so the totals are the ones to compare with it.
  const key = (name: string): number | undefined => stat.get(v2 ? name : `total_${name}`);
  const inactiveFile = key('inactive_file');
  const out: MemoryUsage = { usageBytes: charge, workingSetBytes: workingSet(charge, inactiveFile) };
  if (stat.size > 0) out.breakdown = memoryBreakdown(charge, key, v2);
  const events = v2 ? readV2Events(files, at.dir) : readV1OomControl(files, at.dir);
  if (events) out.events = events;
  if (v2) {
    const pressure = parsePressure(files.read(at.dir, 'memory.pressure', true));
    if (pressure) out.pressure = pressure;
  }
  return out;
}

function memoryBreakdown(
  charge: number,
  key: (name: string) => number | undefined,
  v2: boolean,
): NonNullable<Memory['breakdown']> {
  // v1 names anonymous memory `rss` and the page cache (shmem included) `cache`.
  const anon = key(v2 ? 'anon' : 'rss') ?? 0;
  const file = key(v2 ? 'file' : 'cache') ?? 0;
  const b: NonNullable<Memory['breakdown']> = {
    anonBytes: anon,
    fileBytes: file,
    activeFileBytes: key('active_file') ?? 0,
    inactiveFileBytes: key('inactive_file') ?? 0,
    shmemBytes: key('shmem') ?? 0,
  };
  // v2 counts kernel memory itself (`kernel` from 5.18, its parts before); v1's memory.stat has
  // no kernel line, and the rest of the charge is mostly kernel memory.
  const kernel = v2
    ? (key('kernel') ?? sumOf(key, ['kernel_stack', 'pagetables', 'percpu', 'sock', 'slab']))
    : Math.max(0, charge - anon - file - (key('swap') ?? 0));
  if (kernel !== undefined) b.kernelBytes = kernel;
  const swap = v2 ? undefined : key('swap');
  if (swap !== undefined) b.swapBytes = swap;
  return b;
}

function sumOf(key: (name: string) => number | undefined, names: readonly string[]): number | undefined {
  const values = names.map(key).filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
}

/** v2 memory.events: how often memory.high and memory.max were hit, OOMs and OOM kills. */
function readV2Events(files: FileReader, dir: string): Memory['events'] {
  const e = parseFlatKeyed(files.read(dir, 'memory.events'));
  if (!e.has('oom_kill')) return undefined;
  return { oomKills: e.get('oom_kill')!, oom: e.get('oom'), max: e.get('max'), high: e.get('high') };
}

/** v1 memory.oom_control: `oom_kill` from kernel 4.13; `under_oom` is 1 while the group is stuck. */
function readV1OomControl(files: FileReader, dir: string): Memory['events'] {
  const e = parseFlatKeyed(files.read(dir, 'memory.oom_control'));
  if (!e.has('oom_kill')) return undefined;
  return { oomKills: e.get('oom_kill')! };
}

/** PSI (`some avg10=0.00 avg60=… total=µs`): the share of time tasks waited for memory. */
export function parsePressure(text: string | undefined): Memory['pressure'] {
  if (text === undefined) return undefined;
  const line = (kind: string) =>
    new RegExp(`^${kind} avg10=([\\d.]+) avg60=([\\d.]+) avg300=([\\d.]+) total=(\\d+)`, 'm').exec(text);
  const some = line('some');
  if (!some) return undefined;
  const full = line('full');
  return {
    someAvg10: Number(some[1]),
    someAvg60: Number(some[2]),
    fullAvg10: full ? Number(full[1]) : undefined,
    someTotalUs: Number(some[4]),
  };
}

/** CPU time and throttling: v2 cpu.stat has both (µs); v1 has cpuacct.usage (ns) and cpu.stat (ns). */
export function readCpuUsage(
  files: FileReader,
  cpu: ControllerDir | undefined,
  cpuacct: ControllerDir | undefined,
): CpuUsage | undefined {
  const out: CpuUsage = {};
  if (cpu?.version === '2') {
    const stat = parseFlatKeyed(files.read(cpu.dir, 'cpu.stat'));
    out.usageUsec = stat.get('usage_usec');
    out.throttling = throttling(stat.get('nr_periods'), stat.get('nr_throttled'), stat.get('throttled_usec'));
  } else {
    if (cpuacct !== undefined) {
      const ns = parseCount(files.read(cpuacct.dir, 'cpuacct.usage'));
      if (ns !== undefined) out.usageUsec = Math.round(ns / 1000);
    }
    if (cpu !== undefined) {
      const stat = parseFlatKeyed(files.read(cpu.dir, 'cpu.stat'));
      const ns = stat.get('throttled_time');
      out.throttling = throttling(
        stat.get('nr_periods'),
        stat.get('nr_throttled'),
        ns === undefined ? undefined : Math.round(ns / 1000),
      );
    }
  }
  if (out.usageUsec === undefined) delete out.usageUsec;
  if (out.throttling === undefined) delete out.throttling;
  return Object.keys(out).length > 0 ? out : undefined;
}

function throttling(
  periods: number | undefined,
  throttled: number | undefined,
  throttledUsec: number | undefined,
): CpuUsage['throttling'] {
  if (periods === undefined || throttled === undefined) return undefined;
  return { periods, throttledPeriods: throttled, throttledUsec: throttledUsec ?? 0 };
}

/**
 * Bytes (and on v2 operations) read and written, summed over devices. v1 io_service_bytes has
 * `MAJ:MIN Read N` lines per device and a closing `Total N`; v2 io.stat one line per device of
 * `rbytes= wbytes= rios= wios= dbytes= dios=`.
 */
export function readIoUsage(files: FileReader, at: ControllerDir | undefined): IoUsage | undefined {
  if (at === undefined) return undefined;
  if (at.version === '2') {
    const text = files.read(at.dir, 'io.stat');
    if (text === undefined) return undefined;
    const sum = { rbytes: 0, wbytes: 0, rios: 0, wios: 0 };
    for (const line of text.split('\n'))
      for (const m of line.matchAll(/\b(rbytes|wbytes|rios|wios)=(\d+)/g))
        sum[m[1] as keyof typeof sum] += Number(m[2]);
    return { readBytes: sum.rbytes, writeBytes: sum.wbytes, readOps: sum.rios, writeOps: sum.wios };
  }
  const text = files.read(at.dir, 'blkio.throttle.io_service_bytes');
  if (text === undefined) return undefined;
  const out: IoUsage = { readBytes: 0, writeBytes: 0 };
  for (const line of text.split('\n')) {
    const m = /^\d+:\d+ (Read|Write) (\d+)$/.exec(line.trim());
    if (m) out[m[1] === 'Read' ? 'readBytes' : 'writeBytes'] += Number(m[2]);
  }
  return out;
}
