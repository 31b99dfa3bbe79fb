/**
 * Follows Podman's container events: `GET /libpod/events?stream=true` (newline-delimited JSON) on
 * the socket, else a long-lived `podman events --format json --filter type=container` child.
 * Either way it reconnects (or restarts the child) with bounded exponential back-off, resumes with
 * `since=` from the last event seen, and drops the replayed duplicates (`since` is inclusive).
 * Dispose closes the stream and kills the child (TERM, then KILL if it lingers).
 */
import childProcess = require('node:child_process');
import type { ChildProcess } from 'node:child_process';
import type { ContainerEvent, EngineWatchStatus } from '../../snapshot/engineSource';
import { formatEventTime, NdjsonSplitter, realTimers } from '../dockerEvents';
import type { Timers } from '../dockerEvents';
import { httpGetStream } from '../unixHttp';
import type { HttpEndpoint, StreamHandle } from '../unixHttp';
import { cliCommand, type PodmanCliTarget } from './cli';
import { parsePodmanEvent } from './records';

export const LIBPOD_PREFIX = '/v4.0.0/libpod';
const KILL_GRACE_MS = 2_000;

export interface PodmanWatchOptions {
  runtime: 'podman' | 'podman-rootless';
  /** Chooses the transport for each (re)connection: the socket when it answers, else the CLI. */
  choose(): Promise<
    | { via: 'socket'; endpoint: HttpEndpoint }
    | { via: 'cli'; target: PodmanCliTarget }
    | { via: 'none'; reason: string }
  >;
  onEvent(event: ContainerEvent): void;
  onStatus(status: EngineWatchStatus): void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  stableAfterMs?: number;
  timers?: Timers;
}

/** RFC 3339 with up to 9 fractional digits (the CLI's `Time`) → Unix nanoseconds. */
export function rfc3339ToNano(text: string): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms / 1000) * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}

export class PodmanEventWatcher {
  private readonly timers: Timers;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly stableAfterMs: number;
  private backoffMs: number;
  private disposed = false;
  private stream: StreamHandle | undefined;
  private child: ChildProcess | undefined;
  private retryTimer: unknown;
  private lastNano: bigint | undefined;
  private seenAtLast = new Set<string>();
  private connections = 0;

  constructor(private readonly opts: PodmanWatchOptions) {
    this.timers = opts.timers ?? realTimers;
    this.initialBackoffMs = opts.initialBackoffMs ?? 250;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.stableAfterMs = opts.stableAfterMs ?? 5_000;
    this.backoffMs = this.initialBackoffMs;
  }

  start(): void {
    void this.connect();
  }

  /** The running `podman events` child, if the CLI is in use (tests check it is killed). */
  get childPid(): number | undefined {
    return this.child?.pid;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const s = this.stream;
    this.stream = undefined;
    s?.close();
    this.killChild();
  }

  private killChild(): void {
    const child = this.child;
    this.child = undefined;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    // The child leads its own process group (detached), so `runuser … podman events` goes down
    // with its podman child instead of leaving it orphaned.
    const pid = child.pid;
    const signalGroup = (sig: NodeJS.Signals): void => {
      try {
        process.kill(-pid, sig);
      } catch {
        try {
          child.kill(sig);
        } catch {
          /* already gone */
        }
      }
    };
    signalGroup('SIGTERM');
    const t = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
    t.unref();
    child.once('exit', () => {
      clearTimeout(t);
      signalGroup('SIGKILL'); // anything left in the group (a podman that ignored TERM)
    });
  }

  private status(s: EngineWatchStatus): void {
    if (!this.disposed) this.opts.onStatus(s);
  }

