/**
 * Follows Docker's `GET /events` stream so views refresh when containers change instead of polling.
 *
 * The body is newline-delimited JSON, and transport chunks ignore line boundaries: one chunk may
 * hold several events or half of one (even half of a UTF-8 character). When the stream ends or
 * fails (engine restarted, socket gone) it reconnects with bounded exponential back-off and asks
 * for `since=<last event time>` so events that happened while disconnected are still delivered.
 * `since` is inclusive, so the events already seen at exactly that instant are dropped on replay.
 */
import type { DockerClient, DockerError } from './dockerClient';
import { httpGetStream, parseJson } from './unixHttp';
import type { StreamHandle } from './unixHttp';

/** Splits a byte stream into lines. Works on bytes so a multi-byte character cut in two survives. */
export class NdjsonSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** @param maxLineBytes a line longer than this is dropped (reported by `overflowed`), not buffered forever. */
  constructor(private readonly maxLineBytes = 1024 * 1024) {}

  /** Lines dropped because they exceeded maxLineBytes. */
  overflowed = 0;
  private skippingOverlongLine = false;

  /** Feeds one chunk; returns the complete, non-blank lines it finished, without their newline. */
  push(chunk: Buffer | string): string[] {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const lines: string[] = [];
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) >= 0) {
      const head = buf.subarray(0, nl);
      buf = buf.subarray(nl + 1);
      if (this.skippingOverlongLine) {
        this.skippingOverlongLine = false;
        continue;
      }
      const line = this.pendingBytes ? Buffer.concat([...this.pending, head]) : head;
      this.pending = [];
      this.pendingBytes = 0;
      const text = line.toString('utf8').replace(/\r$/, '');
      if (text.trim()) lines.push(text);
    }
    if (buf.length && !this.skippingOverlongLine) {
      this.pending.push(Buffer.from(buf)); // copy: the caller may reuse its chunk buffer
      this.pendingBytes += buf.length;
      if (this.pendingBytes > this.maxLineBytes) {
        this.pending = [];
        this.pendingBytes = 0;
        this.skippingOverlongLine = true;
        this.overflowed++;
      }
    }
    return lines;
  }

  /** Whatever followed the last newline (a stream that ended mid-line). Resets the splitter. */
  flush(): string | undefined {
    const rest = this.skippingOverlongLine ? '' : Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.skippingOverlongLine = false;
    return rest.trim() ? rest : undefined;
  }
}

export interface DockerEvent {
  /** Container id (`id`, or `Actor.ID` on engines that only send the new format). */
  id: string;
  /** `start`, `die`, `destroy`, `exec_start: sh`… */
  action: string;
  /** `container`, `network`, `image`… */
  type: string;
  /** Unix seconds. */
  time: number;
  /** Unix nanoseconds, read from the raw text: as a JSON number it exceeds 2^53 and would be rounded. */
  timeNano: bigint;
  attributes: Record<string, string>;
}

/** Parses one line of the events stream; a string says why it was rejected. */
export function parseDockerEvent(line: string): DockerEvent | string {
  const parsed = parseJson(line, 'event');
  if (!parsed.ok) return parsed.error.detail;
  const raw = parsed.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'event is not an object';
  const ev = raw as Record<string, unknown>;
  const actor = (typeof ev.Actor === 'object' && ev.Actor !== null ? ev.Actor : {}) as Record<string, unknown>;
  const id = typeof ev.id === 'string' ? ev.id : typeof actor.ID === 'string' ? actor.ID : '';
  const action = typeof ev.Action === 'string' ? ev.Action : typeof ev.status === 'string' ? ev.status : '';
  const type = typeof ev.Type === 'string' ? ev.Type : 'container';
  if (typeof ev.time !== 'number') return 'event has no time';
  const nanoMatch = /"timeNano"\s*:\s*(\d+)/.exec(line);
  const timeNano = nanoMatch ? BigInt(nanoMatch[1]) : BigInt(Math.trunc(ev.time)) * 1_000_000_000n;
  const attributes: Record<string, string> = {};
  if (typeof actor.Attributes === 'object' && actor.Attributes !== null) {
    for (const [k, v] of Object.entries(actor.Attributes as Record<string, unknown>))
      if (typeof v === 'string') attributes[k] = v;
  }
  return { id, action, type, time: ev.time, timeNano, attributes };
}

/** `since`/`until` accept `seconds.nanoseconds`; this keeps full precision. */
export function formatEventTime(timeNano: bigint): string {
  const seconds = timeNano / 1_000_000_000n;
  const nanos = timeNano % 1_000_000_000n;
  return `${seconds}.${nanos.toString().padStart(9, '0')}`;
}

export type EventStreamStatus =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'disconnected'; reason: string; error?: DockerError; retryInMs: number }
  | { state: 'disposed' };

