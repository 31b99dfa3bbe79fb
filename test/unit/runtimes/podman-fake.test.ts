// The Podman source against FAKES: a stand-in `podman` executable (a small sh script in a temp
// folder) that prints invalid JSON, hangs, or exits 125; and a stand-in libpod socket (node:http on
// a unix socket) that answers garbage or a Docker-like ping. Every case must end as a clear status
// value, within its deadline, with the child killed; the socket must only ever see GET.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContainerEvent, EngineWatchStatus } from '../../../src/core/snapshot/engineSource';
import { createPodmanSource, runPodman } from '../../../src/core/runtimes/podman';
import { repoRoot } from '../../support/repoRoot';

const FIX = path.join(repoRoot(), 'test', 'fixtures', 'podman');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, cond: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

class FakeLibpod {
  readonly requests: { method: string; url: string }[] = [];
  readonly routes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>();
  libpodHeader = true;
  private readonly server: http.Server;
  constructor(readonly socketPath: string) {
    this.server = http.createServer((req, res) => {
      this.requests.push({ method: req.method ?? '', url: req.url ?? '' });
      const bare = (req.url ?? '').replace(/^\/v[\d.]+\/libpod/, '').replace(/\?.*$/, '');
      if (bare === '/_ping') {
        if (this.libpodHeader) res.setHeader('Libpod-API-Version', '4.3.1');
        res.setHeader('Api-Version', '1.41');
        res.end('OK');
        return;
      }
      const h = this.routes.get(bare);
      if (h) h(req, res);
      else {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ cause: 'no such container', message: `no such container: ${bare}`, response: 404 }));
      }
    });
  }
  file(route: string, fixture: string): void {
    this.routes.set(route, (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(fs.readFileSync(path.join(FIX, fixture)));
    });
  }
  listen(): Promise<void> {
    return new Promise((r) => this.server.listen(this.socketPath, r));
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('Podman source against a FAKE podman CLI and a FAKE libpod socket', function () {
  this.timeout(15_000);
  let dir: string;
  const noSocket = (): string => path.join(dir, 'absent.sock');

  /** Writes an executable stand-in for podman and returns its path. */
  function fakePodman(name: string, body: string): string {
    const p = path.join(dir, name);
    fs.writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return p;
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podman-fake-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('CLI', () => {
    it('reads the fixtures through a well-behaved fake CLI, with argument arrays and no shell', async () => {
      const log = path.join(dir, 'args.log');
      const cliPath = fakePodman(
        'podman-good',
        `printf '%s\\n' "$*" >> "$LOG"
case "$1" in
  info) cat "$FIX/cli-info.json";;
  ps) cat "$FIX/cli-ps.json";;
  pod) cat "$FIX/cli-pod-ps.json";;
  inspect) cat "$FIX/cli-inspect.json";;
  *) echo "Error: unknown command $1" >&2; exit 125;;
esac`,
      );
      const src = createPodmanSource({
        kind: 'podman',
        uid: 0,
        socketPath: noSocket(),
        cliPath,
        env: { ...process.env, FIX, LOG: log },
      });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'ok', JSON.stringify(r.runtime.status));
      assert.equal(r.runtime.endpoint, `cli:${cliPath}`);
      assert.equal(r.runtime.version, '4.3.1');
      assert.deepEqual(
        r.runtime.chain.map((l) => l.name),
        ['podman', 'conmon', 'runc'],
      );
      assert.equal(r.containers.length, 5);
      const a = r.containers.find((c) => c.name === 'anatomy-pod-a');
      assert.equal(a?.pod?.name, 'anatomy-pod');
      assert.match(a?.requestedModes?.net ?? '', /^container:[0-9a-f]{64}$/);
      const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
      assert.ok(calls.includes('ps -a --ns --no-trunc --format json'), calls.join(' | '));
      assert.ok(calls.includes('pod ps --no-trunc --format json'));
      assert.ok(calls.includes('info --format json'));
      assert.ok(calls.some((c) => c.startsWith('inspect --type container ')));
      // A second read reuses the cached info and inspects only the ids the fixture's inspect lacked.
      fs.writeFileSync(log, '');
      await src.read();
      const inspected = (
        JSON.parse(fs.readFileSync(path.join(FIX, 'cli-inspect.json'), 'utf8')) as { Id: string }[]
      ).map((x) => x.Id);
      const missing = r.containers.map((c) => c.id).filter((id) => !inspected.includes(id));
      assert.equal(missing.length, 2);
      assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n').sort(), [
        `inspect --type container ${missing.join(' ')}`,
        'pod ps --no-trunc --format json',
        'ps -a --ns --no-trunc --format json',
      ]);
      // An id with shell syntax reaches podman as one verbatim argument.
      const marker = path.join(dir, 'pwned');
      const one = await src.readOne(`x; touch ${marker}`);
      assert.equal(fs.existsSync(marker), false);
      assert.ok(fs.readFileSync(log, 'utf8').includes(`inspect --type container x; touch ${marker}`));
      assert.equal(one.state, 'found'); // the fake prints its fixture whatever the id
    });

    it('invalid JSON → status error naming it, nothing thrown', async () => {
      const cliPath = fakePodman('podman-garbage', `echo '[{"Id": "abc", '`);
      const src = createPodmanSource({ kind: 'podman', uid: 0, socketPath: noSocket(), cliPath });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'error');
      assert.match(r.runtime.status.state === 'error' ? r.runtime.status.detail : '', /invalid JSON/);
      assert.match(r.runtime.status.state === 'error' ? r.runtime.status.detail : '', /absent\.sock/); // says the socket was tried too
      assert.deepEqual(r.containers, []);
    });

    it('exit 125 with a message → status error carrying the message; readOne of a missing id → gone', async () => {
      const cliPath = fakePodman('podman-125', `echo 'Error: no such container nope' >&2; exit 125`);
      const src = createPodmanSource({ kind: 'podman', uid: 0, socketPath: noSocket(), cliPath, preferCli: true });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'error');
      assert.match(
        r.runtime.status.state === 'error' ? r.runtime.status.detail : '',
        /status 125: Error: no such container nope/,
      );
      assert.deepEqual(await src.readOne('nope'), { state: 'gone' });
    });

    it('a hang → timeout status within timeout + slack, and the child is killed', async () => {
      const pidFile = path.join(dir, 'hang.pid');
      const cliPath = fakePodman('podman-hang', `echo $$ >> "${pidFile}"; exec sleep 1000`);
      const src = createPodmanSource({ kind: 'podman', uid: 0, socketPath: noSocket(), cliPath, timeoutMs: 400 });
      const t0 = Date.now();
      const r = await src.read();
      const took = Date.now() - t0;
      assert.equal(r.runtime.status.state, 'timeout', JSON.stringify(r.runtime.status));
      assert.ok(took < 400 + 1500, `took ${took} ms`);
      const pids = fs.readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
      assert.equal(pids.length, 3); // info, ps, pod ps ran in parallel
      await waitFor('hung children to die', () => pids.every((p) => !alive(p)));
    });

    it('a hang whose grandchild keeps stdout open still ends at the guard deadline', async () => {
      const pidFile = path.join(dir, 'grandchild.pid');
      const cliPath = fakePodman('podman-hang2', `sleep 1000 & echo $! > "${pidFile}"; wait`);
      const t0 = Date.now();
      const r = await runPodman({ cliPath }, ['ps'], { timeoutMs: 300 });
      const took = Date.now() - t0;
      try {
        assert.equal(r.ok, false);
        assert.equal(r.ok ? '' : r.error.kind, 'timeout');
        assert.ok(took < 300 + 1500, `took ${took} ms`);
      } finally {
        const gc = Number(fs.readFileSync(pidFile, 'utf8'));
        if (gc > 0 && alive(gc)) process.kill(gc, 'SIGKILL');
      }
    });

    it('honours an AbortSignal: a hung CLI is killed and the read returns at once', async () => {
      const pidFile = path.join(dir, 'abort.pid');
      const cliPath = fakePodman('podman-hang3', `echo $$ >> "${pidFile}"; exec sleep 1000`);
      const src = createPodmanSource({ kind: 'podman', uid: 0, socketPath: noSocket(), cliPath, timeoutMs: 10_000 });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 150);
      const t0 = Date.now();
      const r = await src.read(ac.signal);
      assert.ok(Date.now() - t0 < 1500);
      assert.equal(r.runtime.status.state, 'error');
      assert.match(r.runtime.status.state === 'error' ? r.runtime.status.detail : '', /cancelled/);
      const pids = fs.readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
      await waitFor('aborted children to die', () => pids.every((p) => !alive(p)));
    });

    it('a missing binary → status missing', async () => {
      const src = createPodmanSource({
        kind: 'podman',
        uid: 0,
        socketPath: noSocket(),
        cliPath: path.join(dir, 'no-such-podman'),
      });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'missing', JSON.stringify(r.runtime.status));
    });

    it('rootful as a non-root user: no CLI fallback (it would show rootless containers); says so', async () => {
      const src = createPodmanSource({ kind: 'podman', uid: 1000, socketPath: noSocket(), cliPath: '/bin/false' });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'missing');
      assert.match(r.runtime.status.state === 'missing' ? r.runtime.status.detail : '', /rootless containers/);
    });

    it('CLI events: a long-lived child whose lines become events; killed on dispose', async () => {
      const pidFile = path.join(dir, 'events.pid');
      const cliPath = fakePodman(
        'podman-events',
        `echo $$ > "${pidFile}"; cat "$FIX/cli-events.ndjson"; exec sleep 1000`,
      );
      const src = createPodmanSource({
        kind: 'podman',
        uid: 0,
        socketPath: noSocket(),
        cliPath,
        env: { ...process.env, FIX },
      });
      const events: ContainerEvent[] = [];
      const statuses: EngineWatchStatus[] = [];
      const w = src.watch(
        (e) => events.push(e),
        (s) => statuses.push(s),
      );
      await waitFor('5 events', () => events.length >= 5);
      assert.deepEqual(
        events.map((e) => e.action),
        ['create', 'init', 'start', 'died', 'remove'],
      );
      assert.ok(events.every((e) => e.runtime === 'podman' && /^[0-9a-f]{64}$/.test(e.id)));
      assert.ok(
        events.every((e) => e.sourceId === src.id),
        'events name the source that saw them',
      );
      assert.equal(statuses[0]?.state, 'connected');
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      assert.ok(alive(pid));
      w.dispose();
      await waitFor('events child to die', () => !alive(pid));
    });

    it('CLI events: the child dies with its parent even when nothing disposes it', async () => {
      const pidFile = path.join(dir, 'orphan.pid');
      const cliPath = fakePodman('podman-events-orphan', `echo $$ > "${pidFile}"; exec sleep 1000`);
      const owner = spawn(process.execPath, [path.join(__dirname, 'helpers', 'podman-events-owner.js'), cliPath], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      owner.stdout.on('data', (c: Buffer) => (out += c.toString()));
      try {
        await waitFor('the events child', () => out.includes('connected') && fs.existsSync(pidFile));
        await waitFor('its pid', () => fs.readFileSync(pidFile, 'utf8').trim() !== '');
        const pid = Number(fs.readFileSync(pidFile, 'utf8'));
        assert.ok(alive(pid));
        owner.kill('SIGKILL'); // the extension host dying: no dispose, no exit handlers
        await waitFor('the events child to die with its parent', () => !alive(pid), 3000);
      } finally {
        owner.kill('SIGKILL');
        if (fs.existsSync(pidFile)) {
          const pid = Number(fs.readFileSync(pidFile, 'utf8'));
          if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
        }
      }
    });

    it('CLI events: a child that exits is restarted with back-off and resumes with --since', async () => {
      const log = path.join(dir, 'events-args.log');
      const cliPath = fakePodman(
        'podman-events-exit',
        `printf '%s\\n' "$*" >> "${log}"; cat "$FIX/cli-events.ndjson"; echo 'Error: events log rotated' >&2; exit 1`,
      );
      const src = createPodmanSource({
        kind: 'podman',
        uid: 0,
        socketPath: noSocket(),
        cliPath,
        env: { ...process.env, FIX },
      });
      const events: ContainerEvent[] = [];
      const statuses: EngineWatchStatus[] = [];
      const w = src.watch(
        (e) => events.push(e),
        (s) => statuses.push(s),
      );
      try {
        await waitFor(
          'a restart',
          () => fs.existsSync(log) && fs.readFileSync(log, 'utf8').trim().split('\n').length >= 2,
        );
        const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
        assert.equal(calls[0], 'events --format json --filter type=container');
        assert.match(calls[1], /^events --format json --filter type=container --since \d+\.\d{9}$/);
        const down = statuses.find((s) => s.state === 'disconnected');
        assert.match(down && down.state === 'disconnected' ? down.reason : '', /events log rotated/);
        // The replay of the same 5 events is dropped except the last instant's duplicates.
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(events.length, 5);
      } finally {
        w.dispose();
      }
    });
  });

  describe('libpod socket', () => {
    let fake: FakeLibpod;
    let n = 0;
    beforeEach(async () => {
      fake = new FakeLibpod(path.join(dir, `libpod-${++n}.sock`));
      await fake.listen();
    });
    afterEach(async () => {
      await fake.close();
      assert.ok(
        fake.requests.every((r) => r.method === 'GET'),
        JSON.stringify(fake.requests),
      );
    });

    it('reads the API fixtures; only GET; modes from inspect, once per id', async () => {
      fake.file('/info', 'api-info.json');
      fake.file('/containers/json', 'api-containers.json');
      fake.file('/pods/json', 'api-pods.json');
      const a = JSON.parse(fs.readFileSync(path.join(FIX, 'api-inspect-pod-a.json'), 'utf8')) as { Id: string };
      fake.file(`/containers/${a.Id}/json`, 'api-inspect-pod-a.json');
      const src = createPodmanSource({ kind: 'podman', uid: 0, socketPath: fake.socketPath, cliPath: '/bin/false' });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'ok', JSON.stringify(r.runtime.status));
      assert.equal(r.runtime.endpoint, `unix://${fake.socketPath}`);
      assert.equal(r.runtime.apiVersion, '4.3.1');
      assert.equal(r.runtime.cgroupDriver, 'cgroupfs');
      assert.equal(r.runtime.cgroupVersion, '1');
      assert.equal(r.runtime.rootless, false);
      assert.equal(r.containers.length, 5);
      assert.ok(r.containers.find((c) => c.id === a.Id)?.requestedModes?.net?.startsWith('container:'));
      const list = fake.requests.find((q) => q.url.includes('/containers/json'));
      assert.equal(list?.url, '/v4.0.0/libpod/containers/json?all=true&namespace=true');
      const inspects = fake.requests.filter((q) => /\/containers\/[0-9a-f]{64}\/json/.test(q.url)).length;
      assert.equal(inspects, 5);
      await src.read();
      // pod-a's modes are cached; the four the fake answered 404 for are asked again.
      assert.equal(fake.requests.filter((q) => q.url === `/v4.0.0/libpod/containers/${a.Id}/json`).length, 1);
      assert.equal(fake.requests.filter((q) => /\/containers\/[0-9a-f]{64}\/json/.test(q.url)).length, 5 + 4);
      assert.deepEqual(await src.readOne('f'.repeat(64)), { state: 'gone' });
      src.dispose();
    });

    it('garbage from the socket → status error, no fallback to the CLI', async () => {
      fake.file('/info', 'api-info.json');
      fake.file('/pods/json', 'api-pods.json');
      fake.routes.set('/containers/json', (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('[{"Id": "3130b1a8 <html>oops');
      });
      const src = createPodmanSource({
        kind: 'podman',
        uid: 0,
        socketPath: fake.socketPath,
        cliPath: path.join(dir, 'must-not-run'),
      });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'error');
      assert.match(r.runtime.status.state === 'error' ? r.runtime.status.detail : '', /invalid JSON/);
      assert.equal(r.runtime.endpoint, `unix://${fake.socketPath}`);
      src.dispose();
    });

    it('a socket without Libpod-API-Version is Docker, not Podman', async () => {
      fake.libpodHeader = false;
      const src = createPodmanSource({
        kind: 'podman',
        uid: 0,
        socketPath: fake.socketPath,
        cliPath: path.join(dir, 'must-not-run'),
      });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'error');
      assert.match(r.runtime.status.state === 'error' ? r.runtime.status.detail : '', /not Podman/);
      src.dispose();
    });

    it('a rootless engine behind a rootful source is refused, not mixed in', async () => {
      fake.file('/info', 'api-info-rootless.json');
      fake.file('/containers/json', 'api-containers-rootless.json');
      fake.file('/pods/json', 'api-pods.json');
      const src = createPodmanSource({ kind: 'podman', uid: 0, socketPath: fake.socketPath, inspectModes: false });
      const r = await src.read();
      assert.equal(r.runtime.status.state, 'error');
      assert.match(r.runtime.status.state === 'error' ? r.runtime.status.detail : '', /is rootless Podman/);
      const rl = await createPodmanSource({
        kind: 'podman-rootless',
        uid: 0,
        socketPath: fake.socketPath,
        inspectModes: false,
      }).read();
      assert.equal(rl.runtime.status.state, 'ok');
      assert.equal(rl.runtime.rootless, true);
      assert.ok(rl.containers.every((c) => c.kernelDetailNote?.includes('cgroup v1')));
    });

    it('a server that never answers → timeout status within the deadline', async () => {
      fake.routes.set('/info', () => {
        /* never answers */
      });
      fake.file('/containers/json', 'api-containers.json');
      fake.file('/pods/json', 'api-pods.json');
      const src = createPodmanSource({ kind: 'podman', uid: 0, socketPath: fake.socketPath, timeoutMs: 300 });
      const t0 = Date.now();
      const r = await src.read();
      assert.ok(Date.now() - t0 < 1500);
      assert.equal(r.runtime.status.state, 'timeout');
      src.dispose();
    });

    it('events: split chunks become events; the stream reconnects with since= and drops replays', async () => {
      const lines = fs.readFileSync(path.join(FIX, 'api-events.ndjson'), 'utf8');
      let connections = 0;
      fake.routes.set('/events', (_q, res) => {
        connections++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        // Half a line per write; then the server ends the stream (engine restart).
        const mid = Math.floor(lines.length / 2) + 7;
        res.write(lines.slice(0, mid));
        setTimeout(() => res.end(lines.slice(mid)), 20);
      });
      const src = createPodmanSource({ kind: 'podman', uid: 0, socketPath: fake.socketPath });
      const events: ContainerEvent[] = [];
      const statuses: EngineWatchStatus[] = [];
      const w = src.watch(
        (e) => events.push(e),
        (s) => statuses.push(s),
      );
      try {
        await waitFor('a reconnect', () => connections >= 2);
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(
          events.map((e) => e.action),
          ['create', 'init', 'start', 'died', 'remove'],
        );
        const evUrls = fake.requests.filter((q) => q.url.includes('/events')).map((q) => q.url);
        assert.match(
          evUrls[0],
          /^\/v4\.0\.0\/libpod\/events\?stream=true&filters=%7B%22type%22%3A%5B%22container%22%5D%7D$/,
        );
        assert.match(evUrls[1], /since=\d+\.\d{9}/);
        assert.ok(
          statuses.some((s) => s.state === 'disconnected' && s.retryInMs !== undefined && s.retryInMs <= 10_000),
        );
      } finally {
        w.dispose();
        src.dispose();
      }
    });
  });
});
