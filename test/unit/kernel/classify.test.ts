import * as assert from 'node:assert/strict';
import {
  NAMESPACE_KINDS,
  type HostNamespaces,
  type NamespaceKind,
  type NamespaceReadStatus,
  type NamespaceVerdict,
} from '../../../src/core/model';
import { classifyNamespaces, type ContainerNamespaceReads } from '../../../src/core/kernel';
import { growth } from '../../support/growth';

const HOST_SELF = { cgroup: 100, ipc: 101, mnt: 102, net: 103, pid: 104, time: 105, user: 106, uts: 107 };

function ok(inode: number): NamespaceReadStatus {
  return { state: 'ok', inode };
}

/** Every kind read ok, with the given inodes overriding the host's. */
function container(key: string, own: Partial<Record<NamespaceKind, number>>): ContainerNamespaceReads {
  const reads: Partial<Record<NamespaceKind, NamespaceReadStatus>> = {};
  for (const kind of NAMESPACE_KINDS) reads[kind] = ok(own[kind] ?? HOST_SELF[kind]);
  return { key, reads };
}

function verdicts(report: ReturnType<typeof classifyNamespaces>, key: string): Record<string, NamespaceVerdict> {
  const entries = report.get(key)?.entries ?? [];
  return Object.fromEntries(entries.map((e) => [e.kind, e.verdict]));
}

describe('kernel/classify', () => {
  const host: HostNamespaces = { self: HOST_SELF, pid1: {}, pid1Unreadable: 'EACCES' };

  it('host: same inode as this process', () => {
    const r = classifyNamespaces([container('docker::a', {})], host);
    for (const kind of NAMESPACE_KINDS) assert.deepEqual(verdicts(r, 'docker::a')[kind], { kind: 'host' });
  });

  it("host: same inode as PID 1's even when this process differs (extension inside a container)", () => {
    const h: HostNamespaces = { self: { ...HOST_SELF, net: 900 }, pid1: { net: 103 } };
    const r = classifyNamespaces([container('docker::a', {})], h);
    assert.deepEqual(verdicts(r, 'docker::a').net, { kind: 'host' });
  });

  it('isolated: an inode nobody else has', () => {
    const r = classifyNamespaces([container('docker::a', { net: 500, pid: 501 })], host);
    const v = verdicts(r, 'docker::a');
    assert.deepEqual(v.net, { kind: 'isolated' });
    assert.deepEqual(v.pid, { kind: 'isolated' });
    assert.deepEqual(v.user, { kind: 'host' });
  });

  it('shared between two containers (a pod, --network container:x), not with the host', () => {
    const r = classifyNamespaces(
      [
        container('podman::infra', { net: 600, ipc: 601, uts: 602, pid: 603 }),
        container('podman::app', { net: 600, ipc: 601, uts: 602, pid: 700 }),
        container('docker::x', { net: 800 }),
      ],
      host,
    );
    assert.deepEqual(verdicts(r, 'podman::app').net, { kind: 'shared', withKeys: ['podman::infra'] });
    assert.deepEqual(verdicts(r, 'podman::infra').ipc, { kind: 'shared', withKeys: ['podman::app'] });
    assert.deepEqual(verdicts(r, 'podman::app').pid, { kind: 'isolated' });
    assert.deepEqual(verdicts(r, 'docker::x').net, { kind: 'isolated' });
    assert.deepEqual(verdicts(r, 'podman::app').mnt, { kind: 'host' });
  });

  it('lists every other holder of a shared inode, and compares inodes per kind', () => {
    // 700 is podman::c's pid namespace and podman::a's uts namespace: different kinds, no sharing.
    const r = classifyNamespaces(
      [container('a', { net: 650, uts: 700 }), container('b', { net: 650 }), container('c', { net: 650, pid: 700 })],
      host,
    );
    assert.deepEqual(verdicts(r, 'a').net, { kind: 'shared', withKeys: ['b', 'c'] });
    assert.deepEqual(verdicts(r, 'c').pid, { kind: 'isolated' });
    assert.deepEqual(verdicts(r, 'a').uts, { kind: 'isolated' });
  });

  it('denied and missing reads are unknown with the reason', () => {
    const c = container('docker::root-owned', {});
    c.reads.net = { state: 'denied', detail: 'EACCES on /proc/9/ns/net: needs root or the same user' };
    c.reads.time = { state: 'missing', detail: 'not found' };
    delete c.reads.uts;
    const v = verdicts(classifyNamespaces([c], host), 'docker::root-owned');
    // A denial is said once for the container (inodesNote), not in every line's reason.
    assert.deepEqual(v.net, {
      kind: 'unknown',
      reason: 'inodes need root; nothing else an ordinary user can read tells the net namespace',
    });
    assert.deepEqual(v.time, { kind: 'unknown', reason: 'not found' });
    assert.deepEqual(v.uts, { kind: 'unknown', reason: 'not read' });
    assert.deepEqual(v.pid, { kind: 'host' });
  });

  it('with PID 1 unreadable, still classifies against self', () => {
    const r = classifyNamespaces([container('a', { net: 1 })], {
      self: HOST_SELF,
      pid1: {},
      pid1Unreadable: "PID 1's namespaces could not be read",
    });
    assert.deepEqual(verdicts(r, 'a').net, { kind: 'isolated' });
    assert.deepEqual(verdicts(r, 'a').ipc, { kind: 'host' });
  });

  it('without any host reference for a kind, an unshared inode is unknown rather than isolated', () => {
    const { user: _u, ...noUser } = HOST_SELF;
    const r = classifyNamespaces([container('a', { user: 4000 })], { self: noUser, pid1: {} });
    assert.equal(verdicts(r, 'a').user.kind, 'unknown');
  });

  it('keeps the reads and returns entries in kind order', () => {
    const r = classifyNamespaces([container('a', {})], host);
    const entries = r.get('a')?.entries ?? [];
    assert.deepEqual(
      entries.map((e) => e.kind),
      [...NAMESPACE_KINDS],
    );
    assert.deepEqual(entries[3].read, ok(HOST_SELF.net));
  });

  it('scales linearly: 250 and 2000 containers in pods of two', function () {
    this.timeout(60_000); // measured several times over, on a machine that may be busy
    const pods = (n: number) =>
      Array.from({ length: n }, (_, i) => container(`c${i}`, { net: 10_000 + Math.floor(i / 2), pid: 20_000 + i }));
    const [small, large] = [pods(250), pods(2000)];
    const r = classifyNamespaces(large, host);
    assert.deepEqual(verdicts(r, 'c1').net, { kind: 'shared', withKeys: ['c0'] });
    // 8× the containers: linear work costs 8× (up to about 18× measured here while another process
    // thrashed the memory: the larger maps miss the caches more), comparing every pair 64×.
    const g = growth(
      () => classifyNamespaces(small, host),
      () => classifyNamespaces(large, host),
    );
    assert.ok(g.ratio < 32, `8× the containers took ${g.detail}`);
  });
});
