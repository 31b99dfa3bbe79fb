/**
 * The kernel readers against the real kernel this test runs on (no fixtures): this process's and a
 * child's namespaces, this process's cgroup, and PID 1's links, which some hosts deny even to root.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NAMESPACE_KINDS } from '../../src/core/model';
import { dockerPid, requireSocket, run } from './support/engines';
import {
  classifyNamespaces,
  parseNamespaceLink,
  readCgroupMounts,
  readCgroupReport,
  readHostNamespaces,
  readNamespaces,
  readProcCgroup,
  type CgroupMounts,
} from '../../src/core/kernel';

const PROC = '/proc';

/** The kinds this kernel has, read with plain fs so the reader is checked against something independent. */
function independentSelfInodes(): Map<string, number> {
  const out = new Map<string, number>();
  for (const kind of NAMESPACE_KINDS) {
    let link: string;
    try {
      link = fs.readlinkSync(`/proc/self/ns/${kind}`);
    } catch {
      continue; // kernel without this kind
    }
    const m = /^(\w+):\[(\d+)\]$/.exec(link);
    assert.ok(m, link);
    assert.equal(m[1], kind);
    out.set(kind, Number(m[2]));
  }
  return out;
}

describe('kernel readers on this live kernel', function () {
  let child: ChildProcess | undefined;
  let mounts: CgroupMounts;

  before(async function () {
    child = spawn('sleep', ['30'], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child?.once('spawn', () => resolve());
      child?.once('error', reject);
    });
    const res = readCgroupMounts(PROC);
    assert.ok(res.ok, res.ok ? '' : res.detail);
    mounts = res.mounts;
  });

  after(() => {
    if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
  });

  it("reads process.pid's namespaces exactly as readlink /proc/self/ns/* shows them", () => {
    const expected = independentSelfInodes();
    assert.ok(expected.size >= 7, `only ${expected.size} kinds`);
    const reads = readNamespaces(PROC, process.pid);
    for (const kind of NAMESPACE_KINDS) {
      const inode = expected.get(kind);
      if (inode === undefined) assert.equal(reads[kind].state, 'missing', kind);
      else assert.deepEqual(reads[kind], { state: 'ok', inode }, kind);
    }
  });

  it('a spawned child (sleep 30) is in the host namespaces on every kind', () => {
    const pid = child?.pid;
    assert.ok(pid !== undefined);
    const host = readHostNamespaces(PROC);
    const reads = readNamespaces(PROC, pid);
    const report = classifyNamespaces([{ key: 'child', reads }], host).get('child');
    assert.ok(report);
    for (const e of report.entries) {
      if (e.read.state === 'missing') continue; // kind not on this kernel
      assert.deepEqual(e.verdict, { kind: 'host' }, `${e.kind}: ${JSON.stringify(e.read)}`);
    }
  });

  it("reports PID 1's links as unreadable when readlink is refused, or matches their inodes when it is not", () => {
    const host = readHostNamespaces(PROC);
    let refused: string | undefined;
    try {
      fs.readlinkSync('/proc/1/ns/net');
    } catch (err) {
      refused = (err as NodeJS.ErrnoException).code;
    }
    if (refused === 'EACCES' || refused === 'EPERM') {
      // This machine: PID 1 is a sandbox agent whose links are denied even to root.
      assert.match(host.pid1Unreadable ?? '', new RegExp(`PID 1's .*could not be read \\(${refused}`));
      assert.equal(host.pid1.net, undefined);
    } else {
      assert.equal(refused, undefined, `unexpected ${refused}`);
      for (const kind of NAMESPACE_KINDS) {
        let link: string;
        try {
          link = fs.readlinkSync(`/proc/1/ns/${kind}`);
        } catch {
          continue;
        }
        assert.equal(host.pid1[kind], parseNamespaceLink(link, kind), kind);
      }
    }
    // Either way this process's own namespaces are there to compare with.
    assert.deepEqual(new Map(Object.entries(host.self)), independentSelfInodes());
  });

  it('reads this process cgroup; the path matches /proc/self/cgroup read independently', () => {
    const text = fs.readFileSync('/proc/self/cgroup', 'utf8');
    const report = readCgroupReport(PROC, process.pid, mounts, '/', { withUsage: true });
    if (report.version === '1') {
      const memLine = text.split('\n').find((l) => /^\d+:([^:]*,)?memory(,[^:]*)?:/.test(l));
      assert.ok(memLine, text);
      const memPath = memLine.slice(memLine.indexOf(':', memLine.indexOf(':') + 1) + 1);
      assert.equal(report.controllerPaths?.memory, memPath);
      assert.equal(report.path, memPath);
      // The memory controller is mounted, so its limit file was read (unlimited is null, still present).
      assert.ok(report.memory !== undefined, report.note);
      assert.ok(report.memory.usageBytes !== undefined && report.memory.usageBytes > 0);
    } else {
      const line = text.split('\n').find((l) => l.startsWith('0::'));
      assert.ok(line, text);
      assert.equal(report.path, line.slice(3));
    }
    assert.ok(mounts.version === '1' || mounts.version === '2' || mounts.version === 'hybrid');
  });

  it("a child in the extension's own cgroup is noted as having no cgroup of its own", () => {
    const own = readProcCgroup(PROC, 'self');
    assert.ok(own.ok);
    const pid = child?.pid;
    assert.ok(pid !== undefined);
    const report = readCgroupReport(PROC, pid, mounts, '/', { ownCgroup: own.cgroup });
    assert.match(report.note ?? '', /no (per-container cgroup|cgroup of its own)/);
  });

  it('reads 107 processes worth of links and cgroup files quickly (synchronous reads)', () => {
    const pid = process.pid;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 107; i++) {
      readNamespaces(PROC, pid);
      readCgroupReport(PROC, pid, mounts, '/', { withUsage: true });
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`      107 × (8 ns links + cgroup report): ${ms.toFixed(1)} ms`);
    assert.ok(ms < 2000, `${ms} ms`);
  });
});

