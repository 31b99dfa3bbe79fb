import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  cgroupDirectory,
  findCgroupMounts,
  parseMountInfo,
  parseMountInfoLine,
  readCgroupMounts,
  unescapeMountField,
} from '../../../src/core/kernel';
import { fixture } from './kernelFixtures';

describe('kernel/mountinfo', () => {
  it("parses proc(5)'s example line, optional field included", () => {
    const e = parseMountInfoLine('36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue');
    assert.deepEqual(e, {
      mountId: 36,
      parentId: 35,
      device: '98:0',
      root: '/mnt1',
      mountPoint: '/mnt2',
      mountOptions: ['rw', 'noatime'],
      optionalFields: ['master:1'],
      fsType: 'ext3',
      source: '/dev/root',
      superOptions: ['rw', 'errors=continue'],
    });
  });

  it('handles zero and several optional fields', () => {
    assert.deepEqual(parseMountInfoLine('21 26 0:20 / /proc rw,relatime - proc proc rw')?.optionalFields, []);
    const e = parseMountInfoLine(
      '40 30 0:37 / /sys/fs/cgroup/unified rw,relatime shared:12 master:3 propagate_from:2 unbindable - cgroup2 cgroup2 rw,nsdelegate',
    );
    assert.deepEqual(e?.optionalFields, ['shared:12', 'master:3', 'propagate_from:2', 'unbindable']);
    assert.equal(e?.fsType, 'cgroup2');
    assert.deepEqual(e?.superOptions, ['rw', 'nsdelegate']);
  });

  it('decodes octal escapes (space, tab, newline, backslash) in paths', () => {
    assert.equal(unescapeMountField('/media/usb\\040disk'), '/media/usb disk');
    assert.equal(unescapeMountField('/a\\011b\\012c\\134d'), '/a\tb\nc\\d');
    assert.equal(unescapeMountField('/no\\escape'), '/no\\escape');
    const e = parseMountInfoLine('60 31 8:17 /sub\\040dir /media/usb\\040disk rw - vfat /dev/sd\\040b1 rw');
    assert.equal(e?.root, '/sub dir');
    assert.equal(e?.mountPoint, '/media/usb disk');
    assert.equal(e?.source, '/dev/sd b1');
  });

  it('skips malformed lines', () => {
    assert.equal(parseMountInfoLine('garbage'), undefined);
    assert.equal(parseMountInfoLine('1 2 3:4 / /x rw no-separator here at all'), undefined);
    assert.equal(parseMountInfo('\n21 26 0:20 / /proc rw - proc proc rw\nbad line\n').length, 1);
  });

  it('v1 fixture: controllers per mount, named hierarchy, comma-named mount points', () => {
    const res = readCgroupMounts(fixture('cgroup-v1').procRoot);
    assert.ok(res.ok);
    const m = res.mounts;
    assert.equal(m.version, '1');
    assert.equal(m.unified, undefined);
    assert.deepEqual(m.v1.memory, { mountPoint: '/sys/fs/cgroup/memory', root: '/' });
    assert.equal(m.v1.cpu.mountPoint, '/sys/fs/cgroup/cpu,cpuacct');
    assert.equal(m.v1.cpuacct.mountPoint, '/sys/fs/cgroup/cpu,cpuacct');
    assert.equal(m.v1.net_cls.mountPoint, '/sys/fs/cgroup/net_cls,net_prio');
    assert.equal(m.v1['name=systemd'].mountPoint, '/sys/fs/cgroup/systemd');
    // Options that are not controllers do not become controllers.
    for (const notController of ['rw', 'xattr', 'release_agent=/usr/lib/systemd/systemd-cgroups-agent'])
      assert.equal(m.v1[notController], undefined);
  });

  it('v2 fixture: one cgroup2 mount at /sys/fs/cgroup; other mounts with escapes parse', () => {
    const res = readCgroupMounts(fixture('cgroup-v2').procRoot);
    assert.ok(res.ok);
    assert.equal(res.mounts.version, '2');
    assert.deepEqual(res.mounts.unified, { mountPoint: '/sys/fs/cgroup', root: '/' });
    assert.deepEqual(res.mounts.v1, {});
  });

  it('hybrid fixture: v1 controllers plus cgroup2 at /sys/fs/cgroup/unified', () => {
    const res = readCgroupMounts(fixture('cgroup-hybrid').procRoot);
    assert.ok(res.ok);
    assert.equal(res.mounts.version, 'hybrid');
    assert.equal(res.mounts.unified?.mountPoint, '/sys/fs/cgroup/unified');
    assert.equal(res.mounts.v1.memory.mountPoint, '/sys/fs/cgroup/memory');
    assert.equal(res.mounts.v1.pids.mountPoint, '/sys/fs/cgroup/pids');
  });

  it('a v2 host that also mounts v1 net_cls and name=systemd hierarchies is still v2', () => {
    const res = readCgroupMounts(fixture('cgroup-v2-netcls').procRoot);
    assert.ok(res.ok);
    assert.equal(res.mounts.version, '2');
    assert.deepEqual(res.mounts.unified, { mountPoint: '/sys/fs/cgroup', root: '/' });
    assert.deepEqual(Object.keys(res.mounts.v1).sort(), ['name=systemd', 'net_cls']);
  });

  it('no cgroup mounts: version undefined; unreadable mountinfo is a value', () => {
    assert.equal(findCgroupMounts(parseMountInfo('21 26 0:20 / /proc rw - proc proc rw')).version, undefined);
    const res = readCgroupMounts('/nonexistent-proc-root');
    assert.equal(res.ok, false);
  });

  it('prefers a mount of the hierarchy root over a bind mount of a sub-tree', () => {
    const m = findCgroupMounts(
      parseMountInfo(
        [
          '50 1 0:40 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory',
          '51 1 0:40 / /host/cgroup/memory rw - cgroup cgroup rw,memory',
        ].join('\n'),
      ),
    );
    assert.deepEqual(m.v1.memory, { mountPoint: '/host/cgroup/memory', root: '/' });
  });

  it('cgroupDirectory maps a cgroup path through the mount root', () => {
    assert.equal(
      cgroupDirectory({ mountPoint: '/sys/fs/cgroup', root: '/' }, '/docker/abc', '/'),
      '/sys/fs/cgroup/docker/abc',
    );
    assert.equal(
      cgroupDirectory({ mountPoint: '/sys/fs/cgroup', root: '/' }, '/docker/abc', '/fx'),
      path.join('/fx', 'sys/fs/cgroup/docker/abc'),
    );
    assert.equal(
      cgroupDirectory({ mountPoint: '/sys/fs/cgroup/memory', root: '/docker/abc' }, '/docker/abc/sub', '/'),
      '/sys/fs/cgroup/memory/sub',
    );
    assert.equal(
      cgroupDirectory({ mountPoint: '/sys/fs/cgroup/memory', root: '/docker/abc' }, '/docker/abc', '/'),
      '/sys/fs/cgroup/memory',
    );
    assert.equal(
      cgroupDirectory({ mountPoint: '/sys/fs/cgroup/memory', root: '/docker/abc' }, '/docker/abcd', '/'),
      undefined,
    );
  });

  it('cgroupDirectory never joins a path with `..` (relative to a cgroup namespace) into one outside the mount', () => {
    const mount = { mountPoint: '/sys/fs/cgroup', root: '/' };
    assert.equal(cgroupDirectory(mount, '/../../system.slice/docker-x.scope', '/'), undefined);
    assert.equal(cgroupDirectory(mount, '/..', '/'), undefined);
    assert.equal(cgroupDirectory(mount, '/a/../../b', '/'), undefined);
    // A name that merely contains dots is a name.
    assert.equal(cgroupDirectory(mount, '/a..b', '/'), '/sys/fs/cgroup/a..b');
  });
});
