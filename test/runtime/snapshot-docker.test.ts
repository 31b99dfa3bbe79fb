import * as assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { ContainerInfo, HostSnapshot, NamespaceKind } from '../../src/core/model';
import { NAMESPACE_KINDS } from '../../src/core/model';
import { createDockerSource } from '../../src/core/runtimes/docker';
import type { EngineSource } from '../../src/core/snapshot/engineSource';
import { Snapshotter } from '../../src/core/snapshot/snapshotter';
import { repoRoot } from '../support/repoRoot';
import { dockerId, dockerPid, requireSocket, run } from './support/engines';

/**
 * The snapshot against the real dockerd and the containers scripts/engines/setup.sh creates. Ground
 * truth is read here, independently: PIDs from `docker inspect`, inodes with readlink of /proc, limits
 * as the set-up asked for them (--memory 64m --cpus 0.5 --pids-limit 50).
 */

function inode(pid: number | 'self', kind: NamespaceKind): number {
  const link = readlinkSync(`/proc/${pid}/ns/${kind}`);
  return Number(/\[(\d+)\]/.exec(link)![1]);
}

/** A busybox `sleep 300` started with `docker run -d`, labelled as the tests' own; returns its id. */
function startSleeper(name: string): Promise<string> {
  return run('docker', [
    'run',
    '-d',
    '--name',
    name,
    '--label',
    'anatomy.test=1',
    'anatomy-busybox:latest',
    'sleep',
    '300',
  ]);
}

function byName(snapshot: HostSnapshot, name: string): ContainerInfo {
  const found = snapshot.containers.find((c) => c.runtime === 'docker' && c.name === name);
  assert.ok(found, `${name} is in the snapshot`);
  return found;
}

function verdictOf(c: ContainerInfo, kind: NamespaceKind) {
  const entry = c.namespaces?.entries.find((e) => e.kind === kind);
  assert.ok(entry, `${c.name} has a ${kind} entry`);
  return entry;
}

/** Counts what the snapshot asks of the engine, to prove a refresh re-reads one container only. */
class CountingSource implements EngineSource {
  readonly kind;
  readonly id;
  readonly endpoint;
  reads = 0;
  readOnes: string[] = [];
  constructor(private readonly inner: EngineSource) {
    this.kind = inner.kind;
    this.id = inner.id;
    this.endpoint = inner.endpoint;
  }
  read(signal?: AbortSignal) {
    this.reads++;
    return this.inner.read(signal);
  }
  readOne(id: string, options?: { namespace?: string; signal?: AbortSignal }) {
    this.readOnes.push(id);
    return this.inner.readOne(id, options);
  }
  forget(id: string) {
    this.inner.forget?.(id);
  }
  dispose() {
    this.inner.dispose();
  }
}

