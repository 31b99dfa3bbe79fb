import * as assert from 'node:assert/strict';
import { MAX_SINGLE_REFRESHES } from '../../../src/core/feed/eventBatch';
import { HostSnapshotFeed } from '../../../src/core/feed/hostSnapshotFeed';
import type { HostSnapshot } from '../../../src/core/model';
import type { EngineSource } from '../../../src/core/snapshot/engineSource';
import * as engines from '../../../src/parts/engines';
import { FakeEngine, FakeTimers, gate, settle } from './fakes';

const DEBOUNCE_MS = 150;
const USAGE_MS = 5_000;

/** The feed over FAKE engines and FAKE timers, with every published snapshot and logged error kept. */
function harness(createSources: () => EngineSource[]) {
  const timers = new FakeTimers();
  const errors: string[] = [];
  const feed = new HostSnapshotFeed({
    engines: () => engines,
    createSources,
    log: { debug: () => undefined, info: () => undefined, error: (m) => errors.push(m) },
    debounceMs: () => DEBOUNCE_MS,
    usageIntervalMs: () => USAGE_MS,
    timers,
  });
  const published: HostSnapshot[] = [];
  feed.onDidChange((s) => published.push(s));
  return { feed, timers, published, errors };
}

/** Which engine object a snapshot's reading came from (FakeEngine puts its label in the endpoint). */
const fromEngine = (s: HostSnapshot) => s.runtimes.map((r) => r.endpoint).join(',');

