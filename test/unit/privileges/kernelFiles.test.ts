/**
 * The /proc readers over fixture trees in the kernel's formats, for what this host lacks: AppArmor
 * and SELinux hosts, a 3.10 kernel without the newer status lines, a kernel newer than the table.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  readHostLsm,
  readLsmLabel,
  parseLsmLabel,
  parseAppArmorLabel,
  NO_LSM_TEXT,
} from '../../../src/core/privileges/lsm';
import { describeSeccomp, parseProcStatus, readProcStatus } from '../../../src/core/privileges/status';
import { describeIdMap, parseIdMap, readUserMapping } from '../../../src/core/privileges/userMapping';
import { repoRoot } from '../../support/repoRoot';

const FIXTURES = path.join(repoRoot(), 'test', 'fixtures', 'privileges');
const tree = (name: string) => ({ proc: path.join(FIXTURES, name, 'proc'), sys: path.join(FIXTURES, name, 'sys') });

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('privileges: /proc/PID/status', () => {
  it('reads the five sets, NoNewPrivs, Seccomp and the ids', () => {
    const res = readProcStatus(tree('apparmor-host').proc, 4242);
    assert.ok(res.ok);
    const s = res.status;
    assert.equal(s.capabilities.effective?.mask, '00000000a80425fb');
    assert.equal(s.capabilities.effective?.names.length, 14);
    assert.equal(s.capabilities.inheritable?.mask, '0000000000000000');
    assert.deepEqual(s.capabilities.ambient?.names, []);
    assert.equal(s.noNewPrivs, false);
    assert.deepEqual(s.seccomp, { mode: 'filter', filters: 1 });
    assert.deepEqual(s.uid, { real: 0, effective: 0, saved: 0, fs: 0 });
    assert.equal(describeSeccomp(s.seccomp), 'filter (1 filter)');
  });

  it('leaves out what a 3.10 kernel does not print (CapAmb, NoNewPrivs, Seccomp_filters)', () => {
    const res = readProcStatus(path.join(FIXTURES, 'old-and-new-kernels', 'proc'), 310);
    assert.ok(res.ok);
    assert.equal(res.status.capabilities.ambient, undefined);
    assert.equal(res.status.noNewPrivs, undefined);
    assert.deepEqual(res.status.seccomp, { mode: 'filter' });
    assert.equal(describeSeccomp(res.status.seccomp), 'filter');
    assert.equal(res.status.capabilities.bounding?.names.length, 37);
  });

  it('keeps unknown capability bits of a newer kernel', () => {
    const res = readProcStatus(path.join(FIXTURES, 'old-and-new-kernels', 'proc'), 700);
    assert.ok(res.ok);
    assert.deepEqual(res.status.capabilities.effective?.names.slice(-2), ['cap_41', 'cap_42']);
    assert.deepEqual(res.status.seccomp, { mode: 'disabled', filters: 0 });
  });

  it('handles a status with none of the fields, and odd values', () => {
    assert.deepEqual(parseProcStatus('Name:\tx\n'), { capabilities: {}, seccomp: {} });
    const odd = parseProcStatus('CapEff:\tnothex\nSeccomp:\t7\nNoNewPrivs:\t2\nUid:\t1\t2\n');
    assert.deepEqual(odd, { capabilities: {}, seccomp: { raw: '7' } });
    assert.equal(describeSeccomp(odd.seccomp), 'unknown mode 7');
    assert.equal(describeSeccomp({}), 'not reported by this kernel');
    assert.equal(describeSeccomp({ mode: 'strict' }), 'strict');
  });

  it('returns a denied or missing process as a value', () => {
    const denied = readProcStatus('/proc', 1, () => {
      throw errno('EACCES');
    });
    assert.ok(!denied.ok);
    assert.equal(denied.issue.state, 'denied');
    const gone = readProcStatus(tree('apparmor-host').proc, 999999);
    assert.ok(!gone.ok);
    assert.equal(gone.issue.state, 'missing');
  });
});

describe('privileges: uid_map and gid_map', () => {
  it('the identity map is the initial user namespace: root inside is root on the host', () => {
    const m = describeIdMap(parseIdMap('         0          0 4294967295\n'), 'uid');
    assert.equal(m.kind, 'initial');
    assert.equal(m.rootIsHostRoot, true);
    assert.equal(m.rootOnHost, 0);
    assert.match(m.text, /root inside is root on the host/);
  });

  it('says where root lands in a user namespace (Podman --uidmap, rootless Podman)', () => {
    const remapped = describeIdMap(parseIdMap('         0     100000      65536\n'), 'uid');
    assert.deepEqual([remapped.kind, remapped.rootOnHost, remapped.rootIsHostRoot], ['mapped', 100000, false]);
    assert.equal(remapped.text, 'root inside is host uid 100000 (65536 uids mapped)');
    const rootless = describeIdMap(
      parseIdMap('         0       1001          1\n         1     100000      65536\n'),
      'uid',
    );
    assert.equal(rootless.rootOnHost, 1001);
    assert.equal(rootless.ranges.length, 2);
    assert.equal(rootless.text, 'root inside is host uid 1001 (65537 uids mapped)');
  });

  it('a user namespace that maps 0 to 0 is still root on the host; an unmapped 0 is said', () => {
    const zero = describeIdMap(parseIdMap('0 0 65536'), 'gid');
    assert.deepEqual([zero.kind, zero.rootIsHostRoot], ['mapped', true]);
    const noRoot = describeIdMap(parseIdMap('1000 1000 1'), 'uid');
    assert.deepEqual([noRoot.kind, noRoot.rootOnHost, noRoot.rootIsHostRoot], ['root-unmapped', undefined, false]);
    assert.deepEqual(parseIdMap('garbage\n1 2\n'), []);
  });

  it('reads both files of a fixture process', () => {
    const res = readUserMapping(tree('selinux-host').proc, 5353);
    assert.ok(res.ok);
    assert.equal(res.mapping.uid.rootOnHost, 100000);
    assert.equal(res.mapping.gid.rootOnHost, 100000);
  });
});

describe('privileges: LSM label', () => {
  it('AppArmor: reads attr/apparmor/current first and parses "profile (mode)"', () => {
    const res = readLsmLabel(tree('apparmor-host').proc, 4242);
    assert.ok(res.ok);
    assert.deepEqual(res.label, {
      kind: 'apparmor',
      profile: 'docker-default',
      mode: 'enforce',
      text: 'AppArmor profile docker-default (enforce)',
    });
    const unconfined = readLsmLabel(tree('apparmor-host').proc, 4343);
    assert.ok(unconfined.ok);
    assert.deepEqual(unconfined.label, { kind: 'unconfined', lsm: 'apparmor', text: 'AppArmor: unconfined' });
  });

  it('SELinux: user:role:type:level, the level keeping its colons; spc_t is unconfined', () => {
    const res = readLsmLabel(tree('selinux-host').proc, 5252, ['selinux']);
    assert.ok(res.ok);
    assert.deepEqual(res.label, {
      kind: 'selinux',
      user: 'system_u',
      role: 'system_r',
      type: 'container_t',
      level: 's0:c123,c456',
      text: 'SELinux system_u:system_r:container_t:s0:c123,c456',
    });
    const spc = readLsmLabel(tree('selinux-host').proc, 5353);
    assert.ok(spc.ok);
    assert.equal(spc.label.kind, 'unconfined');
    assert.match(spc.label.text, /spc_t is not confined/);
  });

  it('EINVAL from attr/current is "no LSM on this kernel", not an error', () => {
    const res = readLsmLabel('/proc', 1, [], () => {
      throw errno('EINVAL');
    });
    assert.ok(res.ok);
    assert.deepEqual(res.label, { kind: 'none', text: NO_LSM_TEXT });
  });

  it('tells the shapes apart without a hint, and uses the hint when given', () => {
    assert.equal(parseLsmLabel('unconfined\n').kind, 'unconfined');
    assert.equal(parseLsmLabel('a:b:c\0').kind, 'selinux');
    assert.equal(parseLsmLabel('cri-containerd.apparmor.d (complain)').kind, 'apparmor');
    assert.equal(parseLsmLabel('weird-label', ['apparmor']).kind, 'apparmor');
    assert.equal(parseLsmLabel('_\0').kind, 'other');
    assert.equal(parseLsmLabel('\0').kind, 'none');
    assert.deepEqual(parseAppArmorLabel('a//&b (mixed)'), {
      kind: 'apparmor',
      profile: 'a//&b',
      mode: 'mixed',
      text: 'AppArmor profile a//&b (mixed)',
    });
  });

  it('host: /sys/kernel/security/lsm names the LSMs; only the confining ones count', () => {
    const apparmor = readHostLsm(tree('apparmor-host').sys, tree('apparmor-host').proc);
    assert.equal(apparmor.state, 'listed');
    assert.ok(apparmor.state === 'listed');
    assert.deepEqual(apparmor.confining, ['apparmor']);
    assert.deepEqual(apparmor.lsms, ['lockdown', 'capability', 'landlock', 'yama', 'apparmor']);
    const selinux = readHostLsm(tree('selinux-host').sys, tree('selinux-host').proc);
    assert.ok(selinux.state === 'listed');
    assert.deepEqual(selinux.confining, ['selinux']);
  });

  it('host: a list with no confining LSM, or no securityfs and EINVAL, is "no LSM"', () => {
    const onlyYama = readHostLsm('/sys', '/proc', (f) => {
      if (f.endsWith('lsm')) return 'lockdown,capability,yama';
      throw errno('ENOENT');
    });
    assert.equal(onlyYama.state, 'none');
    const noSecurityfs = readHostLsm('/sys', '/proc', (f) => {
      throw errno(f.endsWith('/lsm') || f.includes('apparmor') ? 'ENOENT' : 'EINVAL');
    });
    assert.equal(noSecurityfs.state, 'none');
    assert.ok(noSecurityfs.state === 'none' && noSecurityfs.detail.startsWith(NO_LSM_TEXT));
  });
});
