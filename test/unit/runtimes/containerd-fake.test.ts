// The containerd client against a FAKE, hostile engine: a grpc-js server on a unix socket in a
// temp folder standing in for a broken or malicious containerd. It answers correctly, never
// answers, answers bytes that are not containerd's messages, or is not gRPC at all. Each case must
// come back as a clear status value within the deadline; nothing may throw. The fake records every
// method called, so we can check the client is read-only.
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContainerEvent, EngineWatchStatus } from '../../../src/core/snapshot/engineSource';
import { createContainerdSource, type ContainerdSource } from '../../../src/core/runtimes/containerd';
import { encodeMessage } from '../../../src/core/runtimes/containerd/schema';
import { FakeContainerd, READ_ONLY } from './helpers/fakeContainerd';

describe('containerd client against a FAKE hostile engine (grpc-js on a unix socket)', function () {
  this.timeout(20_000);
  let dir: string;
  let fake: FakeContainerd;
  let source: ContainerdSource;
  const allCalls: { method: string }[] = [];
  const TIMEOUT_MS = 800;
  const SLACK_MS = 700;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-fake-containerd-'));
    fs.chmodSync(dir, 0o755); // so the `nobody` child can reach the socket and be refused by its mode
    fake = new FakeContainerd(path.join(dir, 'containerd.sock'));
    await fake.listen();
    source = createContainerdSource({
      address: `unix://${fake.socketPath}`,
      timeoutMs: TIMEOUT_MS,
      watch: { initialBackoffMs: 50, connectTimeoutMs: 1000 },
    });
  });

  afterEach(() => {
    allCalls.push(...fake.calls);
    source.dispose();
    fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a well-behaved fake: namespaces, containers with spec, tasks, version, with the namespace header on each call', async () => {
    const reading = await source.read();
    assert.deepEqual(reading.runtime.status, { state: 'ok' });
    assert.equal(reading.runtime.version, '9.9.9-fake');
    assert.deepEqual(reading.runtime.chain, [
      { name: 'containerd', version: '9.9.9-fake', role: 'cri' },
      { name: 'runc', role: 'oci' },
    ]);
    assert.equal(reading.containers.length, 1);
    const web = reading.containers[0];
    assert.equal(web.key, 'containerd:default:web');
    assert.equal(web.pid, 4242);
    assert.equal(web.state, 'running');
    assert.equal(web.requestedModes?.net, 'path:/proc/1/ns/net');
    assert.equal(web.requestedModes?.pid, 'private');
    assert.equal(web.containerd.specLimits?.memoryBytes, 1048576);
    assert.equal(web.containerd.cgroupsPath, '/default/web');
    for (const c of fake.calls.filter((c) => /Containers\/List|Tasks\/List/.test(c.method)))
      assert.equal(c.namespace, 'default', c.method);
  });

  it('readOne: found in the given namespace, gone when Get says NOT_FOUND, searched across namespaces without one', async () => {
    const found = await source.readOne('web', { namespace: 'default' });
    assert.equal(found.state, 'found');
    assert.equal(found.state === 'found' ? found.container.pid : 0, 4242);
    assert.ok(
      fake.calls.some((c) => c.method.endsWith('Tasks/Get') && c.namespace === 'default'),
      'its own task, by Tasks.Get',
    );
    assert.deepEqual(await source.readOne('nope', { namespace: 'default' }), { state: 'gone' });
    const searched = await source.readOne('web');
    assert.equal(searched.state, 'found');
  });

  it('a fake that never answers → timeout within the deadline', async () => {
    fake.mode = 'hang';
    const t0 = Date.now();
    const reading = await source.read();
    const elapsed = Date.now() - t0;
    assert.equal(reading.runtime.status.state, 'timeout', JSON.stringify(reading.runtime.status));
    assert.ok(elapsed < TIMEOUT_MS + SLACK_MS, `took ${elapsed} ms`);
    assert.deepEqual(reading.containers, []);
    const one = await source.readOne('web', { namespace: 'default' });
    assert.equal(one.state, 'error');
    assert.match(one.state === 'error' ? one.detail : '', /deadline/);
  });

  it('a hung read is cancelled by its AbortSignal', async () => {
    fake.mode = 'hang';
    const ctl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctl.abort(), 100);
    const reading = await source.read(ctl.signal);
    assert.ok(Date.now() - t0 < TIMEOUT_MS, `took ${Date.now() - t0} ms`);
    assert.equal(reading.runtime.status.state, 'error');
    assert.match(reading.runtime.status.state === 'error' ? reading.runtime.status.detail : '', /cancelled/);
  });

  it("a fake that answers bytes that are not containerd's messages → a clear error", async () => {
    fake.mode = 'garbage';
    const reading = await source.read();
    assert.equal(reading.runtime.status.state, 'error');
    assert.match(
      reading.runtime.status.state === 'error' ? reading.runtime.status.detail : '',
      /not containerd's message/,
    );
    assert.deepEqual(reading.containers, []);
  });

  it('follows the event stream and reconnects when the fake ends it', async () => {
    const events: ContainerEvent[] = [];
    const statuses: EngineWatchStatus[] = [];
    const sub = source.watch(
      (e) => events.push(e),
      (s) => statuses.push(s),
    );
    const until = async (cond: () => boolean, what: string): Promise<void> => {
      const end = Date.now() + 5000;
      while (!cond()) {
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}; statuses ${JSON.stringify(statuses)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await until(() => fake.streams.length === 1, 'a subscription');
    const stream = fake.streams[0];
    stream.write(
      encodeMessage('Envelope', {
        namespace: 'default',
        topic: '/tasks/start',
        event: { type_url: 'containerd.events.TaskStart', value: encodeMessage('EventSubject', { id: 'web' }) },
      }),
    );
    stream.write(
      encodeMessage('Envelope', {
        namespace: 'default',
        topic: '/snapshot/prepare',
        event: { type_url: 'x', value: encodeMessage('EventSubject', { id: 'k' }) },
      }),
    );
    await until(() => events.length === 1, 'the event');
    assert.deepEqual(events[0], {
      runtime: 'containerd',
      sourceId: source.id,
      namespace: 'default',
      id: 'web',
      action: '/tasks/start',
    });
    stream.end();
    await until(() => fake.streams.length === 2, 'a new subscription after the stream ended');
    assert.deepEqual(statuses.map((s) => s.state).slice(0, 3), ['connected', 'disconnected', 'connected']);
    sub.dispose();
  });

  it('a socket whose server speaks no gRPC at all → error, within the deadline', async () => {
    const junkPath = path.join(dir, 'junk.sock');
    const junk = net.createServer((s) => {
      s.on('error', () => undefined);
      s.end(Buffer.from('HTTP/1.0 200 OK\r\n\r\n\u0000\u00ff garbage'));
    });
    await new Promise<void>((r) => junk.listen(junkPath, r));
    const src = createContainerdSource({ address: junkPath, timeoutMs: TIMEOUT_MS });
    const t0 = Date.now();
    const reading = await src.read();
    const elapsed = Date.now() - t0;
    src.dispose();
    junk.close();
    assert.ok(['error', 'timeout'].includes(reading.runtime.status.state), JSON.stringify(reading.runtime.status));
    assert.ok(elapsed < TIMEOUT_MS + SLACK_MS, `took ${elapsed} ms`);
  });

  it('no socket → missing; a socket file nobody listens on → not-running', async () => {
    const missing = createContainerdSource({ address: path.join(dir, 'absent.sock'), timeoutMs: TIMEOUT_MS });
    const m = await missing.read();
    missing.dispose();
    assert.equal(m.runtime.status.state, 'missing');
    assert.equal(m.runtime.endpoint, `unix://${path.join(dir, 'absent.sock')}`);

    // A daemon killed with SIGKILL leaves its socket file behind, with nobody listening.
    const stalePath = path.join(dir, 'stale.sock');
    const child = spawn(
      process.execPath,
      ['-e', `require('net').createServer().listen(${JSON.stringify(stalePath)})`],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 200 && !fs.existsSync(stalePath); i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.ok(fs.existsSync(stalePath), 'the killed server left its socket file');
    const notRunning = createContainerdSource({ address: stalePath, timeoutMs: TIMEOUT_MS });
    const n = await notRunning.read();
    notRunning.dispose();
    assert.equal(n.runtime.status.state, 'not-running', JSON.stringify(n.runtime.status));
  });

  it('a socket with mode 600, read by user nobody in a child process → denied, with the root-only hint', async function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can start a child as another user
    fs.chmodSync(fake.socketPath, 0o600);
    const probe = path.join(__dirname, 'helpers', 'containerd-denied-probe.js');
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [probe, fake.socketPath],
        { uid: 65534, gid: 65534, cwd: dir, timeout: 10_000 },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      ),
    );
    const status = JSON.parse(stdout) as { state: string; detail?: string };
    assert.equal(status.state, 'denied', stdout);
    assert.match(status.detail ?? '', /root-only by default/);
  });

  after(() => {
    const called = [...new Set(allCalls.map((c) => c.method))].sort();
    assert.ok(called.length >= 5, `expected calls to be recorded, got ${called.join(', ')}`);
    for (const m of called) assert.match(m, READ_ONLY, `the client called a method that is not read-only: ${m}`);
  });
});
