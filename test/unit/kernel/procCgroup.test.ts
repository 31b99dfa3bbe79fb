import * as assert from 'node:assert/strict';
import { isOutsideCgroupNamespace, parseProcCgroup, readProcCgroup } from '../../../src/core/kernel';
import { fixture, IDS } from './kernelFixtures';

describe('kernel/procCgroup', () => {
  it('v2: the single 0::/path line', () => {
    const cg = parseProcCgroup('0::/system.slice/docker-abc.scope\n');
    assert.equal(cg.unifiedPath, '/system.slice/docker-abc.scope');
    assert.deepEqual(cg.v1Paths, {});
    assert.deepEqual(cg.lines, [{ hierarchyId: 0, controllers: [], path: '/system.slice/docker-abc.scope' }]);
  });

  it('v1: one line per hierarchy, co-mounted controllers and named hierarchies', () => {
    const cg = parseProcCgroup('6:cpu,cpuacct:/docker/abc\n5:memory:/docker/abc\n1:name=systemd:/docker/abc\n');
    assert.equal(cg.unifiedPath, undefined);
    assert.deepEqual(cg.v1Paths, {
      cpu: '/docker/abc',
      cpuacct: '/docker/abc',
      memory: '/docker/abc',
      'name=systemd': '/docker/abc',
    });
    assert.deepEqual(cg.lines[0].controllers, ['cpu', 'cpuacct']);
  });

  it("hybrid: both shapes, paths containing ':' kept whole, junk skipped", () => {
    const cg = parseProcCgroup('4:memory:/a:b\n0::/x:y\nnot a line\nx:pids:/p\n');
    assert.equal(cg.v1Paths.memory, '/a:b');
    assert.equal(cg.unifiedPath, '/x:y');
    assert.equal(cg.lines.length, 2);
  });

  it('reads the fixtures', () => {
    const v1 = readProcCgroup(fixture('cgroup-v1').procRoot, 4242);
    assert.ok(v1.ok);
    assert.equal(v1.cgroup.v1Paths.memory, `/docker/${IDS.v1Limited}`);
    assert.equal(v1.cgroup.v1Paths.net_prio, `/docker/${IDS.v1Limited}`);
    const v2 = readProcCgroup(fixture('cgroup-v2').procRoot, 5002);
    assert.ok(v2.ok);
    assert.equal(v2.cgroup.unifiedPath, `/machine.slice/libpod-${IDS.v2Podman}.scope/container`);
    const hy = readProcCgroup(fixture('cgroup-hybrid').procRoot, 6001);
    assert.ok(hy.ok);
    assert.equal(hy.cgroup.unifiedPath, `/system.slice/docker-${IDS.hybridDocker}.scope`);
    assert.equal(hy.cgroup.v1Paths['name=systemd'], `/system.slice/docker-${IDS.hybridDocker}.scope`);
  });

  it("a removed v2 cgroup: the kernel's ` (deleted)` suffix is stripped and the line marked removed", () => {
    const id = IDS.netclsRemoved;
    const res = readProcCgroup(fixture('cgroup-v2-netcls').procRoot, 7002);
    assert.ok(res.ok);
    assert.equal(res.cgroup.unifiedPath, `/system.slice/docker-${id}.scope`);
    assert.deepEqual(res.cgroup.lines[2], {
      hierarchyId: 0,
      controllers: [],
      path: `/system.slice/docker-${id}.scope`,
      removed: true,
    });
    assert.equal(res.cgroup.lines[0].removed, undefined);
    // The kernel adds the suffix to the unified hierarchy's line only; a v1 path keeps its text.
    assert.equal(parseProcCgroup('4:memory:/x (deleted)\n').v1Paths.memory, '/x (deleted)');
  });

  it('a path relative to a cgroup namespace (leading /..) is recognised as outside it', () => {
    const res = readProcCgroup(fixture('cgroup-v2-netcls').procRoot, 7003);
    assert.ok(res.ok);
    assert.equal(res.cgroup.unifiedPath, `/../../system.slice/docker-${IDS.netclsOutsideNs}.scope`);
    assert.ok(isOutsideCgroupNamespace(res.cgroup.unifiedPath ?? ''));
    assert.ok(isOutsideCgroupNamespace('/..'));
    assert.ok(!isOutsideCgroupNamespace('/system.slice/..x.scope'));
    assert.ok(!isOutsideCgroupNamespace('/'));
  });

  it('a process that is gone is a value, not a throw', () => {
    const res = readProcCgroup(fixture('cgroup-v2').procRoot, 999999);
    assert.equal(res.ok, false);
    assert.equal(res.ok ? '' : res.state, 'missing');
  });
});
