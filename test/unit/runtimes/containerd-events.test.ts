// containerd's event envelopes (decoded from real protobuf bytes) and the watch's back-off.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import type { ContainerEvent, EngineWatchStatus } from '../../../src/core/snapshot/engineSource';
import { containerdEventConnector, envelopeToEvent } from '../../../src/core/runtimes/containerd/events';
import type { Timers as WatchTimers } from '../../../src/core/runtimes/shared/timers';
import { EventWatch } from '../../../src/core/runtimes/shared/watch';
import { decodeMessage, encodeMessage, type PbEnvelope } from '../../../src/core/runtimes/containerd/schema';
import { ContainerdTransport } from '../../../src/core/runtimes/containerd/transport';

/** containerd.events.TaskExit as containerd writes it: container_id=1, id=2, pid=3, exit_status=4, exited_at=5. */
function taskExitBytes(containerId: string, pid: number): Uint8Array {
  const w = protobuf.Writer.create();
  w.uint32((1 << 3) | 2).string(containerId);
  w.uint32((2 << 3) | 2).string(containerId);
  w.uint32((3 << 3) | 0).uint32(pid);
  w.uint32((4 << 3) | 0).uint32(137);
  w.uint32((5 << 3) | 2)
    .fork()
    .uint32((1 << 3) | 0)
    .int64(1_764_000_000)
    .ldelim();
  return w.finish();
}

/** An Envelope encoded to bytes and decoded back, as the client receives it off the wire. */
function envelope(namespace: string, topic: string, typeUrl: string, value: Uint8Array): PbEnvelope {
  const bytes = encodeMessage('Envelope', {
    timestamp: { seconds: 1_764_000_000, nanos: 5 },
    namespace,
    topic,
    event: { type_url: typeUrl, value },
  });
  return decodeMessage<PbEnvelope>('Envelope', bytes);
}

describe('containerd: event envelopes', () => {
  it('turns /tasks/exit into a ContainerEvent with namespace and id', () => {
    const ev = envelopeToEvent(
      envelope('k8s.io', '/tasks/exit', 'containerd.events.TaskExit', taskExitBytes('anatomy-k8s-app', 4242)),
    );
    assert.deepEqual(ev, {
      runtime: 'containerd',
      namespace: 'k8s.io',
      id: 'anatomy-k8s-app',
      action: '/tasks/exit',
    } satisfies ContainerEvent);
  });

  it('reads container events whose id is field 1 (ContainerCreate, ContainerDelete)', () => {
    const create = encodeMessage('EventSubject', { id: 'web' });
    assert.deepEqual(
      envelopeToEvent(envelope('default', '/containers/create', 'containerd.events.ContainerCreate', create)),
      {
        runtime: 'containerd',
        namespace: 'default',
        id: 'web',
        action: '/containers/create',
      },
    );
    const ev = envelopeToEvent(envelope('moby', '/containers/delete', 'containerd.events.ContainerDelete', create));
    assert.ok(typeof ev !== 'string');
    assert.equal(ev.namespace, 'moby');
  });

  it('skips other topics, empty payloads, payloads without an id, and garbage', () => {
    assert.match(
      String(
        envelopeToEvent(
          envelope(
            'default',
            '/images/create',
            'containerd.events.ImageCreate',
            encodeMessage('EventSubject', { id: 'x' }),
          ),
        ),
      ),
      /does not concern/,
    );
    assert.match(String(envelopeToEvent(envelope('default', '/tasks/start', 'x', new Uint8Array()))), /no payload/);
    assert.match(
      String(
        envelopeToEvent(
          envelope('default', '/tasks/oom', 'x', encodeMessage('VersionResponse', { revision: 'field 2 only' })),
        ),
      ),
      /names no container/,
    );
    assert.match(
      String(
        envelopeToEvent(
          envelope('default', '/tasks/start', 'x', Buffer.from([0x0f, 0xff, 0xff]) /* wire type 7 does not exist */),
        ),
      ),
      /undecodable/,
    );
    assert.match(String(envelopeToEvent({})), /does not concern/);
  });

  it('leaves namespace out when the envelope has none', () => {
    const ev = envelopeToEvent(
      envelope('', '/tasks/start', 'containerd.events.TaskStart', encodeMessage('EventSubject', { id: 'a' })),
    );
    assert.ok(typeof ev !== 'string');
    assert.equal('namespace' in ev, false);
  });
});

describe('containerd: watch back-off', () => {
  /** Timers that run only when the test says so. */
  class ManualTimers implements WatchTimers {
    private pending: { fn: () => void; ms: number }[] = [];
    t = 0;
    setTimeout(fn: () => void, ms: number): unknown {
      const entry = { fn, ms };
      this.pending.push(entry);
      return entry;
    }
    clearTimeout(handle: unknown): void {
      this.pending = this.pending.filter((p) => p !== handle);
    }
    now(): number {
      return this.t;
    }
    fireNext(): number | undefined {
      const next = this.pending.shift();
      if (!next) return undefined;
      this.t += next.ms;
      next.fn();
      return next.ms;
    }
  }

  it('retries a missing socket at 250 ms doubling to 10 s, and stops on dispose', async () => {
    const timers = new ManualTimers();
    const missing = path.join(os.tmpdir(), `anatomy-no-such-containerd-${process.pid}.sock`);
    const transport = new ContainerdTransport(`unix://${missing}`);
    const statuses: EngineWatchStatus[] = [];
    let waiter: (() => void) | undefined;
    const watch = new EventWatch<ContainerEvent>(
      containerdEventConnector(() => Promise.resolve(transport)),
      {
        onEvent: () => assert.fail('no events expected'),
        onStatus: (s) => {
          statuses.push(s);
          waiter?.();
        },
        timers,
      },
    );
    const nextStatus = (): Promise<void> => new Promise((resolve) => (waiter = resolve));
    let wait = nextStatus();
    watch.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      await wait;
      const last = statuses.at(-1);
      assert.equal(last?.state, 'disconnected');
      assert.match(last?.state === 'disconnected' ? last.reason : '', /does not exist/);
      delays.push(last?.state === 'disconnected' ? (last.retryInMs ?? -1) : -1);
      wait = nextStatus();
      timers.fireNext();
    }
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 8000, 10000, 10000]);
    await wait;
    watch.dispose();
    assert.equal(timers.fireNext(), undefined, 'no retry left after dispose');
    transport.close();
  });
});
