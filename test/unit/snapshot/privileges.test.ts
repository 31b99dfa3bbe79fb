import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { RuntimeKind } from '../../../src/core/model';
import { requestFromDockerInspect } from '../../../src/core/privileges';
import type { EngineSource } from '../../../src/core/snapshot/engineSource';
import { addPrivileges, privilegeSnapshotContext } from '../../../src/core/snapshot/privileges';
import { Snapshotter } from '../../../src/core/snapshot/snapshotter';
import { container } from '../../support/snapshots';
import { repoRoot } from '../../support/repoRoot';

// FIXTURE: an AppArmor host's /proc and /sys (this host has no LSM); process 4343 has CAP_SYS_ADMIN.
const ROOT = path.join(repoRoot(), 'test', 'fixtures', 'privileges', 'apparmor-host');
const ctx = () => privilegeSnapshotContext(path.join(ROOT, 'proc'), path.join(ROOT, 'sys'));

describe('snapshot: privileges added to each container', () => {
  it('a container with a PID gets the kernel report, explained with its request, verdicts and limits', () => {
    const c = container({
      id: 'a',
      name: 'a',
      pid: 4343,
      privilegeRequest: requestFromDockerInspect({ HostConfig: { CapAdd: ['SYS_ADMIN'] } }),
      namespaces: {
        entries: [{ kind: 'pid', read: { state: 'ok', inode: 1 }, verdict: { kind: 'host' } }],
      },
      cgroup: { version: '1', path: '/docker/a', memory: { limitBytes: null }, pids: { limit: 100 } },
    });
    c.initUid = 1000; // kept from before an `exec gosu`-like change of uid
    addPrivileges(c, ctx());
    assert.equal(c.privileges?.report?.pid, 4343);
    assert.equal(c.initUid, 0, "the owner's uid follows the status just read");
    assert.equal(c.privileges?.report?.hostLsm.state, 'listed');
    const ids = c.privileges?.explanation.findings.map((f) => f.id) ?? [];
    assert.ok(ids.includes('capability:SYS_ADMIN'));
    assert.ok(ids.includes('host-namespace:pid'), 'host-shared kinds come from the verdicts');
    assert.ok(ids.includes('no-memory-limit'), 'memory.limit null: no limit');
    assert.ok(!ids.includes('no-pids-limit'), 'pids limited');
  });

  it('a created container (no PID) is explained from its request alone; one with neither gets nothing', () => {
    const created = container({
      id: 'b',
      name: 'b',
      state: 'created',
      pid: undefined,
      privilegeRequest: requestFromDockerInspect({ HostConfig: { Privileged: true } }),
    });
    addPrivileges(created, ctx());
    assert.equal(created.privileges?.report, undefined);
    assert.equal(created.privileges?.explanation.findings[0].id, 'privileged');
    assert.ok(!created.privileges?.explanation.findings.some((f) => f.id === 'no-memory-limit'), 'unknown is not none');
    const bare = container({ id: 'c', name: 'c', state: 'exited', pid: undefined });
    addPrivileges(bare, ctx());
    assert.equal(bare.privileges, undefined);
  });

  it('the Snapshotter reads privileges unless its `privileges` option is false (the bench measures both)', async () => {
    const made = container({
      id: 'd',
      name: 'd',
      state: 'created',
      pid: undefined,
      privilegeRequest: requestFromDockerInspect({ HostConfig: { Privileged: true } }),
    });
    // FAKE engine: one created container and what it was asked.
    const source: EngineSource = {
      kind: 'docker' as RuntimeKind,
      id: 'docker',
      endpoint: 'unix:///fake/docker.sock',
      read: async () => ({
        runtime: { kind: 'docker', endpoint: 'unix:///fake/docker.sock', status: { state: 'ok' }, chain: [] },
        containers: [structuredClone(made)],
      }),
      readOne: async () => ({ state: 'gone' }),
      dispose: () => undefined,
    };
    const on = await new Snapshotter({ sources: [source] }).take();
    assert.equal(on.containers[0].privileges?.explanation.podSecurity.level, 'privileged');
    const off = await new Snapshotter({ sources: [source], privileges: false }).take();
    assert.equal(off.containers[0].privileges, undefined);
  });
});
