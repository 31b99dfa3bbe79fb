import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { HostSnapshot } from '../../../src/core/model';
import { explainPrivileges, readPrivileges, requestFromDockerInspect } from '../../../src/core/privileges';
import { capabilityListText } from '../../../src/core/tree/privilegeNodes';
import { tooltipFor } from '../../../src/core/tree/tooltip';
import { buildTree, containerNodeId, DEFAULT_TREE_OPTIONS } from '../../../src/core/tree/treeModel';
import { container } from '../../support/snapshots';
import { repoRoot } from '../../support/repoRoot';

// FIXTURE: an AppArmor host's /proc (this host has no LSM), process 4343 with CAP_SYS_ADMIN added.
const ROOT = path.join(repoRoot(), 'test', 'fixtures', 'privileges', 'apparmor-host');

function snapshot(): HostSnapshot {
  const report = readPrivileges(path.join(ROOT, 'proc'), 4343, { sysRoot: path.join(ROOT, 'sys') });
  const request = requestFromDockerInspect({
    HostConfig: { CapAdd: ['SYS_ADMIN'], SecurityOpt: ['apparmor=unconfined'], Runtime: 'runc' },
  });
  const created = requestFromDockerInspect({ HostConfig: { Privileged: true } });
  return {
    takenAt: '2026-01-01T00:00:00Z',
    host: { cgroupVersion: '1', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [{ kind: 'docker', endpoint: 'unix:///var/run/docker.sock', status: { state: 'ok' }, chain: [] }],
    containers: [
      container({
        id: 'a1',
        name: 'web',
        pid: 4343,
        privileges: { report, explanation: explainPrivileges(report, request) },
      }),
      container({ id: 'b2', name: 'plain' }),
      container({
        id: 'c3',
        name: 'made',
        state: 'created',
        pid: undefined,
        privileges: { explanation: explainPrivileges({ pid: 0, hostLsm: report.hostLsm, issues: [] }, created) },
      }),
    ],
  };
}

describe('Containers tree: the Privileges group', () => {
  const snap = snapshot();
  const model = buildTree(snap, DEFAULT_TREE_OPTIONS);
  const web = containerNodeId('docker::a1');
  const group = `${web}/privileges`;
  const node = (id: string) => model.nodes.get(id) ?? assert.fail(`no node ${id}`);

  it('sits beside Namespaces and Cgroup with one row per privilege, weak spots marked', () => {
    assert.ok(model.children.get(web)?.includes(group));
    assert.deepEqual(
      model.children.get(group)?.map((id) => node(id).label),
      ['Capabilities', 'Seccomp', 'no_new_privs', 'LSM', 'User mapping', 'Runtime', 'Pod Security', 'Weak spots'],
    );
    assert.equal(node(`${group}/capabilities`).description, '+SYS_ADMIN (15)');
    assert.equal(node(`${group}/capabilities`).icon.id, 'warning');
    assert.equal(node(`${group}/seccomp`).icon.id, 'filter');
    assert.match(node(group).description ?? '', /^privileged · \d+ serious weak spots$/);
    const spots = model.children.get(`${group}/weak-spots`) ?? [];
    assert.ok(spots.length > 0);
    assert.equal(node(`${group}/weak-spots`).collapsible, 'expanded');
    assert.ok(spots.some((id) => node(id).label === 'Has CAP_SYS_ADMIN' && node(id).icon.id === 'warning'));
  });

  it("marks the container's row with its serious weak spots; a container without privileges gets no group", () => {
    assert.match(node(web).description ?? '', / · ⚠ \d+$/);
    assert.ok(!(node(containerNodeId('docker::b2')).description ?? '').includes('⚠'));
    assert.ok(!model.nodes.has(`${containerNodeId('docker::b2')}/privileges`));
  });

  it('copies the capability list, one name a line', () => {
    const copied = node(`${group}/capabilities`).copyText ?? '';
    assert.ok(copied.split('\n').includes('SYS_ADMIN'));
    assert.equal(node(`${group}/capabilities`).contextValue, 'privilegeCapabilities');
    assert.equal(capabilityListText(snap.containers[0]), copied);
    assert.equal(capabilityListText(snap.containers[1]), undefined);
  });

  it('tooltips say what each row is and why a weak spot matters', () => {
    const seccomp = tooltipFor(node(`${group}/seccomp`), snap);
    assert.ok(seccomp.some((l) => /system calls/.test(l.text)));
    const spot = spots()[0];
    const lines = tooltipFor(node(spot), snap);
    assert.ok(lines.some((l) => l.heading === 'Why it matters' && l.text.length > 0));
    assert.ok(lines.some((l) => l.heading === 'Shown by'));
    assert.ok(tooltipFor(node(web), snap).some((l) => l.heading === 'Weak spots'));
  });

  it('a created container is explained from its request alone: privileged, no process to read', () => {
    const made = `${containerNodeId('docker::c3')}/privileges`;
    assert.equal(node(`${made}/seccomp`).description, 'no process');
    const spots = model.children.get(`${made}/weak-spots`) ?? [];
    assert.equal(node(spots[0]).label, 'Privileged container');
  });

  function spots(): string[] {
    return model.children.get(`${group}/weak-spots`) ?? [];
  }
});
