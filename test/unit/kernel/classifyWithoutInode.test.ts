/**
 * Verdicts for an ordinary user, who may not read root's /proc/PID/ns links: built from the
 * kernel's evidence and the engine's record. The evidence values here are the shapes
 * evidence.test.ts reads from the real /proc; the records are the modes the runtime clients give.
 */
import * as assert from 'node:assert/strict';
import {
  NAMESPACE_KINDS,
  type HostNamespaces,
  type NamespaceEntry,
  type NamespaceKind,
  type NamespaceReadStatus,
  type NetEvidence,
  type ProcessEvidence,
  type RuntimeKind,
} from '../../../src/core/model';
import { classifyNamespaces, INODES_NEED_ROOT, type ContainerNamespaceReads } from '../../../src/core/kernel';
import { renderSnapshotTree } from '../../../src/core/cli/renderTree';
import { verdictText } from '../../../src/core/tree/descriptions';

const DENIED: NamespaceReadStatus = { state: 'denied', detail: 'EACCES on /proc/9/ns/x: needs root or the same user' };

function net(structure: string, extra: Partial<NetEvidence> = {}): NetEvidence {
  return { structure, counters: `c-${structure}`, loopbackOnly: false, idle: false, ...extra };
}
const IDLE_LOOPBACK = net('lo-only', { counters: 'zeros', loopbackOnly: true, idle: true });

const SELF: ProcessEvidence = {
  nspidDepth: 1,
  innerPid: 4000,
  uidMap: '0 0 4294967295',
  mounts: 'host-mounts',
  net: net('host-net'),
};
const host: HostNamespaces = { self: { net: 1, pid: 2, user: 3 }, pid1: {}, evidence: SELF };

/** A root-owned container seen by an ordinary user: every link denied. */
function denied(
  name: string,
  evidence: ProcessEvidence,
  modes: Partial<Record<NamespaceKind, string>> = {},
  runtime: RuntimeKind = 'docker',
): ContainerNamespaceReads {
  const reads: Partial<Record<NamespaceKind, NamespaceReadStatus>> = {};
  for (const kind of NAMESPACE_KINDS) reads[kind] = DENIED;
  return {
    key: `${runtime}::${name}`,
    reads,
    evidence: { ...evidence },
    record: {
      id: `${name}-0123456789abcdef`,
      name,
      scope: `${runtime}/`,
      modes,
      ctx: { runtime, rootless: runtime === 'podman-rootless', hostCgroupVersion: '1' },
    },
  };
}

/** A default Docker container as its evidence looks: own pid, mnt and net; the host's user namespace. */
function isolatedEvidence(id: string): ProcessEvidence {
  return { nspidDepth: 2, innerPid: 1, uidMap: '0 0 4294967295', mounts: `m-${id}`, net: net(`n-${id}`) };
}

function entry(r: ReturnType<typeof classifyNamespaces>, key: string, kind: NamespaceKind): NamespaceEntry {
  const e = r.get(key)?.entries.find((x) => x.kind === kind);
  assert.ok(e, `${key} ${kind}`);
  return e;
}

