// Hovers over pathological lines answer within milliseconds: the hover runs on the extension host's
// one thread, so a slow one freezes every extension. Each case is hovered at the start, the middle
// and the end of the line, and on the line after it; the parser directives are read each time, as
// on the first hover after an edit.
import * as assert from 'node:assert/strict';
import { hoverAt, linesOf } from '../../../src/core/dockerfile';
import type { LineSource, Position } from '../../../src/core/dockerfile';

const MB = 1_000_000;
const BUDGET_MS = 10;
const RUNS = 5;

/** The median of a few runs: one run can be slowed by the machine, the median by the code only. */
function medianMs(src: LineSource, pos: Position): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    hoverAt(src, pos);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[RUNS >> 1];
}

/** Lines that could make a pattern backtrack or a scan go quadratic, each as the line it is on. */
const CASES: ReadonlyArray<[string, string]> = [
  ['a directive followed by 100,000 spaces', '# syntax=a' + ' '.repeat(100_000)],
  ['a directive, 100,000 spaces, then a word', '# syntax=a' + ' '.repeat(100_000) + 'x'],
  ['a directive with a 1 MB name', '# ' + 'a'.repeat(MB) + '=x'],
  ['a comment of 1 MB of spaces', '#' + ' '.repeat(MB)],
  ['1 MB of one letter', 'a'.repeat(MB)],
  ['RUN and 1 MB of one letter', 'RUN ' + 'a'.repeat(MB)],
  ['RUN, 1 MB of spaces, a word', 'RUN' + ' '.repeat(MB) + 'runc'],
  ['half a million one-letter words', 'RUN ' + 'a '.repeat(MB / 2)],
  ['1 MB of double quotes', 'RUN ' + '"'.repeat(MB)],
  ['deeply nested quotes', 'RUN ' + '"\''.repeat(MB / 2)],
  ['deeply nested command substitutions', 'RUN echo ' + '"$(echo '.repeat(MB / 16) + ')"'.repeat(MB / 16)],
  ['1 MB of $', 'RUN ' + '$'.repeat(MB)],
  ['1 MB of ${', 'RUN ' + '${'.repeat(MB / 2)],
  ['1 MB of {', 'RUN ' + '{'.repeat(MB)],
  ['1 MB of backslashes', 'RUN ' + '\\'.repeat(MB)],
  ['1 MB of backslash-space', 'RUN ' + '\\ '.repeat(MB / 2)],
  ['1 MB of here-document openers', 'RUN ' + '<<'.repeat(MB / 2)],
  ['an unclosed quoted here-document name', 'RUN <<"' + 'A'.repeat(MB)],
  ['a --mount of 1 MB of commas', 'RUN --mount=' + ','.repeat(MB)],
  ['a --mount of 90,000 options', 'RUN --mount=' + 'type=cache,'.repeat(MB / 11)],
  ['250,000 flags', 'RUN ' + '--x '.repeat(MB / 4)],
  ['1 MB of dots and dashes', 'RUN ' + '.-'.repeat(MB / 2)],
  ['1 MB of path segments', 'RUN ' + '/a'.repeat(MB / 2)],
  ['a 1 MB phrase of glossary words', '# ' + 'pid namespace '.repeat(MB / 14)],
  ['words parted by 1 MB of spaces', 'RUN pid' + ' '.repeat(MB) + 'namespace'],
];

describe('hover on pathological lines', function () {
  this.timeout(60_000);

  for (const [name, line] of CASES) {
    it(`${name}: under ${BUDGET_MS} ms at its start, middle and end and on the next line`, () => {
      // Directive-looking cases are hovered where directives are: on the first line.
      const lines = line.startsWith('# syntax') ? [line, 'FROM alpine'] : ['FROM alpine', line, 'RUN runc'];
      const n = lines.indexOf(line);
      const src = linesOf(lines.join('\n'));
      const probes: Position[] = [
        { line: n, character: Math.min(line.length, 3) },
        { line: n, character: line.length >> 1 },
        { line: n, character: line.length - 1 },
        { line: n, character: line.length },
        { line: n + 1, character: 1 },
      ];
      for (const pos of probes) {
        const ms = medianMs(src, pos);
        assert.ok(ms < BUDGET_MS, `${name} at ${pos.line}:${pos.character}: median ${ms.toFixed(2)} ms`);
      }
    });
  }

  it('still finds what is there: the directive before the spaces, the flag before the commas', () => {
    const directive = linesOf(['# syntax=a' + ' '.repeat(100_000), 'FROM alpine'].join('\n'));
    assert.equal(hoverAt(directive, { line: 0, character: 4 })?.located.kind, 'directive');
    const mount = linesOf(['FROM alpine', 'RUN --mount=' + ','.repeat(MB)].join('\n'));
    assert.equal(hoverAt(mount, { line: 1, character: 6 })?.located.kind, 'flag');
    const spaced = linesOf(['FROM alpine', 'RUN' + ' '.repeat(MB) + 'runc'].join('\n'));
    assert.equal(hoverAt(spaced, { line: 1, character: MB + 4 })?.located.kind, 'term');
  });
});
