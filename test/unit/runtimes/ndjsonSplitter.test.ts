// The events stream's framing: every split point of a byte stream must give the same lines.
import * as assert from 'node:assert/strict';
import { NdjsonSplitter } from '../../../src/core/runtimes/shared/ndjson';

function feed(chunks: Buffer[]): string[] {
  const s = new NdjsonSplitter();
  const out: string[] = [];
  for (const c of chunks) out.push(...s.push(c));
  const rest = s.flush();
  if (rest !== undefined) out.push(rest);
  return out;
}

describe('NdjsonSplitter', () => {
  const lines = [
    '{"status":"start","id":"abc","Type":"container","Action":"start","time":1700000000,"timeNano":1700000000123456789}',
    '{"Type":"container","Action":"die","Actor":{"ID":"abc","Attributes":{"name":"caf\u00e9-\u6f22\u5b57-\ud83d\udc33"}},"time":1700000001,"timeNano":1700000001000000001}',
    '{"Type":"container","Action":"destroy","id":"def","time":1700000002,"timeNano":1700000002000000000}',
  ];
  const whole = Buffer.from(lines.join('\n') + '\n', 'utf8');

  it('splits a stream cut into two at every byte offset', () => {
    for (let i = 0; i <= whole.length; i++) {
      assert.deepEqual(feed([whole.subarray(0, i), whole.subarray(i)]), lines, `cut at byte ${i}`);
    }
  });

  it('splits a stream cut into three at every pair of offsets (every 7th pair)', () => {
    let n = 0;
    for (let i = 0; i <= whole.length; i += 3) {
      for (let j = i; j <= whole.length; j += 7) {
        assert.deepEqual(
          feed([whole.subarray(0, i), whole.subarray(i, j), whole.subarray(j)]),
          lines,
          `cuts at ${i},${j}`,
        );
        n++;
      }
    }
    assert.ok(n > 100);
  });

  it('splits a stream fed one byte at a time, multi-byte characters included', () => {
    const chunks = Array.from({ length: whole.length }, (_, i) => whole.subarray(i, i + 1));
    const out = feed(chunks);
    assert.deepEqual(out, lines);
    assert.ok(out[1].includes('caf\u00e9-\u6f22\u5b57-\ud83d\udc33'));
  });

  it('returns several events from one chunk and keeps a trailing half for later', () => {
    const s = new NdjsonSplitter();
    const first = s.push(`${lines[0]}\n${lines[1]}\n${lines[2].slice(0, 10)}`);
    assert.deepEqual(first, [lines[0], lines[1]]);
    assert.deepEqual(s.push(`${lines[2].slice(10)}\n`), [lines[2]]);
    assert.equal(s.flush(), undefined);
  });

  it('skips blank lines and strips CRLF', () => {
    const s = new NdjsonSplitter();
    assert.deepEqual(s.push(`\n\r\n${lines[0]}\r\n\n`), [lines[0]]);
  });

  it('flush() returns a last line that had no newline', () => {
    const s = new NdjsonSplitter();
    assert.deepEqual(s.push(lines[0]), []);
    assert.equal(s.flush(), lines[0]);
  });

  it('drops a line longer than its limit instead of buffering without bound', () => {
    const s = new NdjsonSplitter(64);
    assert.deepEqual(s.push('x'.repeat(50)), []);
    assert.deepEqual(s.push('y'.repeat(50)), []);
    assert.equal(s.overflowed, 1);
    assert.deepEqual(s.push('zzz\n{"ok":1}\n'), ['{"ok":1}']);
  });
});
