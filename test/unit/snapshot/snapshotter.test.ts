import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RuntimeKind } from '../../../src/core/model';
import type { EngineReading, EngineSource, SingleContainerReading } from '../../../src/core/snapshot/engineSource';
import { dedupe, shownThroughDocker, Snapshotter } from '../../../src/core/snapshot/snapshotter';
import { renderSnapshotTree, terminalSafe } from '../../../src/core/cli/renderTree';
import { createPodmanSources } from '../../../src/core/runtimes/podman';
import { container } from '../../support/snapshots';
import { fixture, IDS } from '../kernel/kernelFixtures';

/** FAKE engines: each stands in for one way a real engine misbehaves. */
function source(kind: RuntimeKind, read: (signal?: AbortSignal) => Promise<EngineReading>): EngineSource {
  return {
    kind,
    id: kind,
    endpoint: `unix:///fake/${kind}.sock`,
    read,
    readOne: async (): Promise<SingleContainerReading> => ({ state: 'gone' }),
    dispose: () => undefined,
  };
}

const healthy = source('podman', async () => ({
  runtime: { kind: 'podman', endpoint: 'unix:///fake/podman.sock', status: { state: 'ok' }, chain: [] },
  containers: [
    container({ id: 'p1', name: 'survivor', key: 'podman::p1', runtime: 'podman', state: 'exited', pid: undefined }),
  ],
}));

describe('Snapshotter: engines are independent', () => {
  it('a hung engine is reported as timed out and does not hide the others', async () => {
    const hung = source('docker', () => new Promise<EngineReading>(() => {}));
    const started = Date.now();
    const snapshot = await new Snapshotter({ sources: [hung, healthy], engineTimeoutMs: 300 }).take();
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 2_000, `returned after ${elapsed} ms`);
    assert.equal(snapshot.runtimes.find((r) => r.kind === 'docker')?.status.state, 'timeout');
    assert.equal(snapshot.runtimes.find((r) => r.kind === 'podman')?.status.state, 'ok');
    // The timeout names what did not answer, as every other engine error does.
    const timedOut = snapshot.runtimes.find((r) => r.kind === 'docker');
    assert.equal(timedOut?.endpoint, 'unix:///fake/docker.sock');
    assert.equal(
      timedOut?.status.state === 'timeout' ? timedOut.status.detail : '',
      'no answer from unix:///fake/docker.sock within 300 ms',
    );
    assert.deepEqual(
      snapshot.containers.map((c) => c.name),
      ['survivor'],
    );
  });

  it('an engine that throws (breaking its contract) becomes an error status, not a crash', async () => {
    const throwing = source('containerd', async () => {
      throw new Error('boom');
    });
    const snapshot = await new Snapshotter({ sources: [throwing, healthy] }).take();
    const status = snapshot.runtimes.find((r) => r.kind === 'containerd')?.status;
    assert.equal(status?.state, 'error');
    assert.match(status?.state === 'error' ? status.detail : '', /boom/);
    assert.equal(snapshot.containers.length, 1);
  });

  it('passes the cancellation on to the engines', async () => {
    let seen: AbortSignal | undefined;
    const watching = source('docker', (signal) => {
      seen = signal;
      return new Promise<EngineReading>(() => {});
    });
    const controller = new AbortController();
    const taking = new Snapshotter({ sources: [watching], engineTimeoutMs: 60_000 }).take(controller.signal);
    controller.abort();
    const snapshot = await taking;
    assert.equal(seen?.aborted, true);
    assert.deepEqual(snapshot.runtimes[0].status, { state: 'error', detail: 'cancelled before the engine answered' });
  });
});

describe('Snapshotter: several sources of one kind (root reading two users’ rootless Podman)', () => {
  const FIXTURE_PROC = fixture('cgroup-v2').procRoot;
  /** A FAKE rootless Podman of one user: lists its own container, knows nothing of the other's. */
  function userPodman(uid: number, pid?: number) {
    const id = `c${uid}`;
    const calls: string[] = [];
    const row = () =>
      container({ id, name: `anatomy-eng-${uid}`, key: `podman-rootless::${id}`, runtime: 'podman-rootless', pid });
    const src: EngineSource = {
      kind: 'podman-rootless',
      id: `podman-rootless:unix:///run/user/${uid}/podman/podman.sock`,
      endpoint: `unix:///run/user/${uid}/podman/podman.sock`,
      read: async () => ({
        runtime: { kind: 'podman-rootless', endpoint: '', status: { state: 'ok' }, chain: [], rootless: true },
        containers: [row()],
      }),
      readOne: async (which): Promise<SingleContainerReading> => {
        calls.push(which);
        return which === id ? { state: 'found', container: { ...row(), status: 'Exited (1)' } } : { state: 'gone' };
      },
      dispose: () => undefined,
    };
    return { src, id, calls };
  }

  it('an event is re-read by the source that sent it, so the other user’s container does not vanish', async () => {
    const a = userPodman(1000);
    const b = userPodman(1001);
    const snapshotter = new Snapshotter({ sources: [a.src, b.src], procRoot: FIXTURE_PROC });
    const before = await snapshotter.take();
    const after = await snapshotter.refreshContainer(before, 'podman-rootless', b.id, { sourceId: b.src.id });
    assert.deepEqual(a.calls, []);
    assert.deepEqual(b.calls, [b.id]);
    assert.equal(after.containers.find((c) => c.id === b.id)?.status, 'Exited (1)');
    assert.equal(after.containers.length, 2);
  });

  it('a stale PID is asked about at the source that listed the container', async () => {
    const a = userPodman(1000);
    const b = userPodman(1001, 424242); // no such PID in the fixture /proc
    await new Snapshotter({ sources: [a.src, b.src], procRoot: FIXTURE_PROC }).take();
    assert.deepEqual(a.calls, []);
    assert.deepEqual(b.calls, [b.id]);
  });

  it('each user’s Podman source has its own id', () => {
    const sockets = [1000, 1001].map((uid) => `/run/user/${uid}/podman/podman.sock`);
    const sources = createPodmanSources({ kind: 'podman-rootless', uid: 0, rootlessSockets: sockets });
    try {
      assert.equal(new Set(sources.map((s) => s.id)).size, 2);
    } finally {
      for (const s of sources) s.dispose();
    }
  });
});