describe('kernel/classify without inodes (an ordinary user)', () => {
  it('--pid host and --network host: the host, known from NSpid and net/dev', () => {
    const hostpid = denied('hostpid', { ...isolatedEvidence('a'), nspidDepth: 1, innerPid: 4242 }, { pid: 'host' });
    const hostnet = denied('hostnet', { ...isolatedEvidence('b'), net: net('host-net') }, { net: 'host' });
    const r = classifyNamespaces([hostpid, hostnet], host);
    const pid = entry(r, 'docker::hostpid', 'pid');
    assert.deepEqual(pid.verdict, { kind: 'host' });
    assert.equal(pid.basis?.source, 'evidence');
    assert.equal(pid.basis?.word, 'NSpid');
    const n = entry(r, 'docker::hostnet', 'net');
    assert.deepEqual(n.verdict, { kind: 'host' });
    assert.equal(n.basis?.word, 'net/dev');
    assert.match(n.basis?.detail ?? '', /not proof/);
    assert.deepEqual(entry(r, 'docker::hostnet', 'pid').verdict, { kind: 'isolated' });
    assert.deepEqual(entry(r, 'docker::hostpid', 'net').verdict, { kind: 'isolated' });
  });

  it('user from uid_map, mnt from mountinfo, ipc/uts/time/cgroup from the engine only', () => {
    const r = classifyNamespaces([denied('plain', isolatedEvidence('p'), { cgroup: 'host', ipc: 'private' })], host);
    const user = entry(r, 'docker::plain', 'user');
    assert.deepEqual(user.verdict, { kind: 'host' });
    assert.equal(user.basis?.word, 'uid_map');
    assert.deepEqual(entry(r, 'docker::plain', 'mnt').verdict, { kind: 'isolated' });
    assert.equal(entry(r, 'docker::plain', 'mnt').basis?.word, 'mountinfo');
    for (const kind of ['ipc', 'uts'] as const) {
      assert.deepEqual(entry(r, 'docker::plain', kind).verdict, { kind: 'isolated' }, kind);
      assert.equal(entry(r, 'docker::plain', kind).basis?.source, 'engine', kind);
    }
    assert.deepEqual(entry(r, 'docker::plain', 'time').verdict, { kind: 'host' });
    assert.deepEqual(entry(r, 'docker::plain', 'cgroup').verdict, { kind: 'host' });
    assert.equal(entry(r, 'docker::plain', 'cgroup').basis?.detail, 'HostConfig.CgroupnsMode host');
  });

  it('--network container:x: both share, by net/dev, and the engine agrees', () => {
    const owner = denied('owner', isolatedEvidence('o'));
    const joiner = denied(
      'joiner',
      { ...isolatedEvidence('j'), net: net('n-o') },
      { net: 'container:owner-0123456789abcdef' },
    );
    const r = classifyNamespaces([owner, joiner], host);
    assert.deepEqual(entry(r, 'docker::joiner', 'net').verdict, { kind: 'shared', withKeys: ['docker::owner'] });
    assert.deepEqual(entry(r, 'docker::owner', 'net').verdict, { kind: 'shared', withKeys: ['docker::joiner'] });
    assert.match(entry(r, 'docker::joiner', 'net').basis?.detail ?? '', /record agrees/);
    assert.equal(entry(r, 'docker::joiner', 'net').disagreement, undefined);
  });

  it('--ipc container:x: shared both ways from the engine record alone (by name or id)', () => {
    const owner = denied('ipcowner', isolatedEvidence('o'), { ipc: 'shareable' });
    const joiner = denied('ipcjoiner', isolatedEvidence('j'), { ipc: 'container:ipcowner-0123' });
    const r = classifyNamespaces([owner, joiner], host);
    assert.deepEqual(entry(r, 'docker::ipcjoiner', 'ipc').verdict, { kind: 'shared', withKeys: ['docker::ipcowner'] });
    assert.deepEqual(entry(r, 'docker::ipcowner', 'ipc').verdict, { kind: 'shared', withKeys: ['docker::ipcjoiner'] });
    assert.equal(entry(r, 'docker::ipcowner', 'ipc').basis?.source, 'engine');
    // A name works as well as an id.
    const byName = denied('j2', isolatedEvidence('k'), { ipc: 'container:ipcowner' });
    const r2 = classifyNamespaces([owner, byName], host);
    assert.deepEqual(entry(r2, 'docker::ipcowner', 'ipc').verdict, { kind: 'shared', withKeys: ['docker::j2'] });
  });

  it('a Podman pod: members joined the infra container, so all of them share net, ipc and uts', () => {
    const infraEv = isolatedEvidence('infra');
    const modes = { net: 'container:infra', ipc: 'container:infra', uts: 'container:infra', pid: 'private' };
    const cs = [
      denied('infra', infraEv, { net: 'bridge', ipc: 'shareable', uts: 'private', pid: 'private' }, 'podman'),
      denied('a', { ...isolatedEvidence('a'), net: infraEv.net }, modes, 'podman'),
      denied('b', { ...isolatedEvidence('b'), net: infraEv.net }, modes, 'podman'),
    ];
    const r = classifyNamespaces(cs, host);
    for (const kind of ['net', 'ipc', 'uts'] as const) {
      const v = entry(r, 'podman::a', kind).verdict;
      assert.equal(v.kind, 'shared', kind);
      assert.deepEqual(v.kind === 'shared' && [...v.withKeys].sort(), ['podman::b', 'podman::infra'], kind);
    }
    assert.deepEqual(entry(r, 'podman::a', 'pid').verdict, { kind: 'isolated' });
  });

  it('two --network none containers with no traffic look identical: the engine decides, and says the kernel could not', () => {
    const a = denied('none-a', { ...isolatedEvidence('a'), net: IDLE_LOOPBACK }, { net: 'none' });
    const b = denied('none-b', { ...isolatedEvidence('b'), net: IDLE_LOOPBACK }, { net: 'none' });
    const r = classifyNamespaces([a, b], host);
    for (const key of ['docker::none-a', 'docker::none-b']) {
      const e = entry(r, key, 'net');
      assert.deepEqual(e.verdict, { kind: 'isolated' }, 'not "shared": identical evidence is no evidence here');
      assert.equal(e.basis?.source, 'engine');
      assert.match(e.basis?.detail ?? '', /cannot tell them apart/);
    }
    // Without a record, the kernel's silence stays unknown rather than a guess.
    const bare = { ...a, record: undefined };
    const r2 = classifyNamespaces([bare, { ...b, record: undefined }], host);
    assert.equal(entry(r2, 'docker::none-a', 'net').verdict.kind, 'unknown');
  });

  it('where the evidence and the record disagree, both are shown', () => {
    const odd = denied('odd', { ...isolatedEvidence('x'), net: net('host-net') }, { net: 'bridge' });
    const r = classifyNamespaces([odd], host);
    const e = entry(r, 'docker::odd', 'net');
    assert.deepEqual(e.verdict, { kind: 'host' });
    assert.deepEqual(e.disagreement?.verdict, { kind: 'isolated' });
    assert.equal(e.disagreement?.basis.source, 'engine');
    assert.equal(
      verdictText(e, (k) => k),
      'shared with host · net/dev; engine says isolated',
    );
  });

  it('a --pid container:x joiner: NSpid says joined, the record says whose', () => {
    const owner = denied('powner', isolatedEvidence('o'));
    const joiner = denied('pjoiner', { ...isolatedEvidence('j'), innerPid: 7 }, { pid: 'container:powner' });
    const r = classifyNamespaces([owner, joiner], host);
    assert.deepEqual(entry(r, 'docker::pjoiner', 'pid').verdict, { kind: 'shared', withKeys: ['docker::powner'] });
    assert.equal(entry(r, 'docker::pjoiner', 'pid').basis?.source, 'engine');
    assert.deepEqual(entry(r, 'docker::powner', 'pid').verdict, { kind: 'shared', withKeys: ['docker::pjoiner'] });
    assert.equal(entry(r, 'docker::powner', 'pid').disagreement, undefined);
  });

  it('says "inodes need root" once per container, not on every line', () => {
    const c = denied('plain', isolatedEvidence('p'));
    const r = classifyNamespaces([c], host);
    const report = r.get('docker::plain');
    assert.equal(report?.inodesNote, INODES_NEED_ROOT);
    const text = renderSnapshotTree({
      takenAt: '',
      host: { cgroupVersion: '1', namespaces: host, isRoot: false },
      runtimes: [{ kind: 'docker', endpoint: 'unix:///var/run/docker.sock', status: { state: 'ok' }, chain: [] }],
      containers: [
        {
          key: 'docker::plain',
          runtime: 'docker',
          id: 'plain',
          name: 'plain',
          image: 'i',
          state: 'running',
          labels: {},
          pid: 9,
          namespaces: report,
        },
      ],
    });
    assert.equal(text.match(/inodes need root/g)?.length, 1, text);
    assert.doesNotMatch(text, /EACCES/);
    assert.match(text, /pid {4}isolated · NSpid/);
    assert.match(text, /ipc {4}isolated · engine/);
  });
});
