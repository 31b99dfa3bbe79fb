/**
 * Docker's `GET /events` stream as an EventConnector for the shared EventWatch: the body is
 * newline-delimited JSON; each connection re-negotiates the API version (after "engine stopped" the
 * engine may come back upgraded) and asks for `since=` the last event seen.
 */
import { httpGetStream } from '../shared/httpStream';
import { isObject } from '../shared/json';
import { ndjsonLines, parseEventLine } from '../shared/ndjson';
import { formatEventTime, type EventConnector } from '../shared/watch';
import type { DockerClient } from './client';

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
  const parsed = parseEventLine(line);
  if (typeof parsed === 'string') return parsed;
  const { event: ev, actor } = parsed;
  const id = typeof ev.id === 'string' ? ev.id : typeof actor.ID === 'string' ? actor.ID : '';
  const action = typeof ev.Action === 'string' ? ev.Action : typeof ev.status === 'string' ? ev.status : '';
  const type = typeof ev.Type === 'string' ? ev.Type : 'container';
  if (typeof ev.time !== 'number') return 'event has no time';
  const timeNano = parsed.timeNano ?? BigInt(Math.trunc(ev.time)) * 1_000_000_000n;
  const attributes: Record<string, string> = {};
  if (isObject(actor.Attributes)) {
    for (const [k, v] of Object.entries(actor.Attributes)) if (typeof v === 'string') attributes[k] = v;
  }
  return { id, action, type, time: ev.time, timeNano, attributes };
}

export interface DockerEventOptions {
  /** Only container events (the default); false for every type. */
  containersOnly?: boolean;
  connectTimeoutMs?: number;
}

export function eventsPath(prefix: string, sinceNano: bigint | undefined, containersOnly: boolean): string {
  const query: string[] = [];
  if (containersOnly) query.push(`filters=${encodeURIComponent(JSON.stringify({ type: ['container'] }))}`);
  if (sinceNano !== undefined) query.push(`since=${formatEventTime(sinceNano)}`);
  return `${prefix}/events${query.length ? `?${query.join('&')}` : ''}`;
}

export function dockerEventConnector(
  client: DockerClient,
  options: DockerEventOptions = {},
): EventConnector<DockerEvent> {
  return {
    async connect(sinceNano, handlers) {
      const ping = await client.ping();
      if (!ping.ok) {
        handlers.ended(ping.error.detail);
        return undefined;
      }
      const lines = ndjsonLines((line) => {
        const ev = parseDockerEvent(line);
        if (typeof ev === 'string') return; // one bad line must not stop the stream
        handlers.event({ event: ev, timeNano: ev.timeNano, key: `${ev.type}\u0000${ev.id}\u0000${ev.action}` });
      });
      const path = eventsPath(`/v${ping.value.apiVersion}`, sinceNano, options.containersOnly !== false);
      return httpGetStream(
        client.endpoint,
        path,
        {
          onResponse: () => handlers.connected(),
          onData: lines.push,
          onEnd: (error) => {
            lines.end();
            handlers.ended(error ? error.detail : 'the engine closed the events stream');
          },
        },
        { connectTimeoutMs: options.connectTimeoutMs },
      );
    },
  };
}
