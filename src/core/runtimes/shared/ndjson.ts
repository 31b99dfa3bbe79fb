/**
 * Newline-delimited JSON as the engines stream it: transport chunks ignore line boundaries, so one
 * chunk may hold several events or half of one (even half of a UTF-8 character).
 */
import { isObject, parseJson, type Json } from './json';

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

/** A stream's lines handed to `onLine` as they complete; `end()` hands over a last line left without its newline. */
export function ndjsonLines(onLine: (line: string) => void): { push(chunk: Buffer): void; end(): void } {
  const splitter = new NdjsonSplitter();
  return {
    push: (chunk) => splitter.push(chunk).forEach(onLine),
    end: () => {
      // A last line without its newline is still a complete event if it parses.
      const rest = splitter.flush();
      if (rest !== undefined) onLine(rest);
    },
  };
}

export interface EventLine {
  event: Json;
  /** The Docker-style `Actor` (`ID`, `Attributes`), or {} where there is none. */
  actor: Json;
  /** `timeNano` read from the raw text: as a JSON number it exceeds 2^53 and would be rounded. */
  timeNano?: bigint;
}

/** One line of an engine's event stream as a JSON object; a string says why it is not one. */
export function parseEventLine(line: string): EventLine | string {
  const parsed = parseJson(line, 'event');
  if (!parsed.ok) return parsed.error.detail;
  const event = parsed.value;
  if (!isObject(event)) return 'event is not an object';
  const nano = /"timeNano"\s*:\s*(\d+)/.exec(line);
  return { event, actor: isObject(event.Actor) ? event.Actor : {}, timeNano: nano ? BigInt(nano[1]) : undefined };
}