describe('HostSnapshotFeed (FAKE engines, FAKE timers)', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => dispose?.());

  /** A feed that has done its first full read with one lease held. */
  async function started(engine = new FakeEngine()) {
    const h = harness(() => [engine]);
    dispose = () => h.feed.dispose();
    const lease = h.feed.acquire('containersTree');
    await h.timers.advance(0);
    assert.equal(engine.reads, 1, 'the first lease starts one full read');
    assert.equal(h.published.length, 1);
    return { ...h, engine, lease };
  }

  it('reads nothing before the first lease, and starts on the next turn rather than inside acquire()', async () => {
    const engine = new FakeEngine();
    let created = 0;
    const h = harness(() => (created++, [engine]));
    dispose = () => h.feed.dispose();
    await h.timers.advance(60_000);
    assert.equal(engine.reads, 0);
    h.feed.acquire('containersTree');
    assert.equal(created, 0, 'acquire() itself must not create (load) the engine clients');
    await h.timers.advance(0);
    assert.equal(engine.reads, 1);
    assert.ok(engine.watching);
  });

  it('applies the first event after a quiet spell at once, by re-reading only that container', async () => {
    const { engine, timers, published } = await started();
    await timers.advance(10_000); // quiet
    engine.emit('a');
    await timers.advance(0);
    assert.deepEqual(engine.readOnes, ['a'], 'no debounce wait for the first event');
    assert.equal(engine.reads, 1, 'one container re-read, not a full read');
    assert.equal(published.length, 2);
  });

  it('debounces the rest of a burst: events within the window wait for it and are applied together', async () => {
    const { engine, timers, published } = await started(new FakeEngine('docker', 'engine', ['a', 'b', 'c']));
    await timers.advance(10_000);
    engine.emit('a');
    await timers.advance(0);
    await timers.advance(10);
    engine.emit('b');
    engine.emit('c');
    engine.emit('b', 'die'); // the same container twice: re-read once
    await timers.advance(DEBOUNCE_MS - 1);
    assert.deepEqual(engine.readOnes, ['a'], 'the rest of the burst waits for the debounce');
    await timers.advance(1);
    assert.deepEqual(engine.readOnes, ['a', 'b', 'c']);
    assert.equal(published.length, 3, 'one change for the first event, one for the rest');
  });

  it(`collapses a burst of more than ${MAX_SINGLE_REFRESHES} containers into one full read`, async () => {
    const names = Array.from({ length: MAX_SINGLE_REFRESHES + 1 }, (_, i) => `c${i}`);
    const { engine, timers, published } = await started(new FakeEngine('docker', 'engine', names));
    await timers.advance(10_000);
    for (const n of names) engine.emit(n);
    await timers.advance(DEBOUNCE_MS);
    assert.deepEqual(engine.readOnes, [], 'no container re-read one by one');
    assert.equal(engine.reads, 2, 'exactly one full read for the whole burst');
    assert.equal(published.length, 2);
  });

  it('catches up with one full read when a dropped event stream connects again', async () => {
    const { engine, timers } = await started();
    engine.status({ state: 'connected' }); // the first connection: the start-up read covers it
    await timers.advance(0);
    assert.equal(engine.reads, 1);
    engine.status({ state: 'disconnected', reason: 'engine stopped', retryInMs: 1000 });
    await timers.advance(0);
    assert.equal(engine.reads, 2, 'the engine’s new state is shown at once');
    engine.status({ state: 'disconnected', reason: 'still down', retryInMs: 2000 });
    await timers.advance(0);
    assert.equal(engine.reads, 2, 'retries while down read nothing more');
    engine.status({ state: 'connected' });
    await timers.advance(0);
    assert.equal(engine.reads, 3, 'the reconnect catches up with a full read');
    engine.status({ state: 'connected' });
    await timers.advance(0);
    assert.equal(engine.reads, 3, 'once per reconnect');
  });

  it('catches up per source: two users’ rootless Podman that both dropped each catch up when they reconnect', async () => {
    const first = new FakeEngine('podman-rootless', 'user-1000');
    const second = new FakeEngine('podman-rootless', 'user-1001');
    const h = harness(() => [first, second]);
    dispose = () => h.feed.dispose();
    h.feed.acquire('containersTree');
    await h.timers.advance(0);
    first.status({ state: 'connected' });
    second.status({ state: 'connected' });
    await h.timers.advance(0);
    const start = first.reads;
    first.status({ state: 'disconnected', reason: 'socket gone', retryInMs: 1000 });
    second.status({ state: 'disconnected', reason: 'socket gone', retryInMs: 1000 });
    await h.timers.advance(0);
    const whileDown = first.reads;
    assert.ok(whileDown > start, 'the dropped state is shown');
    first.status({ state: 'connected' });
    await h.timers.advance(0);
    assert.equal(first.reads, whileDown + 1, 'the first source’s reconnect catches up');
    second.status({ state: 'connected' });
    await h.timers.advance(0);
    assert.equal(first.reads, whileDown + 2, 'and so does the second’s, though it is of the same kind');
  });

  it('reconfigured in the middle of a flush: the old engines’ result is dropped and the new ones read in full', async () => {
    const old = new FakeEngine('docker', 'old');
    const replacement = new FakeEngine('docker', 'new');
    let sources: EngineSource[] = [old];
    const h = harness(() => sources);
    dispose = () => h.feed.dispose();
    h.feed.acquire('containersTree');
    await h.timers.advance(0);
    await h.timers.advance(10_000);
    old.held = gate();
    old.emit('a');
    await h.timers.advance(0);
    assert.deepEqual(old.readOnes, ['a'], 'the flush is in flight');
    const before = h.published.length;
    sources = [replacement];
    h.feed.reconfigure();
    assert.ok(old.disposed && !old.watching, 'the old engine is disposed and no longer watched');
    old.held.open();
    await h.timers.advance(0);
    const after = h.published.slice(before);
    assert.deepEqual(after.map(fromEngine), ['new'], 'only the new engine’s full read is published');
    assert.equal(replacement.reads, 1);
    assert.ok(replacement.watching);
    assert.equal(fromEngine(h.feed.current!), 'new');
  });

  it('a lease released while a read is in flight: nothing published after, no further reads', async () => {
    const engine = new FakeEngine();
    engine.held = gate();
    const h = harness(() => [engine]);
    dispose = () => h.feed.dispose();
    const lease = h.feed.acquire('containersTree');
    await h.timers.advance(0);
    assert.equal(engine.reads, 1, 'the read is in flight');
    lease.dispose();
    assert.equal(engine.watching, false, 'the event stream is closed with the last lease');
    engine.held.open();
    await settle();
    await h.timers.advance(10 * USAGE_MS);
    assert.equal(h.published.length, 0, 'no snapshot published after the lease was released');
    assert.equal(engine.reads, 1);
    assert.equal(h.timers.pending, 0, 'no timer left armed');
  });

  it('disposed during a read: nothing published, engines disposed, nothing read again', async () => {
    const engine = new FakeEngine();
    engine.held = gate();
    const h = harness(() => [engine]);
    h.feed.acquire('containersTree');
    await h.timers.advance(0);
    h.feed.dispose();
    assert.ok(engine.disposed);
    assert.equal(engine.watching, false);
    engine.held.open();
    await settle();
    await h.timers.advance(10 * USAGE_MS);
    assert.equal(h.published.length, 0);
    assert.equal(engine.reads, 1);
    assert.equal(h.timers.pending, 0);
  });

  it('stops polling usage when the view that watches it is hidden, while another lease keeps the feed running', async () => {
    const { feed, timers, published, lease } = await started();
    const panelLease = feed.acquire('architecture-panel');
    feed.setUsageWatch('containersTree', ['docker::a']);
    const shown = published.length;
    await timers.advance(3 * USAGE_MS);
    assert.ok(published.length >= shown + 3, 'usage is polled while the view shows it');
    lease.dispose(); // the Containers view hidden: its lease and, with it, its usage watch released
    const hidden = published.length;
    await timers.advance(5 * USAGE_MS);
    assert.equal(published.length, hidden, 'no usage poll after the view was hidden');
    assert.ok(feed.isWatching, 'the panel still holds its lease');
    panelLease.dispose();
  });

  it('polls engines without an event stream while someone looks, and stops with the last lease', async () => {
    const engine = new FakeEngine();
    const unwatchable: EngineSource = {
      kind: 'podman',
      id: 'podman:unwatchable',
      endpoint: 'fake://unwatchable',
      read: () => engine.read(),
      readOne: (id) => engine.readOne(id),
      dispose: () => engine.dispose(),
    };
    const h = harness(() => [unwatchable]);
    dispose = () => h.feed.dispose();
    const lease = h.feed.acquire('containersTree');
    await h.timers.advance(0);
    await h.timers.advance(30_000);
    assert.equal(engine.reads, 4, 'the start-up read and one every 10 s');
    lease.dispose();
    await h.timers.advance(60_000);
    assert.equal(engine.reads, 4);
  });
});
