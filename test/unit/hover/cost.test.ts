// The hover reads the cursor's line and the lines it continues, not the file (counted through the
// line source, so the bound holds whatever the machine's load; how fast a hover is, the bench
// measures); and the setting maps to the right level.
import * as assert from 'node:assert/strict';
import { MAX_HEREDOC_LINES, hoverAt, levelForMode, linesOf, readDirectives } from '../../../src/core/dockerfile';
import type { LineSource } from '../../../src/core/dockerfile';
import { bigDockerfile } from './helpers';

function counting(src: LineSource): { src: LineSource; reads: () => number; touched: Set<number> } {
  let reads = 0;
  const touched = new Set<number>();
  return {
    src: {
      lineCount: src.lineCount,
      lineAt: (n) => {
        reads++;
        touched.add(n);
        return src.lineAt(n);
      },
    },
    reads: () => reads,
    touched,
  };
}

describe('hover cost', () => {
  const lines = bigDockerfile();
  const base = linesOf(lines.join('\n'));
  const directives = readDirectives(base);

  it('reads only a few lines around the cursor, never after it', () => {
    const probes = [2995, 2990, 2993, 1500, 1504, 7, 5];
    for (const line of probes) {
      const text = lines[line];
      const character = Math.max(0, text.search(/\S/)) + 1;
      const c = counting(base);
      hoverAt(c.src, { line, character }, { directives });
      assert.ok(c.reads() < 40, `line ${line}: ${c.reads()} reads`);
      assert.ok(
        [...c.touched].every((n) => n <= line),
        `line ${line}: read a line after the cursor`,
      );
    }
  });

  it('reads the directives from the first lines only', () => {
    const c = counting(base);
    readDirectives(c.src);
    assert.ok(c.reads() <= 3, `${c.reads()} reads`);
  });

  it('looks back at most MAX_HEREDOC_LINES lines for a here-document opener', () => {
    const body = [
      'FROM alpine',
      'RUN <<EOF',
      ...Array.from({ length: MAX_HEREDOC_LINES + 100 }, () => 'echo runc'),
      'EOF',
    ];
    const c = counting(linesOf(body.join('\n')));
    hoverAt(c.src, { line: body.length - 2, character: 6 });
    assert.ok(c.reads() <= MAX_HEREDOC_LINES + 10, `${c.reads()} reads`);
  });
});

describe('hover mode setting', () => {
  it('auto gives everything, or flags and glossary when another extension hovers instructions', () => {
    assert.equal(levelForMode('auto', false), 'all');
    assert.equal(levelForMode('auto', true), 'flags-and-glossary');
    assert.equal(levelForMode(undefined, true), 'flags-and-glossary');
    assert.equal(levelForMode('nonsense', false), 'all');
  });

  it('all, glossary-only and off do not depend on other extensions', () => {
    for (const other of [false, true]) {
      assert.equal(levelForMode('all', other), 'all');
      assert.equal(levelForMode('glossary-only', other), 'glossary-only');
      assert.equal(levelForMode('off', other), 'off');
    }
  });
});
