// Whole Dockerfiles generated from the ground truth (referenceTables.ts, guideWords.ts), shaped like
// public ones without copying any: parser directives, global ARGs, multi-stage builds, flags spread
// over continuation lines with comments between them, here-documents, ONBUILD, lower-case keywords,
// and the same again with Windows' backtick escape. Every instruction, flag, flag value, mount option,
// predefined arg and guide word is written into them, with the hover each must give; one test fails
// with the list of every one that has no hover or the wrong one. (The hover's cost on the
// benchmark's 10,000-line file is the bench's to measure: npm run bench, hovers.)
import * as assert from 'node:assert/strict';
import { hoverAt, linesOf, readDirectives } from '../../../src/core/dockerfile';
import { INSTRUCTIONS } from '../../../src/core/glossary';
import { describeLocated } from './helpers';
import { GUIDE_VOCABULARY, OTHER_SPELLINGS } from './guideWords';
import { BOOLEAN_FLAGS, FLAG_VALUES, MOUNT_OPTIONS, PREDEFINED_ARGS, REFERENCE_FLAGS } from './referenceTables';

interface Probe {
  readonly line: number;
  readonly character: number;
  readonly expect: string;
  readonly what: string;
}

/** Lines of a Dockerfile and the hovers expected on them, written together. */
class Generated {
  readonly lines: string[] = [];
  readonly probes: Probe[] = [];

  constructor(readonly escape: '\\' | '`') {}

  /** Adds a line; each [snippet, expected] probes the middle of the first `snippet` on it (after `from`). */
  add(text: string, ...expectations: [snippet: string, expect: string, from?: number][]): this {
    const line = this.lines.length;
    this.lines.push(text);
    for (const [snippet, expect, from] of expectations) {
      const at = text.indexOf(snippet, from ?? 0);
      assert.ok(at >= 0, `"${snippet}" not in ${JSON.stringify(text)}`);
      this.probes.push({ line, character: at + (snippet.length >> 1), expect, what: `${snippet} in ${text.trim()}` });
    }
    return this;
  }

  /** A continued line: the text, then the escape character. */
  cont(text: string, ...expectations: [snippet: string, expect: string, from?: number][]): this {
    return this.add(`${text} ${this.escape}`, ...expectations);
  }

  failures(): string[] {
    const src = linesOf(this.lines.join('\n'));
    const directives = readDirectives(src);
    const out: string[] = [];
    for (const p of this.probes) {
      const hover = hoverAt(src, { line: p.line, character: p.character }, { directives });
      const got = hover ? describeLocated(hover.located) : 'no hover';
      if (got !== p.expect) out.push(`line ${p.line} ${p.what}: ${got}, wanted ${p.expect}`);
    }
    return out;
  }
}

function flagValue(instruction: string, flag: string): string {
  const values: Record<string, string> = {
    platform: '$BUILDPLATFORM',
    from: 'build',
    chown: '65532:65532',
    chmod: '0755',
    checksum: 'sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d',
    exclude: '*.md',
    network: 'none',
    security: 'sandbox',
    device: 'vendor1.com/device',
    mount: 'type=bind,target=/src',
    retries: '3',
  };
  return values[flag] ?? (instruction === 'HEALTHCHECK' ? '30s' : 'true');
}