describe('HostSnapshot of the real Docker engine', function () {
  this.timeout(60_000);
  let snapshot: HostSnapshot;

  before(async function () {
    requireSocket(this, '/var/run/docker.sock', 'dockerd');
    snapshot = await new Snapshotter({ sources: [createDockerSource({ env: {} })], withUsage: true }).take();
  });

  it('reaches dockerd and reports its chain down to runc', async () => {
    const docker = snapshot.runtimes.find((r) => r.kind === 'docker');
    assert.deepEqual(docker?.status, { state: 'ok' });
    assert.equal(docker?.version, await run('docker', ['version', '-f', '{{.Server.Version}}']));
    assert.deepEqual(
      docker?.chain.map((l) => l.name),
      ['dockerd', 'containerd', 'runc'],
    );
    assert.equal(docker?.cgroupDriver, await run('docker', ['info', '-f', '{{.CgroupDriver}}']));
  });

  it('lists every container docker lists, once', async () => {
    const ids = (await run('docker', ['ps', '-a', '-q', '--no-trunc'])).split('\n').filter(Boolean).sort();
    const mine = snapshot.containers
      .filter((c) => c.runtime === 'docker')
      .map((c) => c.id)
      .sort();
    assert.deepEqual(mine, ids);
  });

  it('gives each running container its PID and the kernel’s eight namespace inodes', async () => {
    for (const name of [
      'anatomy-limits',
      'anatomy-hostnet',
      'anatomy-hostpid',
      'anatomy-netowner',
      'anatomy-netjoiner',
    ]) {
      const c = byName(snapshot, name);
      const pid = await dockerPid(name);
      assert.equal(c.pid, pid, `${name} PID`);
      for (const kind of NAMESPACE_KINDS) {
        const entry = verdictOf(c, kind);
        assert.deepEqual(entry.read, { state: 'ok', inode: inode(pid, kind) }, `${name} ${kind} inode`);
      }
    }
  });

  it('says which namespaces are shared with the host', () => {
    const hostnet = byName(snapshot, 'anatomy-hostnet');
    assert.equal(verdictOf(hostnet, 'net').verdict.kind, 'host');
    assert.deepEqual(verdictOf(hostnet, 'net').read, { state: 'ok', inode: inode('self', 'net') });
    assert.equal(verdictOf(hostnet, 'pid').verdict.kind, 'isolated');
    const hostpid = byName(snapshot, 'anatomy-hostpid');
    assert.equal(verdictOf(hostpid, 'pid').verdict.kind, 'host');
    assert.equal(verdictOf(hostpid, 'net').verdict.kind, 'isolated');
    // Without user-namespace remapping every container shares the host's user namespace.
    assert.equal(verdictOf(byName(snapshot, 'anatomy-limits'), 'user').verdict.kind, 'host');
    assert.equal(verdictOf(byName(snapshot, 'anatomy-limits'), 'net').verdict.kind, 'isolated');
  });

  it('says which namespaces are shared with which container', () => {
    const owner = byName(snapshot, 'anatomy-netowner');
    const joiner = byName(snapshot, 'anatomy-netjoiner');
    assert.equal(inode(owner.pid!, 'net'), inode(joiner.pid!, 'net'), 'ground truth: they share a net namespace');
    assert.deepEqual(verdictOf(joiner, 'net').verdict, { kind: 'shared', withKeys: [owner.key] });
    assert.deepEqual(verdictOf(owner, 'net').verdict, { kind: 'shared', withKeys: [joiner.key] });
    assert.equal(verdictOf(joiner, 'pid').verdict.kind, 'isolated');
    const ipcOwner = byName(snapshot, 'anatomy-ipcowner');
    const ipcJoiner = byName(snapshot, 'anatomy-ipcjoiner');
    assert.deepEqual(verdictOf(ipcJoiner, 'ipc').verdict, { kind: 'shared', withKeys: [ipcOwner.key] });
    assert.equal(verdictOf(ipcJoiner, 'net').verdict.kind, 'isolated');
  });

  it('reads the limits the set-up asked for, and unlimited as unlimited', async () => {
    const limited = byName(snapshot, 'anatomy-limits');
    const id = await dockerId('anatomy-limits');
    assert.ok(limited.cgroup?.path.includes(id), `cgroup path ${limited.cgroup?.path} names the container`);
    assert.equal(limited.cgroup?.memory?.limitBytes, 64 * 1024 * 1024);
    assert.equal(limited.cgroup?.cpu?.cpus, 0.5);
    assert.equal(limited.cgroup?.pids?.limit, 50);
    assert.ok((limited.cgroup?.memory?.usageBytes ?? 0) > 0, 'memory usage read');
    assert.ok((limited.cgroup?.pids?.current ?? 0) >= 1, 'pids usage read');
    const open = byName(snapshot, 'anatomy-hostnet');
    assert.equal(open.cgroup?.memory?.limitBytes, null);
    assert.equal(open.cgroup?.cpu?.cpus, null);
    assert.equal(open.cgroup?.pids?.limit, null);
  });

  it('shows a stopped container without kernel detail', () => {
    const stopped = byName(snapshot, 'anatomy-stopped');
    assert.equal(stopped.state, 'exited');
    assert.equal(stopped.pid, undefined);
    assert.equal(stopped.namespaces, undefined);
  });

  it('after an event re-reads only the container concerned', async () => {
    const source = new CountingSource(createDockerSource({ env: {} }));
    const snapshotter = new Snapshotter({ sources: [source] });
    const before = await snapshotter.take();
    const name = `anatomy-refresh-${process.pid}`;
    const id = await startSleeper(name);
    try {
      const after = await snapshotter.refreshContainer(before, 'docker', id);
      assert.equal(source.reads, 1, 'no second full read');
      assert.deepEqual(source.readOnes, [id]);
      const fresh = after.containers.find((c) => c.id === id);
      assert.ok(fresh, 'the new container is in the refreshed snapshot');
      const pid = await dockerPid(name);
      assert.equal(fresh.pid, pid);
      assert.deepEqual(verdictOf(fresh, 'net').read, { state: 'ok', inode: inode(pid, 'net') });
      assert.equal(after.containers.length, before.containers.length + 1);
      // The others kept what they had.
      const limitedBefore = before.containers.find((c) => c.name === 'anatomy-limits');
      const limitedAfter = after.containers.find((c) => c.name === 'anatomy-limits');
      assert.deepEqual(limitedAfter?.cgroup, limitedBefore?.cgroup);
    } finally {
      await run('docker', ['rm', '-f', name]);
    }
  });

  it('a container restarted while no watch ran shows its new PID on the next snapshot (issue 11.4)', async () => {
    const docker = createDockerSource({ env: {} });
    const snapshotter = new Snapshotter({ sources: [docker] });
    const name = `anatomy-eng-restart-${process.pid}`;
    await startSleeper(name);
    try {
      const first = byName(await snapshotter.take(), name);
      assert.equal(first.pid, await dockerPid(name));
      await run('docker', ['restart', '-t', '0', name]);
      const pid = await dockerPid(name);
      assert.notEqual(pid, first.pid);
      const again = byName(await snapshotter.take(), name);
      assert.equal(again.pid, pid, 'the PID docker inspect gives now');
      assert.deepEqual(verdictOf(again, 'net').read, { state: 'ok', inode: inode(pid, 'net') });
    } finally {
      docker.dispose();
      await run('docker', ['rm', '-f', name]);
    }
  });

  it('readOne by full id and by name give the container docker inspect describes', async () => {
    const source = createDockerSource({ env: {} });
    await source.read();
    const [id, pid, image] = (
      await run('docker', ['inspect', '-f', '{{.Id}} {{.State.Pid}} {{.Config.Image}}', 'anatomy-limits'])
    ).split(' ');
    for (const ref of [id, 'anatomy-limits']) {
      const one = await source.readOne(ref);
      assert.equal(one.state, 'found', `${ref}: ${JSON.stringify(one)}`);
      if (one.state !== 'found') continue;
      assert.equal(one.container.id, id, ref);
      assert.equal(one.container.name, 'anatomy-limits', ref);
      assert.equal(one.container.image, image, ref);
      assert.equal(one.container.pid, Number(pid), ref);
    }
    assert.deepEqual(await source.readOne('0'.repeat(64)), { state: 'gone' });
  });

  it('a changed limit shows after the container’s event refresh and after a fresh full read', async () => {
    const snapshotter = new Snapshotter({ sources: [createDockerSource({ env: {} })] });
    const first = await snapshotter.take();
    const id = await dockerId('anatomy-limits');
    await run('docker', ['update', '--memory', '48m', 'anatomy-limits']);
    try {
      // What the feed does on the `update` event: re-read that container, kernel files included.
      const refreshed = await snapshotter.refreshContainer(first, 'docker', id);
      assert.equal(byName(refreshed, 'anatomy-limits').cgroup?.memory?.limitBytes, 48 * 1024 * 1024);
      await run('docker', ['update', '--memory', '40m', 'anatomy-limits']);
      const fresh = await snapshotter.take(undefined, { fresh: true });
      assert.equal(byName(fresh, 'anatomy-limits').cgroup?.memory?.limitBytes, 40 * 1024 * 1024);
    } finally {
      await run('docker', ['update', '--memory', '64m', 'anatomy-limits']);
    }
  });

  it('the CLI prints the containers with their verdicts and limits, and exits 0', async () => {
    const { code, stdout } = await cli([]);
    assert.equal(code, 0);
    assert.match(stdout, /anatomy-netjoiner .*\n(.*\n)*?\s+net\s+\[\d+\] shared with anatomy-netowner/);
    assert.match(stdout, /anatomy-hostnet [\s\S]*?net\s+\[\d+\] shared with host/);
    assert.match(stdout, /anatomy-limits [\s\S]*?memory (\d+(\.\d)? [KM]iB \/ )?64 MiB\n\s+cpu 0\.5 CPU\b/);
    const json = JSON.parse((await cli(['--json'])).stdout) as HostSnapshot;
    assert.ok(json.containers.some((c) => c.name === 'anatomy-limits' && c.cgroup?.pids?.limit === 50));
  });

  it('the CLI exits 1 with the reason when no engine answers', async () => {
    const { code, stdout } = await cli(['--engine', 'docker'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    assert.equal(code, 1);
    assert.match(stdout, /Docker \(unix:\/\/\/nonexistent\/docker\.sock\): missing/);
  });
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot(), 'dist', 'cli.js'), ...args],
      // --json for a host with a few hundred containers (a bench run alongside) passes execFile's 1 MiB default.
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout });
      },
    );
  });
}
