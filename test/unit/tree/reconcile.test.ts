import * as assert from 'node:assert/strict';
import type { HostSnapshot } from '../../../src/core/model';
import { NAMESPACE_KINDS } from '../../../src/core/model';
import { reconcileTree } from '../../../src/core/tree/reconcile';
import { buildTree, containerNodeId, DEFAULT_TREE_OPTIONS, runtimeNodeId } from '../../../src/core/tree/treeModel';
import { container } from '../../support/snapshots';

/** A FAKE host: Docker with two running containers. */
function host(): HostSnapshot {
  const ns = (base: number) => ({
    entries: NAMESPACE_KINDS.map((kind, i) => ({
      kind,
      read: { state: 'ok' as const, inode: base + i },
      verdict: { kind: 'isolated' as const },
    })),
  });
  return {
    takenAt: '2026-01-01T00:00:00Z',
    host: { cgroupVersion: 'hybrid', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [
      {
        kind: 'docker',
        endpoint: 'unix:///var/run/docker.sock',
        status: { state: 'ok' },
        version: '20.10.24',
        chain: [],
      },
    ],
    containers: [
      container({
        id: 'aaa',
        name: 'web',
        pid: 100,
        namespaces: ns(100),
        cgroup: {
          version: '1',
          path: '/docker/aaa',
          memory: { limitBytes: 64 * 1024 * 1024, usageBytes: 1024 * 1024 },
        },
      }),
      container({ id: 'bbb', name: 'db', pid: 200, namespaces: ns(200) }),
    ],
  };
}

const tree = (s: HostSnapshot) => buildTree(s, DEFAULT_TREE_OPTIONS);

describe('tree reconciliation (refresh only what changed)', () => {
  it('the first model refreshes everything', () => {
    assert.equal(reconcileTree(undefined, tree(host())).changed, 'all');
  });

  it('the same snapshot again changes nothing and keeps every node object', () => {
    const first = tree(host());
    const { model, changed } = reconcileTree(first, tree(host()));
    assert.deepEqual(changed, []);
    for (const [id, node] of model.nodes) assert.equal(node, first.nodes.get(id), id);
  });

  it('a usage figure that moved refreshes that controller item only, updated in place', () => {
    const first = tree(host());
    const next = host();
    next.containers[0].cgroup!.memory!.usageBytes = 2 * 1024 * 1024;
    const { model, changed } = reconcileTree(first, tree(next));
    assert.ok(changed !== 'all');
    assert.equal(changed.length, 1);
    const [memory] = changed;
    assert.equal(memory.controller, 'memory');
    assert.equal(memory, first.nodes.get(memory.id), 'the object VS Code knows');
    assert.match(memory.description ?? '', /^2 MiB \//);
    assert.equal(model.nodes.get(containerNodeId('docker::bbb')), first.nodes.get(containerNodeId('docker::bbb')));
  });

  it('a container that stopped refreshes that container (its children go with it), not its siblings', () => {
    const first = tree(host());
    const next = host();
    next.containers[1] = { ...next.containers[1], state: 'exited', pid: undefined, namespaces: undefined };
    const { changed } = reconcileTree(first, tree(next));
    assert.ok(changed !== 'all');
    assert.deepEqual(
      changed.map((n) => n.id),
      [containerNodeId('docker::bbb')],
    );
    assert.equal(changed[0], first.nodes.get(containerNodeId('docker::bbb')));
    assert.equal(changed[0].contextValue, 'stoppedContainer');
  });

  it('a new container refreshes its parent; a new runtime refreshes the whole tree', () => {
    const first = tree(host());
    const next = host();
    next.containers.push(container({ id: 'ccc', name: 'cache', pid: 300 }));
    const { model, changed } = reconcileTree(first, tree(next));
    assert.ok(changed !== 'all');
    assert.deepEqual(
      changed.map((n) => n.id),
      [runtimeNodeId('docker')],
    );
    assert.ok(model.nodes.has(containerNodeId('docker::ccc')));
    const withPodman = host();
    withPodman.runtimes.push({
      kind: 'podman',
      endpoint: 'unix:///run/podman/podman.sock',
      status: { state: 'ok' },
      version: '4.3.1',
      chain: [],
    });
    assert.equal(reconcileTree(first, tree(withPodman)).changed, 'all');
  });

  it('a field that disappears is removed from the kept object', () => {
    const first = tree(host());
    const next = host();
    next.containers[0].cgroup!.memory!.usageBytes = undefined;
    const before = {
      ...first.nodes.get([...first.nodes.keys()].find((id) => first.nodes.get(id)!.controller === 'memory')!)!,
    };
    const { changed } = reconcileTree(first, tree(next));
    assert.ok(changed !== 'all' && changed.length === 1);
    assert.deepEqual(Object.keys(changed[0]).sort(), Object.keys(tree(next).nodes.get(before.id)!).sort());
  });
});
