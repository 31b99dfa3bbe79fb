// A kept PID that no longer is the container's (issue 11 items 4 and 12), reproduced with a FAKE
// dockerd (node:http on a unix socket or TCP) and a FIXTURE /proc written in a temp folder: the
// container's init PID changes from 1000 to 2000 without an event (the watch was stopped while the
// views were hidden), and /proc/1000 is gone. The truth each test compares against is the fixture
// it wrote: which PID exists and the namespace inodes its links name.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDockerSource, type DockerSource } from '../../../src/core/runtimes/docker';
import { formatEventTime } from '../../../src/core/runtimes/shared/watch';
import { Snapshotter } from '../../../src/core/snapshot/snapshotter';
import { fixture } from '../kernel/kernelFixtures';
import { FakeEngine } from '../runtimes/helpers/fakeDocker';

const ID = 'feedface'.repeat(8);
const NET_INODE = { 1000: 4026530001, 2000: 4026530002 } as const;

/** `<tmp>/proc` with self (this fixture's mounts) and the given PIDs, each in the container's cgroup. */
function procTree(base: string, pids: (keyof typeof NET_INODE | number)[], cgroupOf = (_pid: number) => ID): string {
  const procRoot = path.join(base, 'proc');
  const v2 = fixture('cgroup-v2').procRoot;
  fs.mkdirSync(path.join(procRoot, 'self'), { recursive: true });
  for (const f of ['mountinfo', 'cgroup']) fs.copyFileSync(path.join(v2, 'self', f), path.join(procRoot, 'self', f));
  for (const pid of pids) {
    fs.mkdirSync(path.join(procRoot, String(pid), 'ns'), { recursive: true });
    fs.writeFileSync(path.join(procRoot, String(pid), 'cgroup'), `0::/system.slice/docker-${cgroupOf(pid)}.scope\n`);
    const inode = NET_INODE[pid as keyof typeof NET_INODE] ?? 4026539999;
    fs.symlinkSync(`net:[${inode}]`, path.join(procRoot, String(pid), 'ns', 'net'));
  }
  return procRoot;
}

function dockerFake(engine: FakeEngine, ids: string[], pidOf: (id: string) => number): void {
  engine.json('/version', { Version: '20.10.0', ApiVersion: '1.41', Components: [] });
  engine.json('/info', {});
  engine.routes.set('/containers/json', (req, res) => {
    const filters = new URL(req.url ?? '', 'http://x').searchParams.get('filters');
    const only = filters ? (JSON.parse(filters) as { id: string[] }).id : ids;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(
        ids
          .filter((id) => only.includes(id))
          .map((id) => ({ Id: id, Names: [`/anatomy-eng-${id.slice(0, 4)}`], Image: 'x', State: 'running' })),
      ),
    );
  });
  for (const id of ids)
    engine.routes.set(`/containers/${id}/json`, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ Id: id, Name: `/anatomy-eng-${id.slice(0, 4)}`, State: { Pid: pidOf(id), Running: true } }),
      );
    });
}