function generate(escape: '\\' | '`'): Generated {
  const g = new Generated(escape);
  g.add('# syntax=docker/dockerfile:1', ['syntax', 'directive syntax']);
  if (escape === '`') g.add('# escape=`', ['escape', 'directive escape']);
  g.add('# check=skip=JSONArgsRecommended;error=true', ['check', 'directive check']);
  g.add('');
  // Predefined args in the global scope, as FROM lines use them.
  for (const name of PREDEFINED_ARGS) g.add(`ARG ${name}`, [name, `term arg-${name.toLowerCase()}`]);
  g.add(
    'FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build',
    ['FROM', 'instruction FROM'],
    ['AS', 'keyword FROM AS'],
  );

  // Every flag of every instruction, one per continuation line, with a comment line among them.
  for (const [instruction, flags] of Object.entries(REFERENCE_FLAGS)) {
    const names = Object.keys(flags);
    g.cont(instruction, [instruction, `instruction ${instruction}`]);
    names.forEach((flag, i) => {
      if (i === 1) g.add('    # a comment between the flags mentions seccomp', ['seccomp', 'term seccomp']);
      g.cont(`    --${flag}=${flagValue(instruction, flag)}`, [flag, `flag ${instruction} --${flag}`]);
    });
    const tail: Record<string, string> = { FROM: 'alpine', HEALTHCHECK: 'CMD wget -qO- localhost || exit 1' };
    g.add(`    ${tail[instruction] ?? 'src /dst'}`);
  }

  // Boolean flag values, the values of --network and --security, and RUN --device's options.
  for (const [instruction, flag] of BOOLEAN_FLAGS) {
    for (const value of ['true', 'false']) {
      g.add(`${instruction} --${flag}=${value} ./src /dst`, [`=${value}`, `value ${instruction} --${flag}=${value}`]);
    }
  }
  for (const [instruction, flag, values] of FLAG_VALUES) {
    for (const value of values) {
      g.add(`${instruction} --${flag}=${value} make`, [`=${value}`, `value ${instruction} --${flag}=${value}`]);
    }
  }
  g.cont('RUN --device=nvidia.com/gpu=all,required', ['required', 'option RUN --device required']);
  g.add('    --device=name=vendor1.com/device,required=false ./llama-cli', ['name=', 'option RUN --device name']);

  // Every mount type with every option of its table, one RUN --mount per type.
  for (const [type, options] of Object.entries(MOUNT_OPTIONS)) {
    const parts = Object.keys(options).map((o) => `${o}=v${o.length}`);
    const text = `    --mount=type=${type},${parts.join(',')}`;
    const expectations: [string, string, number][] = [[`=${type},`, `value RUN --mount type=${type}`, 0]];
    for (const [spelling, canonical] of Object.entries(options)) {
      expectations.push([`,${spelling}=`, `option RUN --mount ${canonical}`, 0]);
    }
    g.cont('RUN --network=none', ['RUN', 'instruction RUN']);
    g.add(`${text} go build ./...`, ...expectations);
  }

  // Every instruction by its keyword, in upper and lower case, and inside ONBUILD.
  for (const instruction of INSTRUCTIONS) {
    const name = instruction.name;
    const args = name === 'ONBUILD' ? 'RUN make' : name === 'HEALTHCHECK' ? 'NONE' : 'x';
    g.add(`${name} ${args}`, [name, `instruction ${name}`]);
    if (name !== 'FROM') g.add(`${name.toLowerCase()} ${args}`, [name.toLowerCase(), `instruction ${name}`]);
    if (!['ONBUILD', 'FROM', 'MAINTAINER'].includes(name)) {
      g.add(`ONBUILD ${name} ${args}`, ['ONBUILD', 'instruction ONBUILD'], [name, `instruction ${name}`, 8]);
    }
  }

  // Predefined args as RUN steps and the ENV, FROM and COPY lines use them.
  for (const name of PREDEFINED_ARGS) {
    const want = `term arg-${name.toLowerCase()}`;
    g.add(`ARG ${name}=default`, [name, want]);
    g.add(`RUN curl -fsSLO https://example.invalid/dl/tool-\${${name}}.tgz && echo "$${name}"`, [`{${name}}`, want]);
    g.add(`ENV COPY_OF_${name.length}=\${${name}:-unset}`, [`{${name}`, want]);
  }

  // The guide's words in a comment, a RUN line, a string and a here-document body, probed on their
  // last letter (a phrase is found from any of its words, a path such as I/O from its end).
  const lastLetter = (text: string, word: string, id: string): [string, string, number] => [
    word.slice(-1),
    `term ${id}`,
    text.indexOf(word) + word.length - 1,
  ];
  const words = [...GUIDE_VOCABULARY, ...OTHER_SPELLINGS];
  g.add('RUN <<EOF');
  for (const [word, id] of words) {
    const text = `echo "${word}: see the diagram"`;
    g.add(text, lastLetter(text, word, id));
  }
  g.add('EOF');
  for (const [word, id] of words) {
    const comment = `# ${word}, as the guide has it`;
    const run = `RUN echo ${word}`;
    const quoted = `    && echo '${word}' done`;
    g.add(comment, lastLetter(comment, word, id));
    g.cont(run, lastLetter(run, word, id));
    g.add(quoted, lastLetter(quoted, word, id));
  }
  return g;
}

describe('hover: generated Dockerfiles with everything the reference and the guide name', () => {
  for (const escape of ['\\', '`'] as const) {
    it(`every probe gets its hover (escape ${escape})`, () => {
      const g = generate(escape);
      assert.ok(g.probes.length > 600, `${g.probes.length} probes`);
      assert.deepEqual(g.failures(), []);
    });
  }

  it('the check fails when a probe is wrong (a generated file with one wrong expectation)', () => {
    const g = new Generated('\\')
      .add('FROM alpine')
      .add('RUN --network=none make', ['none', 'value RUN --network=host']);
    assert.equal(g.failures().length, 1);
  });
});
