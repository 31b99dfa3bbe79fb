/**
 * The Privileges group as the tree and the CLI show it, from fixture-host reports.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { explainPrivileges, privilegeLines, privilegeRows, readPrivileges } from '../../../src/core/privileges';
import { requestFromDockerInspect } from '../../../src/core/privileges/engineRequest';
import { repoRoot } from '../../support/repoRoot';

const ROOT = path.join(repoRoot(), 'test', 'fixtures', 'privileges', 'apparmor-host');

describe('privileges: rows for the tree and the CLI', () => {
  const report = readPrivileges(path.join(ROOT, 'proc'), 4343, { sysRoot: path.join(ROOT, 'sys') });
  const request = requestFromDockerInspect({
    HostConfig: { CapAdd: ['SYS_ADMIN'], SecurityOpt: ['apparmor=unconfined'], Runtime: 'runc' },
  });
  const rows = privilegeRows(report, explainPrivileges(report, request));
  const row = (id: string) => rows.find((r) => r.id === id) ?? assert.fail(id);

  it('one row per part of the group, in the tree order', () => {
    assert.deepEqual(
      rows.map((r) => r.id),
      ['capabilities', 'seccomp', 'no-new-privs', 'lsm', 'user-mapping', 'runtime', 'pod-security', 'weak-spots'],
    );
  });

  it('capabilities: the diff, the count, the names to copy, the added one marked', () => {
    const caps = row('capabilities');
    assert.equal(caps.value, '+SYS_ADMIN (15)');
    assert.equal(caps.warning, true);
    assert.equal(caps.copy?.split('\n').length, 15);
    assert.deepEqual(
      caps.items?.find((i) => i.label === 'SYS_ADMIN'),
      { label: 'SYS_ADMIN', detail: 'added' },
    );
  });

  it('seccomp, no_new_privs, LSM, user mapping, runtime and Pod Security say what the kernel says', () => {
    assert.deepEqual([row('seccomp').value, row('seccomp').warning], ['filter (1 filter)', false]);
    assert.deepEqual([row('no-new-privs').value, row('no-new-privs').warning], ['off', true]);
    assert.deepEqual([row('lsm').value, row('lsm').warning], ['AppArmor: unconfined', true]);
    assert.match(row('user-mapping').value, /root inside is root on the host/);
    assert.equal(row('runtime').value, 'runc');
    assert.equal(row('pod-security').value, 'privileged');
  });

  it('the CLI lines mark warnings and list the weak spots', () => {
    const lines = privilegeLines(rows);
    assert.ok(lines.includes('  ! Capabilities: +SYS_ADMIN (15)'));
    assert.ok(lines.includes('  Seccomp: filter (1 filter)'));
    assert.ok(lines.some((l) => l.startsWith('      Has CAP_SYS_ADMIN — high: ')));
    const names = lines[lines.indexOf('  ! Capabilities: +SYS_ADMIN (15)') + 1];
    assert.match(names, /^ {6}CHOWN .*SYS_ADMIN\(\+\)/);
  });

  it('an unreadable process shows "not read", never a guess', () => {
    const gone = readPrivileges(path.join(ROOT, 'proc'), 999999, { sysRoot: path.join(ROOT, 'sys') });
    const r = privilegeRows(gone, explainPrivileges(gone, undefined));
    assert.deepEqual(
      r.slice(0, 5).map((x) => x.value),
      ['not read', 'not read', 'not read', 'not read', 'not read'],
    );
    assert.equal(gone.issues.length, 4);
  });
});
