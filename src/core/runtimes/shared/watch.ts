/**
 * The one reconnecting event watch every engine uses. An engine supplies only how to open one
 * connection and how to read its events (an EventConnector); the watch owns the rest: bounded
 * exponential back-off while the engine is away, resuming with `since` from the last event seen so
 * nothing that happened while disconnected is lost, dropping the replays an inclusive `since`
 * brings back, and dispose.
 */
import type { EngineWatchStatus } from '../../snapshot/engineSource';
import { realTimers, type Timers } from './timers';

/** One event as a connector read it. */
export interface WatchedEvent<E> {
  event: E;
  /** Unix nanoseconds, where the engine gives them: orders events and is the resume point. */
  timeNano?: bigint;
  /** Tells apart events at the same instant, to drop the ones a resumed stream replays. */
  key: string;
}

export interface ConnectionHandlers<E> {
  /** The stream is open. */
  connected(): void;
  event(event: WatchedEvent<E>): void;
  /** The stream ended or failed (also before it opened). Later calls are ignored. */
  ended(reason: string): void;
}

export interface EventConnector<E> {
  /**
   * Opens one connection, asking for events after `sinceNano` when the engine can replay them.
   * Returns how to close it, or nothing when it failed before opening (reported through `ended`).
   */
  connect(sinceNano: bigint | undefined, handlers: ConnectionHandlers<E>): Promise<{ close(): void } | undefined>;
}

export interface EventWatchOptions<E> {
  onEvent(event: E): void;
  onStatus?(status: EngineWatchStatus): void;
  /** Resume point for the first connection (nanoseconds); later ones use the last event seen. */
  sinceNano?: bigint;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A connection that lived this long (or delivered an event) resets the back-off. */
  stableAfterMs?: number;
  timers?: Timers;
}

export const WATCH_INITIAL_BACKOFF_MS = 250;
export const WATCH_MAX_BACKOFF_MS = 10_000;
export const WATCH_STABLE_AFTER_MS = 5_000;

/** `since`/`until` accept `seconds.nanoseconds`; this keeps full precision. */
export function formatEventTime(timeNano: bigint): string {
  const seconds = timeNano / 1_000_000_000n;
  const nanos = timeNano % 1_000_000_000n;
  return `${seconds}.${nanos.toString().padStart(9, '0')}`;
}

export class EventWatch<E> {
  private readonly timers: Timers;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly stableAfterMs: number;
  private backoffMs: number;
  private disposed = false;
  private started = false;
  private connection: { close(): void } | undefined;
  private retryTimer: unknown;
  private lastNano: bigint | undefined;
  /** Events seen at exactly `lastNano`: an inclusive `since` replays them after a reconnect. */
  private seenAtLast = new Set<string>();
  private attempts = 0;

  constructor(
    private readonly connector: EventConnector<E>,
    private readonly opts: EventWatchOptions<E>,
  ) {
    this.timers = opts.timers ?? realTimers;
    this.initialBackoffMs = opts.initialBackoffMs ?? WATCH_INITIAL_BACKOFF_MS;
    this.maxBackoffMs = opts.maxBackoffMs ?? WATCH_MAX_BACKOFF_MS;
    this.stableAfterMs = opts.stableAfterMs ?? WATCH_STABLE_AFTER_MS;
    this.backoffMs = this.initialBackoffMs;
    this.lastNano = opts.sinceNano;
  }

  /** Opens the stream; reconnects on its own from then on. Calling it again does nothing. */
  start(): void {
    if (this.disposed || this.started) return;
    this.started = true;
    void this.connect();
  }

  /** The time of the last delivered event, for resuming elsewhere. */
  get lastEventTimeNano(): bigint | undefined {
    return this.lastNano;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const c = this.connection;
    this.connection = undefined;
    c?.close();
  }

  private async connect(): Promise<void> {
    const attempt = ++this.attempts;
    const current = (): boolean => !this.disposed && attempt === this.attempts;
    let connectedAt: number | undefined;
    let delivered = 0;
    let ended = false;
    const handlers: ConnectionHandlers<E> = {
      connected: () => {
        if (!current()) return;
        connectedAt = this.timers.now();
        this.opts.onStatus?.({ state: 'connected' });
      },
      event: (e) => {
        if (current() && this.deliver(e)) delivered++;
      },
      ended: (reason) => {
        if (ended || !current()) return;
        ended = true;
        this.connection = undefined;
        this.scheduleRetry(reason, connectedAt, delivered);
      },
    };
    // Connectors report failures through `ended`; one that throws anyway must not stop the watch.
    const connection = await this.connector.connect(this.lastNano, handlers).catch((error: unknown) => {
      handlers.ended(`could not connect: ${String(error)}`);
      return undefined;
    });
    if (!current() || ended) connection?.close();
    else this.connection = connection;
  }

  /** Emits one event unless it is a replay of one already delivered. */
  private deliver(e: WatchedEvent<E>): boolean {
    const t = e.timeNano;
    if (t !== undefined) {
      if (this.lastNano !== undefined) {
        if (t < this.lastNano) return false;
        if (t === this.lastNano && this.seenAtLast.has(e.key)) return false;
      }
      if (this.lastNano === undefined || t > this.lastNano) {
        this.lastNano = t;
        this.seenAtLast = new Set();
      }
      this.seenAtLast.add(e.key);
    }
    this.opts.onEvent(e.event);
    return true;
  }

  private scheduleRetry(reason: string, connectedAt: number | undefined, delivered: number): void {
    if (this.disposed) return;
    const stable =
      delivered > 0 || (connectedAt !== undefined && this.timers.now() - connectedAt >= this.stableAfterMs);
    if (stable) this.backoffMs = this.initialBackoffMs;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.opts.onStatus?.({ state: 'disconnected', reason, retryInMs: wait });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.disposed) void this.connect();
    }, wait);
  }
}

/** The watches a source started: each one's dispose takes it out, and the source disposes the rest. */
export class WatchSet {
  private readonly watches = new Set<{ dispose(): void }>();

  get size(): number {
    return this.watches.size;
  }

  /** Starts `watch` and returns its handle; `onStopped` runs after it is disposed. */
  start<E>(watch: EventWatch<E>, onStopped?: () => void): { dispose(): void } {
    const handle = {
      dispose: () => {
        if (!this.watches.delete(handle)) return;
        watch.dispose();
        onStopped?.();
      },
    };
    this.watches.add(handle);
    watch.start();
    return handle;
  }

  disposeAll(): void {
    for (const h of [...this.watches]) h.dispose();
  }
}
