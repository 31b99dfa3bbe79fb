/**
 * containerd's event stream (Events.Subscribe) as the EngineSource `watch()`: each task or
 * container event becomes a ContainerEvent naming the containerd namespace and container id, so
 * only that container is re-read. The stream is re-opened with bounded exponential back-off when
 * it ends. containerd does not replay missed events, so after a reconnect the caller should do a
 * full read (it sees `connected` again).
 */
import { realTimers, type Timers } from '../dockerEvents';
import type { ContainerEvent, EngineWatchStatus } from '../../snapshot/engineSource';
import { decodeMessage, METHODS, type PbEnvelope } from './schema';
import type { ContainerdError, ContainerdTransport } from './transport';

/** Topics that concern one container: `/tasks/start`, `/tasks/exit`, `/containers/create`, … */
const CONTAINER_TOPIC = /^\/(tasks|containers)\//;

/**
 * Envelope → ContainerEvent. Returns a string saying why it was skipped (another topic, no id,
 * an undecodable payload); a bad event never stops the stream.
 */
export function envelopeToEvent(envelope: PbEnvelope): ContainerEvent | string {
  const topic = typeof envelope.topic === 'string' ? envelope.topic : '';
  if (!CONTAINER_TOPIC.test(topic)) return `topic ${JSON.stringify(topic)} does not concern a container`;
  const value = envelope.event?.value;
  if (!value || value.length === 0) return `${topic}: the event has no payload`;
  let id: string | undefined;
  try {
    id = decodeMessage<{ id?: string }>('EventSubject', Buffer.from(value)).id;
  } catch (err) {
    return `${topic}: undecodable payload (${(err as Error).message})`;
  }
  if (!id) return `${topic}: the payload names no container`;
  const event: ContainerEvent = { runtime: 'containerd', id, action: topic };
  if (envelope.namespace) event.namespace = envelope.namespace;
  return event;
}

/** Injectable so back-off can be tested without waiting. */
/** Injectable so back-off can be tested without waiting: the same seam as Docker's event stream. */
export type WatchTimers = Timers;

export interface ContainerdWatchOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A connection that lived this long (or delivered an event) resets the back-off. */
  stableAfterMs?: number;
  /** Deadline for the channel to connect before a subscription is attempted. */
  connectTimeoutMs?: number;
  timers?: WatchTimers;
  /** Called with each skipped envelope's reason (for a log channel); optional. */
  onSkipped?(reason: string): void;
}

export const WATCH_INITIAL_BACKOFF_MS = 250;
export const WATCH_MAX_BACKOFF_MS = 10_000;

/** Follows Events.Subscribe until disposed. */
export class ContainerdEventWatch {
  private readonly timers: WatchTimers;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly stableAfterMs: number;
  private backoffMs: number;
  private disposed = false;
  private stream: { close(): void } | undefined;
  private retryTimer: unknown;
  private attempt = 0;

  constructor(
    private readonly transport: ContainerdTransport,
    private readonly onEvent: (event: ContainerEvent) => void,
    private readonly onStatus: (status: EngineWatchStatus) => void,
    private readonly opts: ContainerdWatchOptions = {},
  ) {
    this.timers = opts.timers ?? realTimers;
    this.initialBackoffMs = opts.initialBackoffMs ?? WATCH_INITIAL_BACKOFF_MS;
    this.maxBackoffMs = opts.maxBackoffMs ?? WATCH_MAX_BACKOFF_MS;
    this.stableAfterMs = opts.stableAfterMs ?? 5_000;
    this.backoffMs = this.initialBackoffMs;
  }

  start(): void {
    void this.connect();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stream?.close();
    this.stream = undefined;
  }

  private async connect(): Promise<void> {
    const attempt = ++this.attempt;
    // A real deadline on the wall clock: the sockets below do not know about injected timers.
    const deadline = Date.now() + (this.opts.connectTimeoutMs ?? 5_000);
    // The probe names the failure precisely (missing, denied, stale socket) before gRPC hides it.
    const probe = await this.transport.probe(deadline);
    if (this.disposed || attempt !== this.attempt) return;
    if (!probe.ok) {
      this.scheduleRetry(probe.error, undefined, 0);
      return;
    }
    const ready = await this.transport.waitReady(deadline);
    if (this.disposed || attempt !== this.attempt) return;
    if (!ready.ok) {
      this.scheduleRetry(ready.error, undefined, 0);
      return;
    }
    const connectedAt = this.timers.now();
    let delivered = 0;
    this.onStatus({ state: 'connected' });
    this.stream = this.transport.serverStream<PbEnvelope>(
      METHODS.subscribe,
      'SubscribeRequest',
      { filters: [] },
      'Envelope',
      {
        onMessage: (envelope) => {
          const event = envelopeToEvent(envelope);
          if (typeof event === 'string') {
            this.opts.onSkipped?.(event);
            return;
          }
          delivered++;
          this.onEvent(event);
        },
        onEnd: (error) => {
          this.stream = undefined;
          if (this.disposed) return;
          this.scheduleRetry(
            error ?? { kind: 'rpc', detail: 'containerd closed the events stream' },
            connectedAt,
            delivered,
          );
        },
      },
    );
  }

  private scheduleRetry(error: ContainerdError, connectedAt: number | undefined, delivered: number): void {
    if (this.disposed) return;
    const stable =
      delivered > 0 || (connectedAt !== undefined && this.timers.now() - connectedAt >= this.stableAfterMs);
    if (stable) this.backoffMs = this.initialBackoffMs;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.onStatus({ state: 'disconnected', reason: error.detail, retryInMs: wait });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.disposed) void this.connect();
    }, wait);
  }
}
