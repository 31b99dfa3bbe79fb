// Hovers over pathological lines stay linear in the line's length (most of them read a bounded
// stretch of it): the hover runs on the extension host's one thread, so a scan that goes quadratic
// on a long line freezes every extension. Each case is built at an eighth and at the full size, and
// hovered at the start, the middle and the end of the line, and on the line after it; the parser
// directives are read each time, as on the first hover after an edit. How fast a hover is, is the
// bench's to say (npm run bench, the hovers section); here only how its cost grows.
import * as assert from 'node:assert/strict';
import { hoverAt, linesOf } from '../../../src/core/dockerfile';
import type { Position } from '../../../src/core/dockerfile';
import { growth } from '../../support/growth';

const MB = 1_000_000;
/** The full size of each case's repeated part; the small one is an eighth of it. */
const FULL = MB;
const SIZES = 8;
/**
 * Eight times the line: linear work costs 8× (up to about 12× here, as the longer line falls out
 * of the CPU's caches), quadratic 64×; the limit sits between.
 */
const LIMIT = 24;

/** Lines that could make a pattern backtrack or a scan go quadratic, each built at size `n`. */
const CASES: ReadonlyArray<[string, (n: number) => string]> = [
  ['a directive followed by 100,000 spaces', (n) => '# syntax=a' + ' '.repeat(n / 10)],
  ['a directive, 100,000 spaces, then a word', (n) => '# syntax=a' + ' '.repeat(n / 10) + 'x'],
  ['a directive with a 1 MB name', (n) => '# ' + 'a'.repeat(n) + '=x'],
  ['a comment of 1 MB of spaces', (n) => '#' + ' '.repeat(n)],
  ['1 MB of one letter', (n) => 'a'.repeat(n)],
  ['RUN and 1 MB of one letter', (n) => 'RUN ' + 'a'.repeat(n)],
  ['RUN, 1 MB of spaces, a word', (n) => 'RUN' + ' '.repeat(n) + 'runc'],
  ['half a million one-letter words', (n) => 'RUN ' + 'a '.repeat(n / 2)],
  ['1 MB of double quotes', (n) => 'RUN ' + '"'.repeat(n)],
  ['deeply nested quotes', (n) => 'RUN ' + '"\''.repeat(n / 2)],
  ['deeply nested command substitutions', (n) => 'RUN echo ' + '"$(echo '.repeat(n / 16) + ')"'.repeat(n / 16)],
  ['1 MB of $', (n) => 'RUN ' + '$'.repeat(n)],
  ['1 MB of ${', (n) => 'RUN ' + '${'.repeat(n / 2)],
  ['1 MB of {', (n) => 'RUN ' + '{'.repeat(n)],
  ['1 MB of backslashes', (n) => 'RUN ' + '\\'.repeat(n)],
  ['1 MB of backslash-space', (n) => 'RUN ' + '\\ '.repeat(n / 2)],
  ['1 MB of here-document openers', (n) => 'RUN ' + '<<'.repeat(n / 2)],
  ['an unclosed quoted here-document name', (n) => 'RUN <<"' + 'A'.repeat(n)],
  ['a --mount of 1 MB of commas', (n) => 'RUN --mount=' + ','.repeat(n)],
  ['a --mount of 90,000 options', (n) => 'RUN --mount=' + 'type=cache,'.repeat(n / 11)],
  ['250,000 flags', (n) => 'RUN ' + '--x '.repeat(n / 4)],
  ['1 MB of dots and dashes', (n) => 'RUN ' + '.-'.repeat(n / 2)],
  ['1 MB of path segments', (n) => 'RUN ' + '/a'.repeat(n / 2)],
  ['a 1 MB phrase of glossary words', (n) => '# ' + 'pid namespace '.repeat(n / 14)],
  ['words parted by 1 MB of spaces', (n) => 'RUN pid' + ' '.repeat(n) + 'namespace'],
];

/** The case's line in its document, and the five places it is hovered. */
function hovered(line: string) {
  // Directive-looking cases are hovered where directives are: on the first line.
  const lines = line.startsWith('# syntax') ? [line, 'FROM alpine'] : ['FROM alpine', line, 'RUN runc'];
  const n = lines.indexOf(line);
  const probes: Position[] = [
    { line: n, character: Math.min(line.length, 3) },
    { line: n, character: line.length >> 1 },
    { line: n, character: line.length - 1 },
    { line: n, character: line.length },
    { line: n + 1, character: 1 },
  ];
  return { src: linesOf(lines.join('\n')), probes };
}

const PROBE_NAMES = ['its start', 'its middle', 'its last character', 'its end', 'the next line'];

describe('hover on pathological lines', function () {
  this.timeout(60_000);

  for (const [name, make] of CASES) {
    it(`${name}: the hover's cost grows at most linearly with the line, at its start, middle and end and on the next line`, () => {
      const small = hovered(make(FULL / SIZES));
      const large = hovered(make(FULL));
      for (let i = 0; i < PROBE_NAMES.length; i++) {
        const g = growth(
          () => hoverAt(small.src, small.probes[i]),
          () => hoverAt(large.src, large.probes[i]),
        );
        assert.ok(g.ratio < LIMIT, `${name}, at ${PROBE_NAMES[i]}: ${SIZES}× the line took ${g.detail}`);
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
