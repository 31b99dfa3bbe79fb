// Helpers for the hover tests: Dockerfiles as strings, probes by the word under the cursor.
import * as assert from 'node:assert/strict';
import { hoverAt, linesOf } from '../../../src/core/dockerfile';
import type { HoverLevel, HoverResult, LineSource, Located } from '../../../src/core/dockerfile';

export interface Doc {
  readonly src: LineSource;
  readonly lines: readonly string[];
}

export function doc(...lines: string[]): Doc {
  return { src: linesOf(lines.join('\n')), lines };
}

/**
 * The hover with the cursor on the `nth` occurrence of `word` on `line`, `offset` characters into
 * it (default: its middle).
 */
export function hoverOn(
  d: Doc,
  line: number,
  word: string,
  opts: { nth?: number; offset?: number; level?: HoverLevel } = {},
): HoverResult | undefined {
  const text = d.lines[line];
  assert.ok(text !== undefined, `no line ${line}`);
  let index = -1;
  for (let n = 0; n <= (opts.nth ?? 0); n++) {
    index = text.indexOf(word, index + 1);
    assert.ok(index >= 0, `"${word}" (#${n}) not on line ${line}: ${JSON.stringify(text)}`);
  }
  const character = index + (opts.offset ?? Math.floor(word.length / 2));
  return hoverAt(d.src, { line, character }, { level: opts.level });
}

/** What `locate` found there, in a compact comparable form. */
export function what(
  d: Doc,
  line: number,
  word: string,
  opts: { nth?: number; offset?: number; level?: HoverLevel } = {},
): string | undefined {
  const found = hoverOn(d, line, word, opts)?.located;
  return found ? describeLocated(found) : undefined;
}

export function describeLocated(found: Located): string {
  switch (found.kind) {
    case 'instruction':
      return found.keyword ? `keyword ${found.instruction} ${found.keyword}` : `instruction ${found.instruction}`;
    case 'flag':
      return `flag ${found.instruction} --${found.flag}`;
    case 'flagValue':
      return found.value !== undefined
        ? `value ${found.instruction} --${found.flag}${found.option ? ` ${found.option}` : ''}=${found.value}`
        : `option ${found.instruction} --${found.flag} ${found.option}`;
    case 'directive':
      return `directive ${found.directive}`;
    case 'term':
      return `term ${found.termId}`;
  }
}

/** A 3,000-line Dockerfile made of realistic stages, with a here-document now and then. */
export function bigDockerfile(lineCount = 3000): string[] {
  const lines = ['# syntax=docker/dockerfile:1', ''];
  let stage = 0;
  while (lines.length < lineCount) {
    lines.push(
      `FROM --platform=$BUILDPLATFORM golang:1.22 AS stage${stage++}`,
      'WORKDIR /src',
      '# cache mounts keep the module cache out of the image; the step runs in its own mount namespace',
      'RUN --mount=type=cache,target=/go/pkg/mod \\',
      '    --mount=type=bind,target=. \\',
      '    --network=none \\',
      '    go build -o /out/app ./... && readlink /proc/self/ns/pid',
      'RUN <<EOF',
      'set -eux',
      'echo "runc, crun and gVisor are OCI runtimes"',
      'EOF',
      'COPY --link --chown=65532:65532 --from=build /out/app /app',
      'USER 65532:65532',
      'EXPOSE 8080',
      '',
    );
  }
  return lines.slice(0, lineCount);
}
