import * as assert from 'node:assert/strict';
import type { ContainerInfo, HostSnapshot } from '../../../src/core/model';
import { buildTree, containerNodeId } from '../../../src/core/tree/treeModel';
import { sortByOrDefault } from '../../../src/core/usage/sortOrder';

const MiB = 1024 * 1024;

function container(name: string, workingSetBytes?: number, percent?: number): ContainerInfo {
  return {
    key: `docker::${name}`,
    id: name,
    name,
    runtime: 'docker',
    image: 'x',
    state: 'running',
    labels: {},
    cgroup: {
      version: '1',
      path: `/docker/${name}`,
      memory: { limitBytes: null, workingSetBytes },
      cpu: { cpus: null, percent },
    },
  } as ContainerInfo;
}

const snapshot = {
  takenAt: '',
  host: { cgroupVersion: '1', namespaces: {}, isRoot: true },
  runtimes: [{ kind: 'docker', endpoint: 'unix:///var/run/docker.sock', status: { state: 'ok' }, chain: [] }],
  containers: [
    container('a', 5 * MiB, 1),
    container('b', undefined, undefined),
    container('c', 50 * MiB, 0.5),
    container('d', MiB, 90),
  ],
} as unknown as HostSnapshot;

function order(sortBy: 'name' | 'memory' | 'cpu'): string[] {
  const tree = buildTree(snapshot, { groupBy: 'none', showStopped: true, filter: '', sortBy });
  return tree.roots
    .filter((id) => id.startsWith('container:'))
    .map((id) => snapshot.containers.find((c) => containerNodeId(c.key) === id)!.name);
}

describe('usage/sortOrder: the tree by memory or CPU', () => {
  it('the largest working set or CPU first; containers without figures after, by name', () => {
    assert.deepEqual(order('name'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(order('memory'), ['c', 'a', 'd', 'b']);
    assert.deepEqual(order('cpu'), ['d', 'a', 'c', 'b']);
  });

  it('an unknown setting is by name', () => {
    assert.equal(sortByOrDefault('size'), 'name');
    assert.equal(sortByOrDefault('cpu'), 'cpu');
  });
});
