/**
 * Podman's container events as an EventConnector for the shared EventWatch:
 * `GET /libpod/events?stream=true` (newline-delimited JSON) on the socket, else a long-lived
 * `podman events --format json --filter type=container` child, resuming with `since` either way.
 * The child is tied to this process: it gets SIGKILL when the extension host dies without
 * disposing (setpriv's parent-death signal, on both sides of runuser), and dispose kills it (TERM,
 * then KILL if it lingers).
 */
import childProcess = require('node:child_process');
import type { ChildProcess } from 'node:child_process';
import type { ContainerEvent } from '../../snapshot/engineSource';
import type { HttpEndpoint } from '../shared/http';
import { httpGetStream } from '../shared/httpStream';
import { isObject, optString } from '../shared/json';
import { ndjsonLines, parseEventLine } from '../shared/ndjson';
import { formatEventTime, type ConnectionHandlers, type EventConnector } from '../shared/watch';
import { cliCommand, type PodmanCliTarget } from './cli';
import { LIBPOD_PREFIX } from './client';

const KILL_GRACE_MS = 2_000;

export type EventTransport =
  { via: 'socket'; endpoint: HttpEndpoint } | { via: 'cli'; target: PodmanCliTarget } | { via: 'none'; reason: string };

/** One line of libpod's events (API or `podman events --format json`). */
export interface PodmanEvent {
  id: string;
  /** `start`, `died`, `remove`, `create`, `init`, `cleanup`… */
  action: string;
  type: string;
  name?: string;
  /** Unix nanoseconds where given. */
  timeNano?: bigint;
}

/** Parses one event line; a string says why it was rejected. */
export function parsePodmanEvent(line: string): PodmanEvent | string {
  const parsed = parseEventLine(line);
  if (typeof parsed === 'string') return parsed;
  const { event: raw, actor } = parsed;
  // The API sends the Docker-compatible shape (Type, Action, Actor.ID); the CLI libpod's own (ID, Status, Type).
  const id = optString(raw.ID) || optString(actor.ID) || optString(raw.id) || '';
  const action = optString(raw.Status) || optString(raw.Action) || optString(raw.status) || '';
  const type = (optString(raw.Type) || 'container').toLowerCase();
  if (!id) return 'event has no id';
  if (!action) return 'event has no action';
  const attributes = isObject(actor.Attributes) ? actor.Attributes : {};
  const name = optString(raw.Name) || optString(attributes.name);
  return { id, action: action.toLowerCase(), type, name, timeNano: parsed.timeNano };
}

/** RFC 3339 with up to 9 fractional digits (the CLI's `Time`) → Unix nanoseconds. */
export function rfc3339ToNano(text: string): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms / 1000) * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}

/** The lines of one connection, as events for the watch; `end` reads a last line without newline. */
function lineReader(runtime: ContainerEvent['runtime'], handlers: ConnectionHandlers<ContainerEvent>) {
  return ndjsonLines((line) => {
    const ev = parsePodmanEvent(line);
    if (typeof ev === 'string' || ev.type !== 'container') return;
    const time = ev.timeNano === undefined ? /"Time"\s*:\s*"([^"]+)"/.exec(line)?.[1] : undefined;
    handlers.event({
      event: { runtime, id: ev.id, action: ev.action },
      timeNano: ev.timeNano ?? (time ? rfc3339ToNano(time) : undefined),
      key: `${ev.id}\u0000${ev.action}`,
    });
  });
}

export function podmanEventConnector(
  runtime: 'podman' | 'podman-rootless',
  choose: () => Promise<EventTransport>,
): EventConnector<ContainerEvent> {
  return {
    async connect(sinceNano, handlers) {
      const how = await choose();
      if (how.via === 'none') {
        handlers.ended(how.reason);
        return undefined;
      }
      const lines = lineReader(runtime, handlers);
      const ended = (reason: string): void => {
        lines.end();
        handlers.ended(reason);
      };
      if (how.via === 'socket') {
        const query = [`stream=true`, `filters=${encodeURIComponent(JSON.stringify({ type: ['container'] }))}`];
        if (sinceNano !== undefined) query.push(`since=${formatEventTime(sinceNano)}`);
        return httpGetStream(how.endpoint, `${LIBPOD_PREFIX}/events?${query.join('&')}`, {
          onResponse: () => handlers.connected(),
          onData: lines.push,
          onEnd: (error) => ended(error ? error.detail : 'Podman closed the events stream'),
        });
      }
      const args = ['events', '--format', 'json', '--filter', 'type=container'];
      if (sinceNano !== undefined) args.push('--since', formatEventTime(sinceNano));
      return spawnEvents(how.target, args, { connected: () => handlers.connected(), data: lines.push, ended });
    },
  };
}

function spawnEvents(
  target: PodmanCliTarget,
  args: string[],
  on: { connected(): void; data(chunk: Buffer): void; ended(reason: string): void },
): { close(): void } | undefined {
  const { file, args: argv } = cliCommand(target, args, { tiedToParent: true });
  let child: ChildProcess;
  try {
    child = childProcess.spawn(file, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: target.env ?? process.env,
      shell: false,
      windowsHide: true,
    });
  } catch (err) {
    on.ended(`could not start ${file}: ${(err as Error).message}`);
    return undefined;
  }
  let stderr = '';
  child.on('spawn', () => on.connected());
  child.stdout?.on('data', on.data);
  child.stderr?.on('data', (c: Buffer) => {
    if (stderr.length < 4096) stderr += c.toString('utf8');
  });
  child.on('error', (err) => on.ended(`${file}: ${err.message}`));
  child.on('close', (code, sig) => {
    const last = stderr.trim().split('\n').filter(Boolean).pop();
    on.ended(`podman events ended (${sig ?? `status ${code}`})${last ? `: ${last}` : ''}`);
  });
  return { close: () => killChild(child) };
}

/** TERM (runuser passes it on to its podman), then KILL if the child lingers. */
function killChild(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signal = (sig: NodeJS.Signals): void => {
    try {
      child.kill(sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const t = setTimeout(() => signal('SIGKILL'), KILL_GRACE_MS);
  t.unref();
  child.once('exit', () => clearTimeout(t));
}
