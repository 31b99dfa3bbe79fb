/**
 * PrivilegeCache keeps a warm snapshot's privileges cheap but never stale: status is read on every
 * report, so a process that changes its sets under the same PID (capset, setuid, `exec gosu`) is
 * shown as it is now. FIXTURE: a copy of an AppArmor host's /proc/4343 in a temporary folder, whose
 * status is rewritten between reports as the kernel would show the change.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContainerInfo } from '../../../src/core/model';
import { readHostPrivileges } from '../../../src/core/privileges';
import { PrivilegeCache } from '../../../src/core/snapshot/privilegeCache';
import { container } from '../../support/snapshots';
import { repoRoot } from '../../support/repoRoot';

const FIXTURE = path.join(repoRoot(), 'test', 'fixtures', 'privileges', 'apparmor-host');
const PID = 4343;

function withUserNs(inode: number): ContainerInfo & { pid: number } {
  const c = container({
    id: 'k',
    name: 'k',
    pid: PID,
    namespaces: { entries: [{ kind: 'user', read: { state: 'ok', inode }, verdict: { kind: 'host' } }] },
  });
  return c as ContainerInfo & { pid: number };
}

describe('snapshot: PrivilegeCache', () => {
  let proc: string;
  let sys: string;
  let statusFile: string;
  let original: string;
  beforeEach(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-privcache-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    proc = path.join(dir, 'proc');
    sys = path.join(dir, 'sys');
    statusFile = path.join(proc, String(PID), 'status');
    original = fs.readFileSync(statusFile, 'utf8');
  });
  afterEach(() => fs.rmSync(path.dirname(proc), { recursive: true, force: true }));

  const setCapEff = (mask: string) =>
    fs.writeFileSync(
      statusFile,
      original.replace(/^CapEff:.*$/m, `CapEff:\t${mask}`).replace(/^VmRSS:.*$/m, 'VmRSS:\t 999 kB'),
    );

  it('reads status on every report: a change of CapEff under the same PID shows at once', () => {
    const cache = new PrivilegeCache();
    const host = readHostPrivileges(proc, sys);
    const c = withUserNs(4026531837);
    setCapEff('00000000a80425fb');
    const first = cache.report(c, proc, host);
    assert.equal(first.status?.capabilities.effective?.mask, '00000000a80425fb');
    setCapEff('0000000000000000'); // e.g. setuid to a non-root user drops the effective set
    const second = cache.report(c, proc, host);
    assert.equal(second.status?.capabilities.effective?.mask, '0000000000000000');
    assert.deepEqual(second.status?.capabilities.effective?.names, []);
  });

  it('keeps the parse while the privilege lines read the same, whatever the other lines do', () => {
    const cache = new PrivilegeCache();
    const host = readHostPrivileges(proc, sys);
    const c = withUserNs(4026531837);
    const a = cache.report(c, proc, host);
    fs.writeFileSync(statusFile, original.replace(/^VmRSS:.*$/m, 'VmRSS:\t 12345 kB'));
    const b = cache.report(c, proc, host);
    assert.equal(b.status, a.status, 'the same parse');
    const explained = cache.explain(c.key, a, undefined, { engine: 'docker' });
    assert.equal(cache.explain(c.key, b, undefined, { engine: 'docker' }), explained, 'the same explanation');
    assert.notEqual(
      cache.explain(c.key, b, undefined, { engine: 'podman' }),
      explained,
      'another engine: explained again',
    );
  });

  it('keeps the maps for the same PID and user namespace only', () => {
    const cache = new PrivilegeCache();
    const host = readHostPrivileges(proc, sys);
    const uidMap = path.join(proc, String(PID), 'uid_map');
    const a = cache.report(withUserNs(100), proc, host);
    fs.writeFileSync(uidMap, '         0     100000      65536\n');
    assert.equal(cache.report(withUserNs(100), proc, host).userMapping, a.userMapping, 'same namespace: kept');
    const moved = cache.report(withUserNs(200), proc, host);
    assert.equal(moved.userMapping?.uid.rootOnHost, 100000, 'another user namespace: read again');
    const unknown = container({ id: 'k', name: 'k', pid: PID }) as ContainerInfo & { pid: number };
    fs.writeFileSync(uidMap, '         0     200000      65536\n');
    assert.equal(cache.report(unknown, proc, host).userMapping?.uid.rootOnHost, 200000, 'no inode: read every time');
  });

  it('status read early (while the engines answer) is used for the same PID only', () => {
    const cache = new PrivilegeCache();
    const host = readHostPrivileges(proc, sys);
    setCapEff('00000000a80435fb');
    cache.readEarly(proc, new Map([['docker::k', PID]]));
    setCapEff('00000000a80425fb');
    assert.equal(cache.report(withUserNs(1), proc, host).status?.capabilities.effective?.mask, '00000000a80435fb');
    assert.equal(
      cache.report(withUserNs(1), proc, host).status?.capabilities.effective?.mask,
      '00000000a80425fb',
      'the early text serves one report; the next one reads again',
    );
  });
});
