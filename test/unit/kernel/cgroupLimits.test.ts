import * as assert from 'node:assert/strict';
import {
  cpuStatUsageUsec,
  findCgroupMounts,
  parseCpuMax,
  parseLimit,
  parseMountInfo,
  parseProcCgroup,
  readCgroupLimits,
  readCgroupMounts,
  readCgroupReport,
  readProcCgroup,
  type CgroupMounts,
  type ProcCgroup,
} from '../../../src/core/kernel';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readKernelDetail } from '../../../src/core/snapshot/kernelDetail';
import type { ContainerInfo } from '../../../src/core/model';
import { fixture, IDS } from './kernelFixtures';

/** A fixture file's content, read here and not through the code under test. */
function fileText(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8').trim();
}
function fileNumber(dir: string, name: string): number {
  return Number(fileText(dir, name));
}

function mountsOf(procRoot: string): CgroupMounts {
  const res = readCgroupMounts(procRoot);
  assert.ok(res.ok);
  return res.mounts;
}

function selfCgroup(procRoot: string): ProcCgroup {
  const res = readProcCgroup(procRoot, 'self');
  assert.ok(res.ok);
  return res.cgroup;
}

const MiB = 1024 * 1024;

describe('kernel/cgroupLimits', () => {
  describe('value parsers', () => {
    it('parseLimit: max is null, numbers are numbers, junk is left out', () => {
      assert.equal(parseLimit('max'), null);
      assert.equal(parseLimit('536870912'), 536870912);
      assert.equal(parseLimit(''), undefined);
      assert.equal(parseLimit(undefined), undefined);
    });
    it('parseCpuMax: `max 100000` is unlimited, `50000 100000` is half a CPU', () => {
      assert.deepEqual(parseCpuMax('max 100000'), { cpus: null, periodUs: 100000 });
      assert.deepEqual(parseCpuMax('50000 100000'), { cpus: 0.5, quotaUs: 50000, periodUs: 100000 });
      assert.deepEqual(parseCpuMax('250000 100000'), { cpus: 2.5, quotaUs: 250000, periodUs: 100000 });
      assert.equal(parseCpuMax('bogus'), undefined);
    });
    it('cpuStatUsageUsec reads the flat keyed file', () => {
      assert.equal(cpuStatUsageUsec('usage_usec 123\nuser_usec 100\n'), 123);
      assert.equal(cpuStatUsageUsec('user_usec 100\n'), undefined);
    });
  });

  describe('cgroup v2 fixture', () => {
    const { procRoot, fsRoot } = fixture('cgroup-v2');
    const mounts = mountsOf(procRoot);

    it('Docker (systemd driver) with every limit set', () => {
      const r = readCgroupReport(procRoot, 5001, mounts, fsRoot, { withUsage: true });
      assert.deepEqual(r, {
        version: '2',
        path: `/system.slice/docker-${IDS.v2Docker}.scope`,
        driver: 'systemd',
        memory: {
          limitBytes: 536870912,
          swapLimitBytes: 536870912,
          usageBytes: 104857600,
          // memory.stat: 20 MiB anon, 78 MiB file of which 60 MiB inactive, 8 MiB shmem, 2 MiB kernel.
          workingSetBytes: 104857600 - 60 * MiB,
          breakdown: {
            anonBytes: 20 * MiB,
            fileBytes: 78 * MiB,
            activeFileBytes: 10 * MiB,
            inactiveFileBytes: 60 * MiB,
            shmemBytes: 8 * MiB,
            kernelBytes: 2 * MiB,
          },
          events: { oomKills: 1, oom: 1, max: 12, high: 0 },
          pressure: { someAvg10: 1.5, someAvg60: 0.75, fullAvg10: 0.5, someTotalUs: 123456 },
        },
        cpu: {
          cpus: 0.5,
          quotaUs: 50000,
          periodUs: 100000,
          cpuset: '0-1',
          usageUsec: 123456,
          throttling: { periods: 40, throttledPeriods: 2, throttledUsec: 3100 },
        },
        pids: { limit: 100, current: 7 },
        io: {
          lines: ['8:0 rbps=1048576 wbps=max riops=max wiops=max'],
          // io.stat's two devices summed.
          usage: { readBytes: 3 * MiB, writeBytes: 4 * MiB, readOps: 48, writeOps: 64 },
        },
      });
    });

    it('without withUsage, only limits are read', () => {
      const r = readCgroupReport(procRoot, 5001, mounts, fsRoot);
      assert.deepEqual(r.memory, { limitBytes: 536870912, swapLimitBytes: 536870912 });
      assert.deepEqual(r.cpu, { cpus: 0.5, quotaUs: 50000, periodUs: 100000, cpuset: '0-1' });
      assert.deepEqual(r.pids, { limit: 100 });
      assert.equal(r.note, undefined);
    });

    it('Podman (systemd, /container) unlimited: max → null, empty io.max, effective cpuset', () => {
      const r = readCgroupReport(procRoot, 5002, mounts, fsRoot, { withUsage: true, ownCgroup: selfCgroup(procRoot) });
      assert.deepEqual(r, {
        version: '2',
        path: `/machine.slice/libpod-${IDS.v2Podman}.scope/container`,
        driver: 'systemd',
        memory: {
          limitBytes: null,
          usageBytes: 2097152,
          workingSetBytes: MiB,
          // A kernel before 5.18 has no `kernel` line: its parts (stack, page tables, percpu, sock, slab) summed.
          breakdown: {
            anonBytes: MiB,
            fileBytes: MiB,
            activeFileBytes: 0,
            inactiveFileBytes: MiB,
            shmemBytes: 0,
            kernelBytes: 512 * 1024,
          },
          events: { oomKills: 0, oom: 0, max: 0, high: 0 },
        },
        cpu: {
          cpus: null,
          periodUs: 100000,
          cpuset: '0-3',
          usageUsec: 9876,
          throttling: { periods: 0, throttledPeriods: 0, throttledUsec: 0 },
        },
        pids: { limit: null, current: 1 },
        io: { lines: [], usage: { readBytes: 0, writeBytes: 0, readOps: 0, writeOps: 0 } },
      });
    });

    it('the root cgroup: no limit files, and a note saying so', () => {
      const r = readCgroupReport(procRoot, 5003, mounts, fsRoot, { withUsage: true });
      assert.equal(r.path, '/');
      assert.equal(r.memory, undefined);
      assert.equal(r.pids, undefined);
      assert.deepEqual(r.cpu, { cpus: null, cpuset: '0-3', usageUsec: 77000000 });
      assert.match(r.note ?? '', /no cgroup of its own: it is in the root cgroup/);
      assert.match(
        r.note ?? '',
        /not found: memory\.max, .*cpu\.max.*pids\.max.*io\.max.* \(the root cgroup has no limit files\)/,
      );
    });

    it('a process that is gone gives a note, not a throw', () => {
      const r = readCgroupReport(procRoot, 999999, mounts, fsRoot);
      assert.equal(r.version, '2');
      assert.match(r.note ?? '', /^cgroup not read: .*not found: the process has exited/);
    });

    it('an unreadable file (EACCES through the seam) is named in the note', () => {
      const readFile = (p: string): string => {
        if (p.endsWith('memory.max')) throw Object.assign(new Error('denied'), { code: 'EACCES' });
        return 'max';
      };
      const cg = parseProcCgroup(`0::/system.slice/docker-${IDS.v2Docker}.scope`);
      const r = readCgroupLimits(cg, mounts, fsRoot, { readFile });
      assert.equal(r.memory, undefined);
      assert.match(r.note ?? '', /unreadable: memory\.max \(EACCES\)/);
    });
  });

  describe('cgroup v1 fixture', () => {
    const { procRoot, fsRoot } = fixture('cgroup-v1');
    const mounts = mountsOf(procRoot);
    const own = selfCgroup(procRoot);

    it('Docker (cgroupfs) with limits: each controller from its own mount, co-mounted cpu,cpuacct', () => {
      const r = readCgroupReport(procRoot, 4242, mounts, fsRoot, { withUsage: true, ownCgroup: own });
      const p = `/docker/${IDS.v1Limited}`;
      assert.equal(r.version, '1');
      assert.equal(r.path, p);
      assert.equal(r.driver, 'cgroupfs');
      assert.equal(r.controllerPaths?.memory, p);
      assert.equal(r.controllerPaths?.['name=systemd'], p);
      assert.deepEqual(r.memory, {
        limitBytes: 268435456,
        usageBytes: 12345678,
        reservationBytes: 134217728,
        memswLimitBytes: 536870912,
        // memory.stat totals: rss 4 MiB, cache 7 MiB (2 MiB shmem, 1 active, 4 inactive), no swap.
        workingSetBytes: 12345678 - 4 * MiB,
        breakdown: {
          anonBytes: 4 * MiB,
          fileBytes: 7 * MiB,
          activeFileBytes: MiB,
          inactiveFileBytes: 4 * MiB,
          shmemBytes: 2 * MiB,
          kernelBytes: 12345678 - 11 * MiB,
          swapBytes: 0,
        },
        events: { oomKills: 2 },
      });
      assert.deepEqual(r.cpu, {
        cpus: 1.5,
        quotaUs: 150000,
        periodUs: 100000,
        cpuset: '0-1',
        usageUsec: 5000000,
        shares: 512,
        // cpu.stat's throttled_time is nanoseconds on v1.
        throttling: { periods: 1000, throttledPeriods: 250, throttledUsec: 12_500_000 },
      });
      assert.deepEqual(r.pids, { limit: 64, current: 3 });
      assert.deepEqual(r.io, {
        lines: ['8:0 rbps=1048576 wiops=120', '8:16 wiops=240'],
        usage: { readBytes: 3 * MiB, writeBytes: 5 * MiB },
      });
      assert.equal(r.note, undefined);
    });

    it('Docker unlimited: 9223372036854771712 and -1 and max are all null; empty throttle files give no lines', () => {
      const r = readCgroupReport(procRoot, 4343, mounts, fsRoot, { withUsage: true, ownCgroup: own });
      assert.equal(r.memory?.limitBytes, null);
      assert.equal(r.memory?.usageBytes, 4096);
      assert.equal(r.memory?.workingSetBytes, 4096, 'no inactive file: the working set is the charge');
      assert.deepEqual(r.cpu, {
        cpus: null,
        periodUs: 100000,
        cpuset: '0-3',
        usageUsec: 42,
        throttling: { periods: 0, throttledPeriods: 0, throttledUsec: 0 },
      });
      assert.deepEqual(r.pids, { limit: null, current: 1 });
      assert.deepEqual(r.io, { lines: [], usage: { readBytes: 0, writeBytes: 0 } });
    });

    it('rootless Podman on v1: in the user session, with a note that there is no per-container cgroup', () => {
      const r = readCgroupReport(procRoot, 4444, mounts, fsRoot, { withUsage: true, ownCgroup: own });
      assert.equal(r.path, '/user.slice/user-1000.slice/session-2.scope');
      assert.equal(r.driver, 'systemd');
      assert.match(r.note ?? '', /no per-container cgroup for memory, cpu, pids: it is in the login session's cgroup/);
      assert.match(r.note ?? '', /rootless/);
      // The figures are read anyway (they are the session's), the note qualifies them.
      assert.equal(r.memory?.limitBytes, null);
      assert.equal(r.memory?.usageBytes, 734003200);
      assert.equal(r.memory?.workingSetBytes, 734003200 - 300 * MiB);
      assert.equal(r.cpu?.cpuset, '0-3');
    });

    it('path / is noted too, and a controller without a mount is named', () => {
      const cg = parseProcCgroup('5:memory:/\n7:pids:/\n');
      const m = findCgroupMounts(parseMountInfo('28 24 0:24 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory'));
      const r = readCgroupLimits(cg, m, fsRoot);
      assert.match(r.note ?? '', /no per-container cgroup for memory, pids: it is in the root cgroup/);
      assert.match(r.note ?? '', /pids \(no hierarchy mounted\)/);
      assert.match(r.note ?? '', /cpu \(no hierarchy mounted\)/);
    });
  });

  describe('hybrid fixture', () => {
    const { procRoot, fsRoot } = fixture('cgroup-hybrid');
    const mounts = mountsOf(procRoot);

    it('reads the controllers from v1 even though the 0:: line and the unified mount exist', () => {
      const r = readCgroupReport(procRoot, 6001, mounts, fsRoot, { withUsage: true, ownCgroup: selfCgroup(procRoot) });
      const p = `/system.slice/docker-${IDS.hybridDocker}.scope`;
      assert.deepEqual(r, {
        version: '1',
        path: p,
        driver: 'systemd',
        controllerPaths: { devices: p, blkio: p, cpuset: p, pids: p, cpu: p, cpuacct: p, memory: p, 'name=systemd': p },
        memory: {
          limitBytes: 1073741824,
          usageBytes: 52428800,
          memswLimitBytes: 2147483648,
          workingSetBytes: 20 * MiB,
          breakdown: {
            anonBytes: 10 * MiB,
            fileBytes: 38 * MiB,
            activeFileBytes: 8 * MiB,
            inactiveFileBytes: 30 * MiB,
            shmemBytes: 0,
            kernelBytes: 2 * MiB,
            swapBytes: 0,
          },
          events: { oomKills: 0 },
        },
        cpu: {
          cpus: 2,
          quotaUs: 200000,
          periodUs: 100000,
          cpuset: '0',
          usageUsec: 2500,
          throttling: { periods: 500, throttledPeriods: 0, throttledUsec: 0 },
        },
        pids: { limit: 512, current: 12 },
        io: { lines: ['8:16 wbps=2097152 wiops=300'], usage: { readBytes: MiB, writeBytes: 0 } },
      });
    });
  });

  describe('cgroup v2 host that also mounts v1 net_cls and name=systemd hierarchies (fixture)', () => {
    const { procRoot, fsRoot } = fixture('cgroup-v2-netcls');
    const mounts = mountsOf(procRoot);
    const own = selfCgroup(procRoot);

    it('reads every limit from the 0:: path: version 2, the container path, memory.high, reservation, swap, weight', () => {
      const p = `/system.slice/docker-${IDS.netclsThrottled}.scope`;
      const dir = path.join(fsRoot, 'sys/fs/cgroup', p);
      const r = readCgroupReport(procRoot, 7001, mounts, fsRoot, { withUsage: true, ownCgroup: own });
      assert.deepEqual(r, {
        version: '2',
        path: p,
        driver: 'systemd',
        memory: {
          limitBytes: null,
          highBytes: fileNumber(dir, 'memory.high'),
          reservationBytes: fileNumber(dir, 'memory.low'),
          swapLimitBytes: fileNumber(dir, 'memory.swap.max'),
          usageBytes: fileNumber(dir, 'memory.current'),
          // 258 MiB charged, 4 MiB of it inactive file; memory.high was hit 4711 times.
          workingSetBytes: fileNumber(dir, 'memory.current') - 4 * MiB,
          breakdown: {
            anonBytes: 250 * MiB,
            fileBytes: 6 * MiB,
            activeFileBytes: 2 * MiB,
            inactiveFileBytes: 4 * MiB,
            shmemBytes: 0,
            kernelBytes: 2 * MiB,
          },
          events: { oomKills: 0, oom: 0, max: 0, high: 4711 },
          pressure: { someAvg10: 12, someAvg60: 8.5, fullAvg10: 6, someTotalUs: 9876543 },
        },
        cpu: {
          cpus: null,
          periodUs: Number(fileText(dir, 'cpu.max').split(' ')[1]),
          weight: fileNumber(dir, 'cpu.weight'),
          cpuset: fileText(dir, 'cpuset.cpus.effective'),
          usageUsec: Number(/usage_usec (\d+)/.exec(fileText(dir, 'cpu.stat'))?.[1]),
          throttling: { periods: 0, throttledPeriods: 0, throttledUsec: 0 },
        },
        pids: { limit: null, current: fileNumber(dir, 'pids.current') },
        io: { lines: [], usage: { readBytes: 0, writeBytes: 0, readOps: 0, writeOps: 0 } },
      });
      assert.equal(fileText(dir, 'memory.max'), 'max', 'the fixture is limited by memory.high alone');
    });

    it('a removed cgroup (` (deleted)`) is said to be removed, and nothing blames a VM', () => {
      const r = readCgroupReport(procRoot, 7002, mounts, fsRoot, { withUsage: true, ownCgroup: own });
      assert.equal(r.version, '2');
      assert.equal(r.path, `/system.slice/docker-${IDS.netclsRemoved}.scope`);
      assert.match(r.note ?? '', /has been removed.*the container is stopping/);
      assert.equal(r.memory, undefined);

      const container: ContainerInfo = {
        runtime: 'docker',
        key: `docker::${IDS.netclsRemoved}`,
        id: IDS.netclsRemoved,
        name: 'stopping',
        image: 'x',
        state: 'running',
        pid: 7002,
      } as ContainerInfo;
      const ctx = { procRoot, fsRoot, mounts, ownCgroup: own, withUsage: false };
      assert.equal(readKernelDetail(container, ctx, new Map(), false), 'read');
      assert.match(container.cgroup?.note ?? '', /has been removed/);
      assert.doesNotMatch(container.cgroup?.note ?? '', /VM/);
    });

    it('a path outside this cgroup namespace (/../..) is named so, and no file outside the mount is read', () => {
      const r = readCgroupReport(procRoot, 7003, mounts, fsRoot, { withUsage: true, ownCgroup: own });
      assert.equal(r.path, `/../../system.slice/docker-${IDS.netclsOutsideNs}.scope`);
      assert.match(r.note ?? '', /lies outside this cgroup namespace/);
      // The fixture holds the folder a join of that path would reach; its memory.max must not show.
      assert.ok(
        fs.existsSync(path.join(fsRoot, 'sys/system.slice', `docker-${IDS.netclsOutsideNs}.scope`, 'memory.max')),
      );
      assert.equal(r.memory, undefined);
      assert.equal(r.cpu, undefined);
      assert.equal(r.pids, undefined);
    });
  });

  it('per controller: v1 where the controller has a v1 mount and line, the 0:: path for the rest', () => {
    const m = findCgroupMounts(
      parseMountInfo(
        [
          '26 22 0:24 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw',
          '30 26 0:30 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory',
        ].join('\n'),
      ),
    );
    const cg = parseProcCgroup('3:memory:/docker/x\n0::/system.slice/docker-x.scope\n');
    const read: string[] = [];
    const readFile = (p: string): string => {
      read.push(p);
      if (p === '/sys/fs/cgroup/memory/docker/x/memory.limit_in_bytes') return '1048576';
      if (p === '/sys/fs/cgroup/system.slice/docker-x.scope/pids.max') return '50';
      throw Object.assign(new Error('absent'), { code: 'ENOENT' });
    };
    const r = readCgroupLimits(cg, m, '/', { readFile });
    assert.equal(r.version, '1');
    assert.equal(r.memory?.limitBytes, 1048576);
    assert.equal(r.pids?.limit, 50);
    assert.ok(!read.some((p) => p.startsWith('/sys/fs/cgroup/system.slice/docker-x.scope/memory.')));
    assert.match(r.note ?? '', /read from cgroup v2: cpu, cpuacct, cpuset, pids, blkio/);
  });

  it('no cgroup mounts at all: a note, never a throw', () => {
    const r = readCgroupLimits(parseProcCgroup('0::/x\n'), { v1: {} }, '/');
    assert.equal(r.version, '2');
    assert.match(r.note ?? '', /no cgroup filesystem is mounted/);
  });
});
