/**
 * Reads a process's cgroup limits and, when asked, its current usage: memory, CPU, pids and io.
 *
 * v2 (Documentation/admin-guide/cgroup-v2.rst): every file sits in one directory, the unified mount
 * joined with the `0::` path. v1 (Documentation/admin-guide/cgroup-v1/): each controller has its own
 * hierarchy, mount and path. A controller is bound to one hierarchy at a time, so the version is
 * decided per controller: v1 where the controller has both a v1 mount and a v1 line in
 * /proc/PID/cgroup, the `0::` path otherwise. A hybrid host keeps them all on v1 (its unified mount
 * has none enabled); a v2 host that also mounts a v1 `net_cls` or `name=systemd` hierarchy has them
 * all on v2.
 *
 * Usage files are read only with `withUsage`, because usage is read only where it is shown, and
 * every file is read synchronously (DESIGN.md, "Cost of the kernel reads"). Nothing here throws:
 * an unreadable part is left out and `note` says why.
 */
import type { CgroupReport } from '../model';
import { cgroupDirectory, LIMIT_CONTROLLERS, type CgroupMounts, type LimitController } from './mountinfo';
import { isUserSessionPath, recogniseCgroupPath } from './cgroupPath';
import { isOutsideCgroupNamespace, readProcCgroup, type ProcCgroup } from './procCgroup';
import { defaultReadFile, FileReader, type ReadFileFn } from './cgroupValues';
import { readCpu, readIo, readMemory, readPids } from './cgroupControllers';
import { readCgroupUsage, withCgroupUsage, type ControllerDirs } from './cgroupSample';

export { cpuStatUsageUsec, parseCpuMax, parseLimit, V1_MEMORY_UNLIMITED_FROM, type ReadFileFn } from './cgroupValues';

export interface CgroupReadOptions {
  /** Also read usage: memory, CPU time and throttling, pids, io (see cgroupUsage.ts). */
  withUsage?: boolean;
  /**
   * The extension's own /proc/self/cgroup. A container in the same cgroup as the extension (or in
   * `/`, or in a login session) has no cgroup of its own: rootless containers on v1.
   */
  ownCgroup?: ProcCgroup;
  /** Defaults to `fs.readFileSync(path, 'utf8')`; a seam for tests. */
  readFile?: ReadFileFn;
}

/** Why a path is not a cgroup of the container's own, or undefined when it is. */
function sharedCgroupReason(cgroupPath: string, ownPath: string | undefined): string | undefined {
  if (cgroupPath === '/') return 'the root cgroup';
  if (isUserSessionPath(cgroupPath)) return `the login session's cgroup ${cgroupPath}`;
  if (ownPath !== undefined && cgroupPath === ownPath) return `the extension's own cgroup ${cgroupPath}`;
  return undefined;
}

const OUTSIDE_NAMESPACE =
  'lies outside this cgroup namespace (the extension runs in a cgroup namespace of its own, as in a dev container), so its files cannot be reached from here';

/** Which hierarchy each controller is read from; the v1 ones by their own path. */
function v1Controllers(cgroup: ProcCgroup, mounts: CgroupMounts): LimitController[] {
  return LIMIT_CONTROLLERS.filter((c) => mounts.v1[c] !== undefined && cgroup.v1Paths[c] !== undefined);
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
  return readCgroupWithDirs(cgroup, mounts, fsRoot, options).report;
}

