// The client against a FAKE, hostile engine: a node:http server on a unix socket in a temp folder
// that answers garbage, truncated JSON, oversized bodies, errors, or nothing at all. Each case must
// come back as a clear status value; nothing may throw. The fake records every request so we can
// check the client only ever sends GET.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerClient, dockerEventConnector, type DockerEvent } from '../../../src/core/runtimes/docker';
import type { Timers } from '../../../src/core/runtimes/shared/timers';
import { EventWatch, formatEventTime } from '../../../src/core/runtimes/shared/watch';
import type { EngineWatchStatus } from '../../../src/core/snapshot/engineSource';
import { FakeEngine } from './helpers/fakeDocker';

const watchDockerEvents = (client: DockerClient, options: ConstructorParameters<typeof EventWatch<DockerEvent>>[1]) =>
  new EventWatch(dockerEventConnector(client), options);

describe('Docker client against a FAKE hostile engine (unix socket)', function () {
  this.timeout(15_000);
  let dir: string;
  let engine: FakeEngine;
  let client: DockerClient;
  const allRequests: { method: string; url: string }[] = [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-fake-engine-'));
    fs.chmodSync(dir, 0o755); // so the `nobody` child can reach the socket and be refused by its mode
    engine = new FakeEngine(path.join(dir, 'docker.sock'));
    await engine.listen();
    client = new DockerClient({ kind: 'unix', socketPath: engine.socketPath }, { timeoutMs: 2000 });
  });

  afterEach(async () => {
    allRequests.push(...engine.requests);
    client.dispose();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  after(() => {
    assert.ok(allRequests.length > 20, `the fake saw ${allRequests.length} requests`);
    assert.deepEqual(
      [...new Set(allRequests.map((r) => r.method))],
      ['GET'],
      'the client sent something other than GET',
    );
  });

  it('negotiates the API version from /_ping and uses it as the path prefix', async () => {
    engine.json('/containers/json', []);
    const ping = await client.ping();
    assert.ok(ping.ok);
    assert.equal(ping.value.apiVersion, '1.41');
    assert.ok((await client.listContainers()).ok);
    assert.equal(engine.requests.at(-1)?.url, '/v1.41/containers/json?all=1');
  });

  it('caps a newer engine at the client maximum, and pings lazily when nobody did', async () => {
    engine.apiVersionHeader = '1.99';
    engine.json('/info', { CgroupDriver: 'systemd' });
    const info = await client.info();
    assert.ok(info.ok);
    assert.deepEqual(
      engine.requests.map((r) => r.url),
      ['/_ping', '/v1.51/info'],
    );
  });

  it('assumes 1.24 when /_ping has no Api-Version header', async () => {
    engine.apiVersionHeader = undefined;
    const ping = await client.ping();
    assert.ok(ping.ok);
    assert.equal(ping.value.apiVersion, '1.24');
  });

  it('reports an engine below API 1.24 as too-old', async () => {
    engine.apiVersionHeader = '1.12';
    const list = await client.listContainers();
    assert.ok(!list.ok);
    assert.equal(list.error.kind, 'too-old');
    assert.match(list.error.detail, /1\.12/);
  });

  it('garbage bytes instead of HTTP → garbage', async () => {
    engine.routes.set('/containers/json', (req) => {
      req.socket.end('\x00\xff\x13 this is not HTTP at all\r\n\r\n');
    });
    const r = await client.listContainers();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'garbage');
  });

  it('truncated JSON → garbage with the parse error', async () => {
    engine.routes.set('/containers/json', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('[{"Id":"abc","Names":["/x"');
    });
    const r = await client.listContainers();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'garbage');
    assert.match(r.error.detail, /invalid JSON/);
  });

  it('a connection closed before Content-Length bytes arrived → garbage', async () => {
    engine.routes.set('/containers/json', (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('[{"Id":"abc"', () => req.socket.destroy());
    });
    const r = await client.listContainers();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'garbage');
  });

  it('valid JSON of the wrong shape → garbage naming the problem', async () => {
    engine.json('/containers/json', { message: 'not a list' });
    const r = await client.listContainers();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'garbage');
    assert.match(r.error.detail, /unexpected shape/);
  });

  it('HTTP 500 with a JSON message → http with status and message', async () => {
    engine.json('/containers/json', { message: 'engine exploded: out of cheese' }, 500);
    const r = await client.listContainers();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'http');
    assert.equal(r.error.status, 500);
    assert.match(r.error.detail, /out of cheese/);
  });

  it('a vanished container on inspect → http 404', async () => {
    const r = await client.inspect('gone');
    assert.ok(!r.ok);
    assert.equal(r.error.status, 404);
  });

  it('a 10 MB body with Content-Length → too-large before reading it, socket destroyed', async () => {
    let serverSocketClosed!: Promise<void>;
    engine.routes.set('/containers/json', (req, res) => {
      serverSocketClosed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      const body = Buffer.alloc(10 * 1024 * 1024, 0x20);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
      res.end(body);
    });
    const r = await client.listContainers();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'too-large');
    assert.match(r.error.detail, /response too large/);
    await serverSocketClosed;
  });

  it('a 10 MB chunked body → too-large once 8 MiB arrived, socket destroyed mid-body', async () => {
    let sent = 0;
    let serverSocketClosed!: Promise<void>;
    engine.routes.set('/containers/json', (req, res) => {
      serverSocketClosed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      res.writeHead(200, { 'Content-Type': 'application/json' }); // no length: chunked
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (sent < 10 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
    const r = await client.listContainers();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'too-large');
    await serverSocketClosed;
  });

  it('an engine that never answers → timeout within the configured timeout (+ slack)', async () => {
    engine.routes.set('/containers/json', () => {
      /* never answer */
    });
    const slow = new DockerClient(client.endpoint, { timeoutMs: 300 });
    assert.ok((await slow.ping()).ok);
    const t0 = performance.now();
    const r = await slow.listContainers();
    const elapsed = performance.now() - t0;
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'timeout');
    // The slack is for a loaded machine; the engine's default timeout (10 s) would be far past it.
    assert.ok(elapsed >= 290 && elapsed < 300 + 1500, `returned after ${elapsed.toFixed(0)} ms`);
  });

  it('an AbortSignal cancels a pending call promptly → aborted', async () => {
    engine.routes.set('/containers/json', () => {
      /* never answer */
    });
    assert.ok((await client.ping()).ok);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = performance.now();
    const r = await client.listContainers(ac.signal);
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'aborted');
    assert.ok(performance.now() - t0 < 1500, 'returned long before the 10 s timeout');
  });

  it('a missing socket path → missing', async () => {
    const gone = new DockerClient({ kind: 'unix', socketPath: path.join(dir, 'no-such.sock') });
    const r = await gone.ping();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'missing');
  });

  it('a plain file where the socket should be (nobody listening) → not-running', async () => {
    const stale = path.join(dir, 'stale.sock');
    fs.writeFileSync(stale, '');
    const r = await new DockerClient({ kind: 'unix', socketPath: stale }).ping();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'not-running');
  });

  it('a socket with mode 600, read by user nobody in a child process → denied', async function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can start a child as another user
    fs.chmodSync(engine.socketPath, 0o600);
    const probe = path.join(dir, 'denied-probe.js');
    fs.copyFileSync(path.join(__dirname, 'helpers', 'denied-probe.js'), probe);
    fs.chmodSync(probe, 0o644);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [probe, engine.socketPath],
        { uid: 65534, gid: 65534, cwd: dir, timeout: 10_000 },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      );
    });
    const result = JSON.parse(stdout) as { ok: boolean; error?: { kind: string; detail: string } };
    assert.equal(result.ok, false);
    assert.equal(result.error?.kind, 'denied', stdout);
    assert.match(result.error?.detail ?? '', /permission denied/);
  });

  it('inspects only containers with a process, at most `concurrency` at a time', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const ids = ['r1', 'r2', 'r3', 'p1', 'x1', 'c1'];
    for (const id of ids) {
      engine.routes.set(`/containers/${id}/json`, (_req, res) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(
            JSON.stringify({
              Id: id,
              Name: `/${id}`,
              State: { Pid: 100 + ids.indexOf(id), Running: true },
              HostConfig: { PidMode: 'host' },
            }),
          );
        }, 30);
      });
    }
    const states: Record<string, string> = {
      r1: 'running',
      r2: 'running',
      r3: 'restarting',
      p1: 'paused',
      x1: 'exited',
      c1: 'created',
    };
    const results = await client.inspectRunning(
      ids.map((id) => ({ id, state: states[id] })),
      { concurrency: 2 },
    );
    assert.deepEqual([...results.keys()].sort(), ['p1', 'r1', 'r2', 'r3']);
    assert.equal(maxInFlight, 2);
    const r1 = results.get('r1');
    assert.ok(r1?.ok);
    assert.equal(r1.value.pid, 100);
    assert.ok(!engine.requests.some((r) => r.url.includes('/x1/') || r.url.includes('/c1/')));
  });

  it('events: split mid-line then closed; reconnects with since= the last event time; nothing lost or duplicated', async () => {
    const ev = (n: number, action: string): string =>
      `{"status":"${action}","id":"c${n}","Type":"container","Action":"${action}","Actor":{"ID":"c${n}","Attributes":{"name":"n${n}"}},"scope":"local","time":1700000000,"timeNano":170000000000000000${n}}`;
    const e1 = ev(1, 'create');
    const e2 = ev(2, 'start');
    const e3 = ev(3, 'die');
    const e4 = ev(4, 'destroy');
    const eventRequests: string[] = [];
    engine.routes.set('/events', (req, res) => {
      eventRequests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (eventRequests.length === 1) {
        // Half of e2 in the first chunk, the rest later, then the engine "stops".
        res.write(`${e1}\n${e2.slice(0, 25)}`);
        setTimeout(() => {
          res.write(`${e2.slice(25)}\n${e3.slice(0, 40)}`);
          setTimeout(() => res.end(`${e3.slice(40)}\n`), 20);
        }, 20);
      } else {
        // `since` is inclusive: the engine replays e3 before the new e4.
        res.write(`${e3}\n`);
        setTimeout(() => res.write(`${e4}\n`), 20);
      }
    });
    const events: DockerEvent[] = [];
    const statuses: EngineWatchStatus[] = [];
    let gotFour!: () => void;
    const four = new Promise<void>((resolve) => (gotFour = resolve));
    const stream = watchDockerEvents(client, {
      initialBackoffMs: 20,
      onEvent: (e) => {
        events.push(e);
        if (events.length === 4) gotFour();
      },
      onStatus: (s) => statuses.push(s),
    });
    stream.start();
    await four;
    await new Promise((r) => setTimeout(r, 100)); // a duplicate would arrive in this window
    stream.dispose();

    assert.deepEqual(
      events.map((e) => `${e.id}:${e.action}`),
      ['c1:create', 'c2:start', 'c3:die', 'c4:destroy'],
    );
    assert.equal(events[2].timeNano, 1700000000000000003n);
    assert.equal(eventRequests.length, 2);
    assert.doesNotMatch(eventRequests[0], /since=/);
    assert.match(eventRequests[0], /filters=/);
    const since = new URL(eventRequests[1], 'http://x').searchParams.get('since');
    assert.equal(since, formatEventTime(1700000000000000003n));
    assert.equal(since, '1700000000.000000003');
    const states = statuses.map((s) => s.state);
    assert.deepEqual(states.slice(0, 3), ['connected', 'disconnected', 'connected']);
    const down = statuses.find((s) => s.state === 'disconnected');
    assert.ok(down?.state === 'disconnected' && /closed/.test(down.reason) && down.retryInMs === 20);
  });

  it('events: dispose() closes the open stream and stops reconnecting', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    engine.routes.set('/events', (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('\n');
      req.socket.once('close', () => closed());
    });
    const statuses: string[] = [];
    const stream = watchDockerEvents(client, {
      onEvent: () => undefined,
      onStatus: (s) => statuses.push(s.state),
      initialBackoffMs: 10,
    });
    stream.start();
    while (!statuses.includes('connected')) await new Promise((r) => setTimeout(r, 10));
    stream.dispose();
    await serverSawClose;
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(statuses, ['connected']);
    assert.equal(engine.requests.filter((r) => r.url.includes('/events')).length, 1);
  });
});