describe('a restarted Docker container’s PID (FAKE engine, FIXTURE /proc)', function () {
  this.timeout(10_000);
  let dir: string;
  let engine: FakeEngine;
  let docker: DockerSource;
  let pid = 1000;
  const fsRoot = fixture('cgroup-v2').fsRoot;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-eng-stale-'));
    engine = new FakeEngine(path.join(dir, 'docker.sock'));
    pid = 1000;
    dockerFake(engine, [ID], () => pid);
    await engine.listen();
    docker = createDockerSource({ env: { DOCKER_HOST: `unix://${engine.socketPath}` } });
  });

  afterEach(async () => {
    docker.dispose();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const restart = (procRoot: string): void => {
    pid = 2000;
    fs.rmSync(path.join(procRoot, '1000'), { recursive: true });
  };

  it('a kept PID whose /proc entry is gone is not the container’s: the engine is asked again', async () => {
    const procRoot = procTree(dir, [1000, 2000]);
    const snapshotter = new Snapshotter({ sources: [docker], procRoot, fsRoot });
    assert.equal((await snapshotter.take()).containers[0].pid, 1000);
    restart(procRoot);
    const after = (await snapshotter.take()).containers[0];
    assert.equal(after.pid, 2000);
    const net = after.namespaces?.entries.find((e) => e.kind === 'net');
    assert.deepEqual(net?.read, { state: 'ok', inode: NET_INODE[2000] });
  });

  it('the user’s Refresh (take fresh) inspects again instead of trusting the kept answer', async () => {
    const procRoot = procTree(dir, [1000]);
    const snapshotter = new Snapshotter({ sources: [docker], procRoot, fsRoot });
    await snapshotter.take();
    await snapshotter.take();
    assert.equal(engine.count(new RegExp(`^/containers/${ID}/json$`)), 1, 'kept between plain reads');
    await snapshotter.take(undefined, { fresh: true });
    assert.equal(engine.count(new RegExp(`^/containers/${ID}/json$`)), 2, 'asked again on Refresh');
  });

  it('stopping the watch forgets the kept answers: the next read inspects again', async () => {
    engine.routes.set('/events', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('\n');
    });
    const procRoot = procTree(dir, [1000]);
    const snapshotter = new Snapshotter({ sources: [docker], procRoot, fsRoot });
    let connected = false;
    const watch = docker.watch(
      () => undefined,
      (s) => (connected ||= s.state === 'connected'),
    );
    while (!connected) await new Promise((r) => setTimeout(r, 10));
    await snapshotter.take();
    watch.dispose();
    await snapshotter.take();
    assert.equal(engine.count(new RegExp(`^/containers/${ID}/json$`)), 2);
  });

  it('a new watch resumes with since= the last event the previous one delivered', async () => {
    const timeNano = 1_700_000_000_123_456_789n;
    const urls: string[] = [];
    engine.routes.set('/events', (req, res) => {
      urls.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (urls.length === 1)
        res.write(`{"Type":"container","Action":"start","id":"${ID}","time":1700000000,"timeNano":${timeNano}}\n`);
      else res.write('\n');
    });
    const events: string[] = [];
    const first = docker.watch(
      (e) => events.push(e.action),
      () => undefined,
    );
    while (events.length === 0) await new Promise((r) => setTimeout(r, 10));
    first.dispose();
    const second = docker.watch(
      () => undefined,
      () => undefined,
    );
    while (urls.length < 2) await new Promise((r) => setTimeout(r, 10));
    second.dispose();
    assert.doesNotMatch(urls[0], /since=/);
    assert.equal(new URL(urls[1], 'http://x').searchParams.get('since'), formatEventTime(timeNano));
  });
});

describe('remote Docker over tcp:// whose PIDs are not on this kernel (FAKE engine on TCP)', function () {
  this.timeout(10_000);
  const ids = ['a', 'b', 'c'].map((x) => x.repeat(64));
  const remotePid = (id: string): number => 7000 + ids.indexOf(id);
  let dir: string;
  let engine: FakeEngine;
  let docker: DockerSource;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-eng-remote-'));
    engine = new FakeEngine('', 0);
    dockerFake(engine, ids, remotePid);
    await engine.listen();
    docker = createDockerSource({ env: { DOCKER_HOST: `tcp://127.0.0.1:${engine.port}` } });
  });

  after(async () => {
    docker.dispose();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks about each stale PID once, not on every snapshot, and says why there is no detail', async () => {
    // PID 7000 exists here but runs something else; 7001 and 7002 do not exist on this kernel.
    const procRoot = procTree(dir, [7000], () => 'deadbeef'.repeat(8));
    const snapshotter = new Snapshotter({ sources: [docker], procRoot, fsRoot: fixture('cgroup-v2').fsRoot });
    const inspects = (): number => engine.count(/^\/containers\/[a-c]{64}\/json$/);
    const first = await snapshotter.take();
    const afterFirst = inspects();
    assert.equal(afterFirst, 6, 'one inspect per container, then one re-read each');
    await snapshotter.take();
    await snapshotter.take();
    assert.equal(inspects(), afterFirst, 'no engine request for PIDs already found stale');
    for (const c of first.containers) {
      assert.equal(c.pid, undefined);
      assert.match(c.kernelDetailNote ?? '', /PID 700\d/);
    }
    assert.match(first.containers.find((c) => c.id === ids[0])?.kernelDetailNote ?? '', /does not belong/);
    assert.match(first.containers.find((c) => c.id === ids[1])?.kernelDetailNote ?? '', /no longer exists/);
    await snapshotter.take(undefined, { fresh: true });
    assert.ok(inspects() > afterFirst, 'the user’s Refresh asks again');
  });
});