/** The report and the controller folders it was read from, which the usage sampler reads again. */
export function readCgroupWithDirs(
  cgroup: ProcCgroup,
  mounts: CgroupMounts,
  fsRoot: string,
  options: CgroupReadOptions = {},
): { report: CgroupReport; dirs: ControllerDirs } {
  const onV1 = v1Controllers(cgroup, mounts);
  const unifiedPath = mounts.unified ? cgroup.unifiedPath : undefined;
  const hasV1Lines = Object.keys(cgroup.v1Paths).length > 0;
  const anyV1Mount = Object.keys(mounts.v1).length > 0;
  if (onV1.length === 0 && unifiedPath === undefined && !(hasV1Lines && anyV1Mount)) {
    const path = cgroup.unifiedPath ?? cgroup.lines[0]?.path ?? '';
    const why =
      mounts.version === undefined
        ? 'no cgroup filesystem is mounted (per mountinfo)'
        : `the process's cgroup lines do not match the mounted cgroup ${mounts.version} hierarchies`;
    const report: CgroupReport = {
      version: hasV1Lines ? '1' : '2',
      path,
      driver: recogniseCgroupPath(path).driver,
      note: `limits not read: ${why}`,
    };
    return { report, dirs: {} };
  }
  const version = onV1.length > 0 || unifiedPath === undefined ? '1' : '2';
  const paths = cgroup.v1Paths;
  // Memory is the hierarchy people mean by "the container's cgroup"; fall back along the others.
  const path =
    version === '2'
      ? unifiedPath!
      : (paths.memory ?? paths.cpu ?? paths.pids ?? paths['name=systemd'] ?? cgroup.lines[0]?.path ?? '');
  let report: CgroupReport = { version, path, driver: recogniseCgroupPath(path).driver };
  if (version === '1') report.controllerPaths = { ...paths };
  const notes: string[] = [];
  const dirs: ControllerDirs = {};

  if (version === '1') notes.push(...readV1Dirs(cgroup, mounts, fsRoot, onV1, options, dirs));
  const onV2 = unifiedPath === undefined ? [] : LIMIT_CONTROLLERS.filter((c) => !onV1.includes(c));
  if (unifiedPath !== undefined && onV2.length > 0) {
    notes.push(...unifiedDir(cgroup, unifiedPath, mounts, fsRoot, onV2, version, options, dirs));
  }

  const files = new FileReader(options.readFile ?? defaultReadFile);
  const memory = readMemory(files, dirs.memory);
  if (memory) report.memory = memory;
  const cpu = readCpu(files, { cpu: dirs.cpu, cpuset: dirs.cpuset });
  if (cpu) report.cpu = cpu;
  const pids = readPids(files, dirs.pids);
  if (pids) report.pids = pids;
  const io = readIo(files, dirs.blkio);
  if (io) report.io = io;
  if (options.withUsage === true) report = withCgroupUsage(report, readCgroupUsage(files, dirs));

  if (files.notFound.length > 0) {
    let why: string;
    if (version === '2')
      why =
        path === '/'
          ? 'the root cgroup has no limit files'
          : 'controller not enabled for this cgroup, or the cgroup is gone';
    else why = Object.values(paths).includes('/') ? 'root cgroups have no limit files' : '';
    // The root of a hierarchy has no pids.max or cfs files: say so rather than guess "unlimited".
    notes.push(`not found: ${files.notFound.join(', ')}${why ? ` (${why})` : ''}`);
  }
  if (files.failed.length > 0) notes.push(`unreadable: ${files.failed.join(', ')}`);
  if (notes.length > 0) report.note = notes.join('; ');
  return { report, dirs };
}

/** Folders of the controllers read from v1, each from its own hierarchy; returns the notes. */
function readV1Dirs(
  cgroup: ProcCgroup,
  mounts: CgroupMounts,
  fsRoot: string,
  onV1: readonly LimitController[],
  options: CgroupReadOptions,
  dirs: ControllerDirs,
): string[] {
  const paths = cgroup.v1Paths;
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
  for (const c of LIMIT_CONTROLLERS) {
    const mount = mounts.v1[c];
    const p = paths[c];
    if (!onV1.includes(c)) {
      // Read from the unified hierarchy instead, when there is one.
      if (mounts.unified === undefined || cgroup.unifiedPath === undefined)
        unreachable.push(`${c} (${mount === undefined ? 'no hierarchy mounted' : 'no line in /proc/PID/cgroup'})`);
      continue;
    }
    const dir = cgroupDirectory(mount!, p, fsRoot);
    if (dir !== undefined) dirs[c] = { version: '1', dir };
    else if (isOutsideCgroupNamespace(p)) unreachable.push(`${c} (${p} ${OUTSIDE_NAMESPACE})`);
    else unreachable.push(`${c} (${p} is outside the mount at ${mount!.mountPoint})`);
  }
  if (unreachable.length > 0) notes.push(`controllers not read: ${unreachable.join(', ')}`);
  return notes;
}

/** The one folder of the controllers read from v2; returns the notes. */
function unifiedDir(
  cgroup: ProcCgroup,
  unifiedPath: string,
  mounts: CgroupMounts,
  fsRoot: string,
  onV2: readonly LimitController[],
  version: '1' | '2',
  options: CgroupReadOptions,
  dirs: ControllerDirs,
): string[] {
  const notes: string[] = [];
  // In a mixed report, say which figures come from the other hierarchy.
  const which = version === '1' ? ` (${onV2.join(', ')}, read from cgroup v2)` : '';
  if (cgroup.lines.some((l) => l.hierarchyId === 0 && l.removed)) {
    notes.push(
      `the cgroup ${unifiedPath} has been removed${which}: the kernel marks it deleted in /proc/PID/cgroup, so the container is stopping and its limits are gone`,
    );
    return notes;
  }
  if (isOutsideCgroupNamespace(unifiedPath)) {
    notes.push(`the cgroup ${unifiedPath}${which} ${OUTSIDE_NAMESPACE}`);
    return notes;
  }
  if (version === '2') {
    const shared = sharedCgroupReason(unifiedPath, options.ownCgroup?.unifiedPath);
    if (shared) notes.push(`no cgroup of its own: it is in ${shared}, so these figures are not the container's alone`);
  }
  const dir = cgroupDirectory(mounts.unified!, unifiedPath, fsRoot);
  if (dir === undefined) {
    notes.push(`${unifiedPath} is outside the cgroup2 mount at ${mounts.unified!.mountPoint}${which}`);
    return notes;
  }
  for (const c of onV2) dirs[c] = { version: '2', dir };
  if (version === '1') notes.push(`read from cgroup v2: ${onV2.join(', ')}`);
  return notes;
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
