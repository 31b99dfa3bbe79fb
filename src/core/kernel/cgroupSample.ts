/**
 * One usage sample of a cgroup from its controller folders (resolved once, see cgroupLimits.ts),
 * and the sample merged into a report. Reads only usage files: the limits stay as last read.
 */
import type { CgroupReport } from '../model';
import type { LimitController } from './mountinfo';
import type { ControllerDir } from './cgroupControllers';
import { parseCount, type FileReader } from './cgroupValues';
import {
  readCpuUsage,
  readIoUsage,
  readMemoryUsage,
  type CpuUsage,
  type IoUsage,
  type MemoryUsage,
} from './cgroupUsage';

export type ControllerDirs = Partial<Record<LimitController, ControllerDir>>;

export interface CgroupUsageSample {
  memory?: MemoryUsage;
  cpu?: CpuUsage;
  pidsCurrent?: number;
  io?: IoUsage;
}

export function readCgroupUsage(files: FileReader, dirs: ControllerDirs): CgroupUsageSample {
  const sample: CgroupUsageSample = {};
  const memory = readMemoryUsage(files, dirs.memory);
  if (memory) sample.memory = memory;
  const cpu = readCpuUsage(files, dirs.cpu, dirs.cpuacct);
  if (cpu) sample.cpu = cpu;
  const pids = dirs.pids && parseCount(files.read(dirs.pids.dir, 'pids.current'));
  if (pids !== undefined) sample.pidsCurrent = pids;
  const io = readIoUsage(files, dirs.blkio);
  if (io) sample.io = io;
  return sample;
}

/** A copy of the report with the sample's figures in it; controllers it has no limits for are added. */
export function withCgroupUsage(report: CgroupReport, sample: CgroupUsageSample): CgroupReport {
  const out: CgroupReport = { ...report };
  if (sample.memory) out.memory = { ...(report.memory ?? { limitBytes: null }), ...sample.memory };
  if (sample.cpu) out.cpu = { ...(report.cpu ?? { cpus: null }), ...sample.cpu };
  if (sample.pidsCurrent !== undefined) out.pids = { ...(report.pids ?? { limit: null }), current: sample.pidsCurrent };
  if (sample.io) out.io = { ...(report.io ?? { lines: [] }), usage: sample.io };
  return out;
}