/** Injectable so back-off can be tested without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.(); // a pending reconnect must not keep a CLI or test process alive
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  now: () => Date.now(),
};

export interface DockerEventStreamOptions {
  onEvent(event: DockerEvent): void;
  onStatus?(status: EventStreamStatus): void;
  /** Only container events (the default); false for every type. */
  containersOnly?: boolean;
  /** Resume point for the first connection (nanoseconds); later ones use the last event seen. */
  sinceNano?: bigint;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A connection that lived this long (or delivered an event) resets the back-off. */
  stableAfterMs?: number;
  connectTimeoutMs?: number;
  timers?: Timers;
}

export class DockerEventStream {
  private readonly timers: Timers;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly stableAfterMs: number;
  private backoffMs: number;
  private disposed = false;
  private started = false;
  private handle: StreamHandle | undefined;
  private retryTimer: unknown;
  private lastNano: bigint | undefined;
  /** Events seen at exactly `lastNano`: the inclusive `since` replays them after a reconnect. */
  private seenAtLast = new Set<string>();
  private connections = 0;

  constructor(
    private readonly client: DockerClient,
    private readonly opts: DockerEventStreamOptions,
  ) {
    this.timers = opts.timers ?? realTimers;
    this.initialBackoffMs = opts.initialBackoffMs ?? 250;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.stableAfterMs = opts.stableAfterMs ?? 5_000;
    this.backoffMs = this.initialBackoffMs;
    this.lastNano = opts.sinceNano;
  }

  /** Opens the stream; reconnects on its own from then on. Calling it again does nothing. */
  start(): void {
    if (this.disposed || this.started) return;
    this.started = true;
    void this.connect();
  }

  /** The time of the last delivered event, for a caller that wants to resume elsewhere. */
  get lastEventTimeNano(): bigint | undefined {
    return this.lastNano;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const h = this.handle;
    this.handle = undefined;
    h?.close();
    this.opts.onStatus?.({ state: 'disposed' });
  }

  private status(s: EventStreamStatus): void {
    if (!this.disposed) this.opts.onStatus?.(s);
  }

  private path(prefix: string): string {
    const query: string[] = [];
    if (this.opts.containersOnly !== false)
      query.push(`filters=${encodeURIComponent(JSON.stringify({ type: ['container'] }))}`);
    if (this.lastNano !== undefined) query.push(`since=${formatEventTime(this.lastNano)}`);
    return `${prefix}/events${query.length ? `?${query.join('&')}` : ''}`;
  }

  private async connect(): Promise<void> {
    this.status({ state: 'connecting' });
    const connection = ++this.connections;
    // Re-negotiate on every connection: after "engine stopped" the engine may come back upgraded.
    const ping = await this.client.ping();
    if (this.disposed || connection !== this.connections) return;
    if (!ping.ok) {
      this.scheduleRetry(ping.error.detail, ping.error, undefined, 0);
      return;
    }
    const prefix = `/v${ping.value.apiVersion}`;
    const splitter = new NdjsonSplitter();
    let connectedAt: number | undefined;
    let delivered = 0;
    this.handle = httpGetStream(
      this.client.endpoint,
      this.path(prefix),
      {
        onResponse: () => {
          connectedAt = this.timers.now();
          this.status({ state: 'connected' });
        },
        onData: (chunk) => {
          for (const line of splitter.push(chunk)) if (this.deliver(line)) delivered++;
        },
        onEnd: (error) => {
          this.handle = undefined;
          if (this.disposed) return;
          // A last line without its newline is still a complete event if it parses.
          const rest = splitter.flush();
          if (rest !== undefined && this.deliver(rest)) delivered++;
          const reason = error ? error.detail : 'the engine closed the events stream';
          this.scheduleRetry(reason, error, connectedAt, delivered);
        },
      },
      { connectTimeoutMs: this.opts.connectTimeoutMs },
    );
  }

  /** Emits one event unless it is a replay of one already delivered. Returns whether it was emitted. */
  private deliver(line: string): boolean {
    const ev = parseDockerEvent(line);
    if (typeof ev === 'string') return false; // one bad line must not stop the stream
    const key = `${ev.type}\u0000${ev.id}\u0000${ev.action}\u0000${ev.timeNano}`;
    if (this.lastNano !== undefined) {
      if (ev.timeNano < this.lastNano) return false;
      if (ev.timeNano === this.lastNano && this.seenAtLast.has(key)) return false;
    }
    if (this.lastNano === undefined || ev.timeNano > this.lastNano) {
      this.lastNano = ev.timeNano;
      this.seenAtLast = new Set();
    }
    this.seenAtLast.add(key);
    this.opts.onEvent(ev);
    return true;
  }

  private scheduleRetry(
    reason: string,
    error: DockerError | undefined,
    connectedAt: number | undefined,
    delivered: number,
  ): void {
    if (this.disposed) return;
    const stable =
      delivered > 0 || (connectedAt !== undefined && this.timers.now() - connectedAt >= this.stableAfterMs);
    if (stable) this.backoffMs = this.initialBackoffMs;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.status({ state: 'disconnected', reason, error, retryInMs: wait });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.disposed) void this.connect();
    }, wait);
  }
}
