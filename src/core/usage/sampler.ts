/**
 * Samples the usage of the containers someone is looking at, from cgroupfs and /proc only (never
 * the engines' stats APIs, which cost the engines CPU), and keeps the last samples of each in
 * memory. A container's first sample finds its cgroup folders (and reads its limits again); each
 * later one reads only the usage files: at most eight (cgroupUsage.ts and /proc/PID/net/dev).
 *
 * CPU percent needs two samples: it is the CPU time used between them over the wall time between
 * them, as `docker stats` counts it (100 % is one CPU busy).
 */
import type { CgroupReport, ContainerInfo, HostSnapshot } from '../model';
import type { CgroupMounts } from '../kernel/mountinfo';
import { parseProcCgroup, type ProcCgroup } from '../kernel/procCgroup';
import { defaultReadFile, FileReader, type ReadFileFn } from '../kernel/cgroupValues';
import { readCgroupWithDirs } from '../kernel/cgroupLimits';
import { readCgroupUsage, withCgroupUsage, type ControllerDirs } from '../kernel/cgroupSample';
import { netUsage } from '../kernel/netDev';
import { UsageHistory, type UsagePoint } from './history';

export interface UsageSamplerOptions {
  procRoot: string;
  fsRoot: string;
  mounts: CgroupMounts | undefined;
  ownCgroup?: ProcCgroup;
  /** Defaults to `fs.readFileSync(path, 'utf8')`; a seam for tests (and for counting reads). */
  readFile?: ReadFileFn;
  /** Milliseconds on a monotonic clock; defaults to performance.now(). */
  now?: () => number;
}

interface Target {
  pid: number;
  dirs: ControllerDirs;
  /** The last CPU time read and when, for the next percent. */
  cpu?: { usageUsec: number; atMs: number };
}

export class UsageSampler {
  private readonly targets = new Map<string, Target>();
  readonly history = new UsageHistory();
  private readonly readFile: ReadFileFn;
  private readonly now: () => number;

  constructor(private readonly options: UsageSamplerOptions) {
    this.readFile = options.readFile ?? defaultReadFile;
    this.now = options.now ?? (() => performance.now());
  }

  /** The snapshot with fresh usage for the containers in `keys`; the others are kept as they were. */
  apply(snapshot: HostSnapshot, keys: ReadonlySet<string>): HostSnapshot {
    if (keys.size === 0) return snapshot;
    const containers = snapshot.containers.map((c) => (keys.has(c.key) ? this.sample(c) : c));
    this.retainOnly(keys);
    return { ...snapshot, takenAt: new Date().toISOString(), containers };
  }

  /** One sample of one container: a copy with the figures in its cgroup report, or the container as it was. */
  sample(c: ContainerInfo): ContainerInfo {
    const pid = c.pid;
    // Rootless containers on v1 have no cgroup of their own: nothing there is theirs to sample.
    if (pid === undefined || pid <= 0 || !c.cgroup || !hasFigures(c.cgroup) || this.options.mounts === undefined)
      return c;
    let target = this.targets.get(c.key);
    let report = c.cgroup;
    if (target?.pid !== pid) {
      const found = this.findTarget(pid, c.cgroup);
      if (!found) return c;
      ({ target, report } = found);
      this.targets.set(c.key, target);
    } else {
      const files = new FileReader(this.readFile);
      const sample = readCgroupUsage(files, target.dirs);
      if (files.notFound.length > 0 || files.failed.length > 0) {
        // The cgroup is going (the container stopping): find it afresh next time.
        this.targets.delete(c.key);
      }
      report = withCgroupUsage(report, sample);
    }
    const atMs = this.now();
    report = this.withCpuPercent(report, target, atMs);
    const network = this.readNetwork(pid, c);
    if (network) report.network = network;
    this.history.add(c.key, pointOf(report, atMs));
    return { ...c, cgroup: report };
  }

  /** Forgets containers no longer watched: their next sample starts afresh. */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of this.targets.keys()) if (!keys.has(key)) this.targets.delete(key);
    this.history.retainOnly(keys);
  }

  private findTarget(pid: number, shown: CgroupReport): { target: Target; report: CgroupReport } | undefined {
    let cgroup: ProcCgroup;
    try {
      cgroup = parseProcCgroup(this.readFile(`${this.options.procRoot}/${pid}/cgroup`));
    } catch {
      return undefined; // gone; the engine's event will say so
    }
    const { report, dirs } = readCgroupWithDirs(cgroup, this.options.mounts!, this.options.fsRoot, {
      withUsage: true,
      ownCgroup: this.options.ownCgroup,
      readFile: this.readFile,
    });
    // Another cgroup than the one the snapshot read (a reused PID): not this container's.
    if (report.path !== shown.path) return undefined;
    return { target: { pid, dirs }, report };
  }

  private withCpuPercent(report: CgroupReport, target: Target, atMs: number): CgroupReport {
    const usageUsec = report.cpu?.usageUsec;
    if (usageUsec === undefined || !report.cpu) return report;
    const before = target.cpu;
    target.cpu = { usageUsec, atMs };
    const cpu = { ...report.cpu };
    delete cpu.percent;
    delete cpu.percentWindowMs;
    if (before && atMs > before.atMs && usageUsec >= before.usageUsec) {
      const windowMs = atMs - before.atMs;
      cpu.percent = ((usageUsec - before.usageUsec) / 1000 / windowMs) * 100;
      cpu.percentWindowMs = Math.round(windowMs);
    }
    return { ...report, cpu };
  }

  private readNetwork(pid: number, c: ContainerInfo): CgroupReport['network'] {
    let text: string;
    try {
      text = this.readFile(`${this.options.procRoot}/${pid}/net/dev`);
    } catch {
      return undefined;
    }
    const network: NonNullable<CgroupReport['network']> = netUsage(text);
    if (c.namespaces?.entries.some((e) => e.kind === 'net' && e.verdict.kind === 'host')) network.hostNetwork = true;
    return network;
  }
}

function hasFigures(cg: CgroupReport): boolean {
  return cg.memory !== undefined || cg.cpu !== undefined || cg.pids !== undefined;
}

function pointOf(report: CgroupReport, atMs: number): UsagePoint {
  return {
    atMs,
    workingSetBytes: report.memory?.workingSetBytes,
    memoryLimitBytes: report.memory?.limitBytes ?? null,
    cpuPercent: report.cpu?.percent,
    cpus: report.cpu?.cpus ?? null,
  };
}
