import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readCgroupMounts, readCgroupReport } from '../../../src/core/kernel';
import type { ContainerInfo, NamespaceReport } from '../../../src/core/model';
import { UsageSampler } from '../../../src/core/usage/sampler';
import { fixture, IDS } from '../kernel/kernelFixtures';

const MiB = 1024 * 1024;

/** A sampler over a fixture tree whose reads are counted, a clock the test moves, and the container. */
function setUp(name: 'cgroup-v1' | 'cgroup-v2', pid: number, id: string, overrides: Record<string, () => string> = {}) {
  const { procRoot, fsRoot } = fixture(name);
  const mounts = readCgroupMounts(procRoot);
  assert.ok(mounts.ok);
  const reads: string[] = [];
  const readFile = (p: string): string => {
    reads.push(p);
    const override = Object.keys(overrides).find((suffix) => p.endsWith(suffix));
    return override ? overrides[override]() : fs.readFileSync(p, 'utf8');
  };
  let clock = 0;
  const sampler = new UsageSampler({ procRoot, fsRoot, mounts: mounts.mounts, readFile, now: () => clock });
  const container = {
    key: `docker::${id}`,
    id,
    name: 'c',
    runtime: 'docker',
    image: 'x',
    state: 'running',
    pid,
    labels: {},
    cgroup: readCgroupReport(procRoot, pid, mounts.mounts, fsRoot),
  } as ContainerInfo;
  return { sampler, container, reads, tick: (ms: number) => (clock += ms) };
}

describe('usage/sampler', () => {
  for (const [name, pid, id] of [
    ['cgroup-v2', 5001, IDS.v2Docker],
    ['cgroup-v1', 4242, IDS.v1Limited],
  ] as const) {
    it(`${name}: a later sample reads at most 8 files, only usage files and net/dev`, () => {
      const { sampler, container, reads } = setUp(name, pid, id);
      sampler.sample(container); // finds the folders (and reads the limits again)
      reads.length = 0;
      const sampled = sampler.sample(container);
      assert.ok(reads.length <= 8, `${reads.length} reads: ${reads.join(', ')}`);
      assert.ok(reads.length >= 7, `every usage file is read: ${reads.join(', ')}`);
      assert.equal(new Set(reads).size, reads.length, 'no file twice');
      assert.ok(!reads.some((p) => /\.(max|limit_in_bytes|cfs_quota_us|weight|shares)$/.test(p)), 'no limit file');
      assert.ok(reads.some((p) => p.endsWith(`/${pid}/net/dev`)));
      assert.ok(sampled.cgroup?.memory?.workingSetBytes !== undefined);
      // The limits read by the snapshot are kept.
      assert.equal(sampled.cgroup?.memory?.limitBytes, container.cgroup?.memory?.limitBytes);
    });
  }

  it('CPU percent: CPU time over wall time between two samples, 100 % one CPU', () => {
    let usageUsec = 1_000_000;
    const stat = () =>
      `usage_usec ${usageUsec}\nuser_usec 1\nsystem_usec 1\nnr_periods 10\nnr_throttled 4\nthrottled_usec 9000\n`;
    const { sampler, container, tick } = setUp('cgroup-v2', 5001, IDS.v2Docker, { '/cpu.stat': stat });
    const first = sampler.sample(container);
    assert.equal(first.cgroup?.cpu?.percent, undefined, 'one sample gives no percent');
    tick(2000);
    usageUsec += 600_000; // 0.6 s of CPU in 2 s
    const second = sampler.sample(container).cgroup!.cpu!;
    assert.equal(second.percent, 30);
    assert.equal(second.percentWindowMs, 2000);
    assert.deepEqual(second.throttling, { periods: 10, throttledPeriods: 4, throttledUsec: 9000 });
    assert.equal(second.cpus, 0.5, 'the limit stays');
    const history = sampler.history.of(container.key);
    assert.equal(history.length, 2);
    assert.equal(history[1].cpuPercent, 30);
    assert.equal(history[1].workingSetBytes, 104857600 - 60 * MiB);
    assert.equal(history[1].memoryLimitBytes, 536870912);
  });

  it('the history keeps only watched containers, and a snapshot gets fresh figures only for them', () => {
    const { sampler, container } = setUp('cgroup-v2', 5001, IDS.v2Docker);
    const other = { ...container, key: 'docker::other', pid: undefined };
    const snapshot = { takenAt: '', host: {} as never, runtimes: [], containers: [container, other] };
    const out = sampler.apply(snapshot, new Set([container.key]));
    assert.equal(out.containers[1], other);
    assert.equal(out.containers[0].cgroup?.memory?.workingSetBytes, 104857600 - 60 * MiB);
    assert.equal(sampler.history.of(container.key).length, 1);
    sampler.apply(out, new Set(['docker::other']));
    assert.equal(sampler.history.of(container.key).length, 0);
  });

  it('network: eth0 apart from loopback; a container on the host network is said to show the host', () => {
    const { sampler, container } = setUp('cgroup-v2', 5001, IDS.v2Docker);
    const own = sampler.sample(container).cgroup!.network!;
    assert.deepEqual(own, {
      rxBytes: 123456,
      txBytes: 65432,
      rxErrors: 2,
      txErrors: 1,
      loopbackBytes: 20560,
      interfaces: ['eth0'],
    });
    const namespaces = {
      entries: [{ kind: 'net', read: { state: 'ok', inode: 1 }, verdict: { kind: 'host' } }],
    } as unknown as NamespaceReport;
    const onHost = sampler.sample({ ...container, key: 'docker::hostnet', namespaces }).cgroup!.network!;
    assert.equal(onHost.hostNetwork, true);
  });

  it('a PID now in another cgroup (reused) is not sampled as the container', () => {
    const { sampler, container } = setUp('cgroup-v2', 5001, IDS.v2Docker);
    const moved = { ...container, cgroup: { ...container.cgroup!, path: '/system.slice/other.scope' } };
    assert.equal(sampler.sample(moved), moved);
  });
});