describe('Docker events: the shared watch backs off (injected timers)', () => {
  it('doubles from 250 ms to a 10 s cap while the engine is down, then resets after it returns', async () => {
    const pending: { fn: () => void; ms: number }[] = [];
    let now = 0;
    const timers: Timers = {
      setTimeout: (fn, ms) => {
        pending.push({ fn, ms });
        return pending.length;
      },
      clearTimeout: () => undefined,
      now: () => now,
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-backoff-'));
    const socketPath = path.join(dir, 'docker.sock');
    const waits: number[] = [];
    let nextStatus!: (s: EngineWatchStatus) => void;
    const onStatus = (s: EngineWatchStatus): void => {
      if (s.state === 'disconnected') waits.push(s.retryInMs ?? -1);
      if (s.state === 'connected') now += 6_000; // the connection "stays up" past stableAfterMs
      nextStatus?.(s);
    };
    const untilDisconnected = (): Promise<EngineWatchStatus> =>
      new Promise((resolve) => {
        nextStatus = (s) => {
          if (s.state === 'disconnected') resolve(s);
        };
      });
    const backoffClient = new DockerClient({ kind: 'unix', socketPath });
    const stream = watchDockerEvents(backoffClient, {
      onEvent: () => undefined,
      onStatus,
      timers,
    });
    let down = untilDisconnected();
    stream.start();
    for (let i = 0; i < 8; i++) {
      const s = await down;
      assert.ok(s.state === 'disconnected' && /does not exist/.test(s.reason));
      down = untilDisconnected();
      pending.shift()?.fn();
    }
    await down;
    assert.deepEqual(waits, [250, 500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);

    // The engine comes back, stays up for a while, then goes away: the back-off starts over.
    const engine = new FakeEngine(socketPath);
    engine.routes.set('/events', (_req, res) => {
      res.writeHead(200);
      res.write('\n');
      setTimeout(() => res.end(), 10);
    });
    await engine.listen();
    try {
      down = untilDisconnected();
      pending.shift()?.fn();
      await down;
      assert.equal(waits.at(-1), 250);
    } finally {
      stream.dispose();
      backoffClient.dispose();
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
