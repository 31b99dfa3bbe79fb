// The one reconnecting watch every engine uses, driven by a FAKE connector: what a resumed stream
// replays is dropped, events without a time always pass, and a connector that throws is retried.
import * as assert from 'node:assert/strict';
import type { Timers } from '../../../src/core/runtimes/shared/timers';
import { EventWatch, type ConnectionHandlers, type EventConnector } from '../../../src/core/runtimes/shared/watch';
import type { EngineWatchStatus } from '../../../src/core/snapshot/engineSource';

/** Timers that run only when the test says so. */
function manualTimers(): Timers & { fire(): number | undefined } {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    setTimeout: (fn, ms) => pending.push({ fn, ms }),
    clearTimeout: () => undefined,
    now: () => 0,
    fire: () => {
      const next = pending.shift();
      next?.fn();
      return next?.ms;
    },
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('EventWatch (FAKE connector)', () => {
  it('resumes with since= the last event and drops the replay of that instant', async () => {
    const sinces: (bigint | undefined)[] = [];
    let open: ConnectionHandlers<string> | undefined;
    const connector: EventConnector<string> = {
      connect: async (since, handlers) => {
        sinces.push(since);
        open = handlers;
        handlers.connected();
        return { close: () => undefined };
      },
    };
    const timers = manualTimers();
    const seen: string[] = [];
    const watch = new EventWatch(connector, { onEvent: (e) => seen.push(e), timers, sinceNano: 5n });
    watch.start();
    await tick();
    open?.event({ event: 'old', timeNano: 4n, key: 'a' });
    open?.event({ event: 'a@10', timeNano: 10n, key: 'a' });
    open?.event({ event: 'b@10', timeNano: 10n, key: 'b' });
    open?.event({ event: 'untimed', key: 'x' });
    open?.ended('gone');
    timers.fire();
    await tick();
    open?.event({ event: 'a@10 again', timeNano: 10n, key: 'a' });
    open?.event({ event: 'c@10', timeNano: 10n, key: 'c' });
    open?.event({ event: 'd@11', timeNano: 11n, key: 'd' });
    watch.dispose();
    assert.deepEqual(sinces, [5n, 10n]);
    assert.deepEqual(seen, ['a@10', 'b@10', 'untimed', 'c@10', 'd@11']);
    assert.equal(watch.lastEventTimeNano, 11n);
  });

  it('a connector that throws is reported and retried, not left stopped', async () => {
    let calls = 0;
    const connector: EventConnector<string> = {
      connect: async () => {
        calls++;
        throw new Error('boom');
      },
    };
    const timers = manualTimers();
    const statuses: EngineWatchStatus[] = [];
    const watch = new EventWatch(connector, { onEvent: () => undefined, onStatus: (s) => statuses.push(s), timers });
    watch.start();
    await tick();
    assert.equal(timers.fire(), 250);
    await tick();
    watch.dispose();
    assert.equal(calls, 2);
    assert.deepEqual(statuses[0], { state: 'disconnected', reason: 'could not connect: Error: boom', retryInMs: 250 });
  });
});