  private async connect(): Promise<void> {
    const connection = ++this.connections;
    const how = await this.opts.choose();
    if (this.disposed || connection !== this.connections) return;
    if (how.via === 'none') {
      this.scheduleRetry(how.reason, undefined, 0);
      return;
    }
    const splitter = new NdjsonSplitter();
    let connectedAt: number | undefined;
    let delivered = 0;
    const onLines = (chunk: Buffer): void => {
      for (const line of splitter.push(chunk)) if (this.deliver(line)) delivered++;
    };
    const ended = (reason: string): void => {
      if (this.disposed || connection !== this.connections) return;
      const rest = splitter.flush();
      if (rest !== undefined && this.deliver(rest)) delivered++;
      this.scheduleRetry(reason, connectedAt, delivered);
    };

    if (how.via === 'socket') {
      const query = [`stream=true`, `filters=${encodeURIComponent(JSON.stringify({ type: ['container'] }))}`];
      if (this.lastNano !== undefined) query.push(`since=${formatEventTime(this.lastNano)}`);
      this.stream = httpGetStream(how.endpoint, `${LIBPOD_PREFIX}/events?${query.join('&')}`, {
        onResponse: () => {
          connectedAt = this.timers.now();
          this.status({ state: 'connected' });
        },
        onData: onLines,
        onEnd: (error) => {
          this.stream = undefined;
          ended(error ? error.detail : 'Podman closed the events stream');
        },
      });
      return;
    }

    const args = ['events', '--format', 'json', '--filter', 'type=container'];
    if (this.lastNano !== undefined) args.push('--since', formatEventTime(this.lastNano));
    const { file, args: argv } = cliCommand(how.target, args);
    let stderr = '';
    let child: ChildProcess;
    try {
      child = childProcess.spawn(file, argv, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: how.target.env ?? process.env,
        shell: false,
        windowsHide: true,
        detached: true,
      });
    } catch (err) {
      ended(`could not start ${file}: ${(err as Error).message}`);
      return;
    }
    this.child = child;
    child.on('spawn', () => {
      connectedAt = this.timers.now();
      this.status({ state: 'connected' });
    });
    child.stdout?.on('data', onLines);
    child.stderr?.on('data', (c: Buffer) => {
      if (stderr.length < 4096) stderr += c.toString('utf8');
    });
    let done = false;
    const finish = (reason: string): void => {
      if (done) return;
      done = true;
      if (this.child === child) this.child = undefined;
      ended(reason);
    };
    child.on('error', (err) => finish(`${file}: ${err.message}`));
    child.on('close', (code, sig) => {
      const last = stderr.trim().split('\n').filter(Boolean).pop();
      finish(`podman events ended (${sig ?? `status ${code}`})${last ? `: ${last}` : ''}`);
    });
  }

  private deliver(line: string): boolean {
    const ev = parsePodmanEvent(line);
    if (typeof ev === 'string' || ev.type !== 'container') return false;
    let nano = ev.timeNano;
    if (nano === undefined) {
      const t = /"Time"\s*:\s*"([^"]+)"/.exec(line);
      nano = t ? rfc3339ToNano(t[1]) : undefined;
    }
    if (nano !== undefined) {
      const key = `${ev.id}\u0000${ev.action}`;
      if (this.lastNano !== undefined) {
        if (nano < this.lastNano) return false;
        if (nano === this.lastNano && this.seenAtLast.has(key)) return false;
      }
      if (this.lastNano === undefined || nano > this.lastNano) {
        this.lastNano = nano;
        this.seenAtLast = new Set();
      }
      this.seenAtLast.add(key);
    }
    this.opts.onEvent({ runtime: this.opts.runtime, id: ev.id, action: ev.action });
    return true;
  }

  private scheduleRetry(reason: string, connectedAt: number | undefined, delivered: number): void {
    if (this.disposed) return;
    const stable =
      delivered > 0 || (connectedAt !== undefined && this.timers.now() - connectedAt >= this.stableAfterMs);
    if (stable) this.backoffMs = this.initialBackoffMs;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.status({ state: 'disconnected', reason, retryInMs: wait });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.disposed) void this.connect();
    }, wait);
  }
}
