/**
 * Newline-delimited JSON as the engines stream it: transport chunks ignore line boundaries, so one
 * chunk may hold several events or half of one (even half of a UTF-8 character).
 */

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