/**
 * A Docker container started here with the figures beside the hard limit set, compared with the
 * cgroup files read by this test itself: the controller's line in /proc/PID/cgroup, joined with
 * the hierarchy's mount point.
 */
describe('cgroup figures of a real Docker container (reservation, swap, cpu shares / weight)', function () {
  const name = `anatomy-krn-limits-${process.pid}`;
  let pid = 0;
  let mounts: CgroupMounts;

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'Docker');
    await run('docker', ['rm', '-f', name]).catch(() => '');
    await run('docker', [
      'run',
      '-d',
      '--name',
      name,
      '--memory',
      '256m',
      '--memory-reservation',
      '96m',
      '--memory-swap',
      '384m',
      '--cpu-shares',
      '512',
      'anatomy-busybox:latest',
      'sleep',
      '120',
    ]);
    pid = await dockerPid(name);
    const res = readCgroupMounts(PROC);
    assert.ok(res.ok, res.ok ? '' : res.detail);
    mounts = res.mounts;
  });

  after(async function () {
    await run('docker', ['rm', '-f', name]).catch(() => '');
  });

  /** The folder of `controller` ('' for v2) for the container, worked out here without the readers. */
  function folderOf(controller: string): string {
    const lines = fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
    const line = lines.find(
      (l) => l.split(':')[1].split(',').includes(controller) || (controller === '' && l.startsWith('0::')),
    );
    assert.ok(line, `${controller}: ${lines.join(' | ')}`);
    const cgroupPath = line.split(':').slice(2).join(':');
    const mount = fs
      .readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' '))
      .find((f) => {
        const sep = f.indexOf('-');
        const fsType = f[sep + 1];
        const opts = (f[sep + 3] ?? '').split(',');
        return controller === '' ? fsType === 'cgroup2' : fsType === 'cgroup' && opts.includes(controller);
      });
    assert.ok(mount, `no mount for ${controller || 'cgroup2'}`);
    return path.join(mount[4], cgroupPath);
  }
  const num = (dir: string, file: string): number => Number(fs.readFileSync(path.join(dir, file), 'utf8').trim());

  it('reads the reservation, memory+swap (or swap) and cpu shares (or weight) the files hold', () => {
    const report = readCgroupReport(PROC, pid, mounts, '/');
    if (report.version === '1') {
      const mem = folderOf('memory');
      assert.equal(report.memory?.limitBytes, num(mem, 'memory.limit_in_bytes'));
      assert.equal(report.memory?.reservationBytes, num(mem, 'memory.soft_limit_in_bytes'));
      assert.equal(report.memory?.reservationBytes, 96 * 1024 * 1024);
      if (fs.existsSync(path.join(mem, 'memory.memsw.limit_in_bytes')))
        assert.equal(report.memory?.memswLimitBytes, num(mem, 'memory.memsw.limit_in_bytes'));
      else assert.equal(report.memory?.memswLimitBytes, undefined);
      assert.equal(report.cpu?.shares, num(folderOf('cpu'), 'cpu.shares'));
      assert.equal(report.cpu?.shares, 512);
    } else {
      const dir = folderOf('');
      assert.equal(report.memory?.limitBytes, num(dir, 'memory.max'));
      assert.equal(report.memory?.reservationBytes, num(dir, 'memory.low'));
      assert.equal(report.memory?.swapLimitBytes, num(dir, 'memory.swap.max'));
      assert.equal(report.cpu?.weight, num(dir, 'cpu.weight'));
    }
    assert.equal(report.memory?.highBytes, undefined, 'Docker sets no memory.high');
  });
});