describe('dedupe', () => {
  it('shows a Docker container once although containerd’s moby namespace holds it too, and links the two', () => {
    const docker = container({ id: 'abc', name: 'web' });
    const moby = container({
      id: 'abc',
      name: 'abc',
      key: 'containerd:moby:abc',
      runtime: 'containerd',
      containerdNamespace: 'moby',
    });
    const other = container({
      id: 'zzz',
      name: 'zzz',
      key: 'containerd:default:zzz',
      runtime: 'containerd',
      containerdNamespace: 'default',
    });
    const out = dedupe([moby, docker, other]);
    assert.deepEqual(
      out.map((c) => c.key),
      ['docker::abc', 'containerd:default:zzz'],
    );
    assert.deepEqual(out[0].alsoSeenAs, ['containerd moby/abc']);
  });

  it('a containerd event about a container shown through Docker needs no re-read; others do', () => {
    const snapshot = {
      takenAt: '2026-01-01T00:00:00Z',
      host: { cgroupVersion: 'hybrid' as const, namespaces: { self: {}, pid1: {} }, isRoot: true },
      runtimes: [],
      containers: dedupe([
        container({ id: 'abc', name: 'web' }),
        container({
          id: 'zzz',
          name: 'zzz',
          key: 'containerd:default:zzz',
          runtime: 'containerd',
          containerdNamespace: 'default',
        }),
      ]),
    };
    assert.equal(shownThroughDocker(snapshot, { runtime: 'containerd', id: 'abc' }), true);
    assert.equal(shownThroughDocker(snapshot, { runtime: 'containerd', id: 'zzz' }), false);
    assert.equal(
      shownThroughDocker(snapshot, { runtime: 'containerd', id: 'new' }),
      false,
      'not yet in the snapshot: read it',
    );
    assert.equal(
      shownThroughDocker(snapshot, { runtime: 'docker', id: 'abc' }),
      false,
      'Docker’s own event is always applied',
    );
    assert.equal(shownThroughDocker(undefined, { runtime: 'containerd', id: 'abc' }), false);
  });
});

describe('CLI tree rendering', () => {
  it('escapes terminal control sequences from engine data', () => {
    assert.equal(terminalSafe('evil\u001b[2Jname\nnext'), 'evil\\x1b[2Jname\\x0anext');
  });

  it('renders a hostile name on one line, as text', () => {
    const text = renderSnapshotTree({
      takenAt: '',
      host: { cgroupVersion: '2', namespaces: { self: {}, pid1: {} }, isRoot: false },
      runtimes: [{ kind: 'docker', endpoint: 'unix:///x', status: { state: 'ok' }, chain: [] }],
      containers: [container({ id: 'a', name: 'x\u001b]0;pwned\u0007', state: 'exited', pid: undefined })],
    });
    assert.ok(!text.includes('\u001b'), 'no escape character reaches the terminal');
    assert.match(text, /x\\x1b\]0;pwned\\x07/);
  });
});

describe('Snapshotter: host facts of the last full read', () => {
  /** A FAKE Docker with one running container, PID 5001 of the cgroup v2 fixture. */
  function fixtureDocker(): EngineSource {
    const row = () =>
      container({
        id: IDS.v2Docker,
        name: 'web',
        key: `docker::${IDS.v2Docker}`,
        runtime: 'docker',
        state: 'running',
        pid: 5001,
      });
    return {
      kind: 'docker',
      id: 'docker',
      endpoint: 'unix:///fake/docker.sock',
      read: async () => ({
        runtime: { kind: 'docker', endpoint: 'unix:///fake/docker.sock', status: { state: 'ok' }, chain: [] },
        containers: [row()],
      }),
      readOne: async (): Promise<SingleContainerReading> => ({ state: 'found', container: row() }),
      dispose: () => undefined,
    };
  }

  it('the cgroup mounts are read once for many snapshots and re-reads, and again after the user’s Refresh', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-hostfacts-'));
    try {
      const { procRoot, fsRoot } = fixture('cgroup-v2');
      fs.cpSync(path.dirname(procRoot), base, { recursive: true });
      const tmpProc = path.join(base, 'proc');
      const snapshotter = new Snapshotter({
        sources: [fixtureDocker()],
        procRoot: tmpProc,
        fsRoot: path.join(base, path.basename(fsRoot)),
      });
      const first = await snapshotter.take();
      assert.ok(first.containers[0].cgroup?.memory, 'the full read found the memory controller');
      // /proc/self/mountinfo now says nothing of cgroupfs: only a read of it would notice.
      fs.writeFileSync(path.join(tmpProc, 'self', 'mountinfo'), '');
      const refreshed = await snapshotter.refreshContainer(first, 'docker', IDS.v2Docker);
      assert.deepEqual(refreshed.containers[0].cgroup?.memory, first.containers[0].cgroup?.memory);
      const second = await snapshotter.take();
      assert.deepEqual(second.containers[0].cgroup?.memory, first.containers[0].cgroup?.memory, 'kept for the TTL');
      snapshotter.forgetAll();
      const again = await snapshotter.take();
      assert.equal(again.containers[0].cgroup?.memory, undefined, 'after Refresh mountinfo is read again');
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
