/**
 * Issue 11 item 6: rootless Podman's containers are all in the user namespace the engine runs in.
 * That is the engine's namespace, not one container joining another's: its own reason, and no
 * pair edges in the live diagram (there were 15 for 6 containers).
 */
import * as assert from 'node:assert/strict';
import { classifyNamespaces, type ContainerNamespaceReads } from '../../../src/core/kernel';
import { liveHostDiagram } from '../../../src/core/diagrams';
import { namespaceReason } from '../../../src/core/tree/texts';
import {
  NAMESPACE_KINDS,
  type HostSnapshot,
  type NamespaceKind,
  type NamespaceReadStatus,
} from '../../../src/core/model';
import { container } from '../../support/snapshots';

const HOST = { cgroup: 100, ipc: 101, mnt: 102, net: 103, pid: 104, time: 105, user: 106, uts: 107 };
/** The user namespace of rootless Podman (its pause process and every conmon are in it). */
const ENGINE_USERNS = 4026533093;

function rootless(i: number): ContainerNamespaceReads {
  const reads: Partial<Record<NamespaceKind, NamespaceReadStatus>> = {};
  for (const kind of NAMESPACE_KINDS)
    reads[kind] = {
      state: 'ok',
      inode: kind === 'user' ? ENGINE_USERNS : 5000 + i * 10 + NAMESPACE_KINDS.indexOf(kind),
    };
  return {
    key: `podman-rootless::r${i}`,
    reads,
    evidence: { ppid: 900 + i, parentUserNs: ENGINE_USERNS },
    record: {
      id: `r${i}`,
      name: `rootless-${i}`,
      scope: 'podman-rootless/',
      modes: {},
      ctx: { runtime: 'podman-rootless', rootless: true, hostCgroupVersion: '1' },
    },
  };
}

function snapshotOf(reads: ContainerNamespaceReads[]): HostSnapshot {
  const reports = classifyNamespaces(reads, { self: HOST, pid1: {} });
  return {
    takenAt: '',
    host: { cgroupVersion: '1', namespaces: { self: HOST, pid1: {} }, isRoot: true },
    runtimes: [{ kind: 'podman-rootless', endpoint: 'cli:podman', status: { state: 'ok' }, chain: [], rootless: true }],
    containers: reads.map((r, i) =>
      container({
        id: `r${i}`,
        name: `rootless-${i}`,
        key: r.key,
        runtime: 'podman-rootless',
        namespaces: reports.get(r.key),
      }),
    ),
  };
}

describe("the engine's own user namespace (rootless Podman)", () => {
  it('is recognised as the engine’s, with its own reason, and draws no pair edges', () => {
    const snapshot = snapshotOf(Array.from({ length: 6 }, (_, i) => rootless(i)));
    for (const c of snapshot.containers) {
      const user = c.namespaces!.entries.find((e) => e.kind === 'user')!;
      assert.equal(user.verdict.kind, 'shared');
      assert.equal(user.verdict.kind === 'shared' && user.verdict.engine, 'podman-rootless');
      const why = namespaceReason(c, user) ?? '';
      assert.doesNotMatch(why, /another container was asked to join/);
      assert.match(why, /Podman \(rootless\) itself runs in/);
    }
    const d = liveHostDiagram(snapshot);
    assert.equal(d.source.split('\n').filter((l) => l.includes('===')).length, 0, d.source);
  });

  it('a user namespace two containers share that is not the engine’s stays a pair', () => {
    const a = rootless(0);
    const b = rootless(1);
    b.evidence = { ppid: 901, parentUserNs: 1 }; // b's parent is elsewhere: b joined a's user namespace
    a.evidence = { ppid: 900, parentUserNs: 1 };
    const snapshot = snapshotOf([a, b]);
    const user = snapshot.containers[0].namespaces!.entries.find((e) => e.kind === 'user')!;
    assert.deepEqual(user.verdict, { kind: 'shared', withKeys: ['podman-rootless::r1'] });
    assert.equal(
      liveHostDiagram(snapshot)
        .source.split('\n')
        .filter((l) => l.includes('===')).length,
      1,
    );
  });

  it('without inodes, a uid_map equal to its parent’s is the engine’s as well', () => {
    const reads = [0, 1].map((i) => {
      const r = rootless(i);
      for (const kind of NAMESPACE_KINDS) r.reads[kind] = { state: 'denied', detail: 'EACCES' };
      r.evidence = { uidMap: '0 1001 1;1 100000 65536', parentUidMap: '0 1001 1;1 100000 65536', ppid: 900 + i };
      return r;
    });
    const reports = classifyNamespaces(reads, { self: {}, pid1: {}, evidence: { uidMap: '0 0 4294967295' } });
    const user = reports.get('podman-rootless::r0')!.entries.find((e) => e.kind === 'user')!;
    assert.deepEqual(user.verdict, { kind: 'shared', withKeys: ['podman-rootless::r1'], engine: 'podman-rootless' });
    assert.equal(user.basis?.word, 'uid_map');
  });
});
