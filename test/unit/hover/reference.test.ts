// The hovers against the current Dockerfile reference (moby/buildkit frontend/dockerfile/docs/
// reference.md), whose tables referenceTables.ts holds as the ground truth. Small generated
// Dockerfiles use every instruction, flag, flag value, mount option and predefined arg; each probe
// must give a hover, and the right one.
import * as assert from 'node:assert/strict';
import { INSTRUCTIONS, lookupFlag } from '../../../src/core/glossary';
import { describeLocated, doc, hoverOn } from './helpers';
import type { Doc } from './helpers';
import { BOOLEAN_FLAGS, FLAG_VALUES, MOUNT_OPTIONS, PREDEFINED_ARGS, REFERENCE_FLAGS } from './referenceTables';

/** The hover's text with markdown escapes taken out, for reading. */
function plain(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

function probe(d: Doc, line: number, word: string, opts: { nth?: number; offset?: number } = {}): string {
  const hover = hoverOn(d, line, word, opts);
  return hover ? describeLocated(hover.located) : 'no hover';
}

function textOf(d: Doc, line: number, word: string, opts: { nth?: number } = {}): string {
  const hover = hoverOn(d, line, word, opts);
  assert.ok(hover, `no hover on ${word} in ${JSON.stringify(d.lines[line])}`);
  return plain(hover.markdown);
}

describe('hover: every flag of the current Dockerfile reference', () => {
  it('the glossary has exactly the reference flags of each instruction', () => {
    for (const instruction of INSTRUCTIONS) {
      assert.deepEqual(
        instruction.flags.map((f) => f.name).sort(),
        Object.keys(REFERENCE_FLAGS[instruction.name] ?? {}).sort(),
        instruction.name,
      );
    }
  });

  it('each flag has a hover that names it and the frontend version that made it stable', () => {
    for (const [instruction, flags] of Object.entries(REFERENCE_FLAGS)) {
      for (const [flag, version] of Object.entries(flags)) {
        const d = doc('FROM alpine', `${instruction} --${flag}=x y z`);
        assert.equal(probe(d, 1, flag), `flag ${instruction} --${flag}`);
        const text = textOf(d, 1, flag);
        assert.match(text, new RegExp(`--${flag}`));
        if (version) assert.match(text, new RegExp(`stable since ${version.replace('.', '\\.')}\\b`), `${flag}`);
        else assert.match(text, /no minimum/, `${instruction} --${flag}`);
        assert.doesNotMatch(text, /Needs:\*\* docker\/dockerfile:1-labs/, `${flag} is stable now`);
      }
    }
  });

  it('the syntax lines show every flag, ADD --exclude and RUN --device included', () => {
    for (const [instruction, flags] of Object.entries(REFERENCE_FLAGS)) {
      const text = textOf(doc('FROM alpine', `${instruction} x`), instruction === 'FROM' ? 0 : 1, instruction);
      for (const flag of Object.keys(flags)) assert.match(text, new RegExp(`--${flag}\\b`), `${instruction} --${flag}`);
    }
  });

  it('each boolean flag value has a hover of its own, different for true and false', () => {
    for (const [instruction, flag] of BOOLEAN_FLAGS) {
      const d = doc('FROM alpine', `${instruction} --${flag}=true src /dst`, `${instruction} --${flag}=false src /dst`);
      assert.equal(probe(d, 1, 'true'), `value ${instruction} --${flag}=true`);
      assert.equal(probe(d, 2, 'false'), `value ${instruction} --${flag}=false`);
      assert.notEqual(textOf(d, 1, 'true'), textOf(d, 2, 'false'));
      assert.equal(probe(d, 1, flag), `flag ${instruction} --${flag}`);
    }
  });

  it('each value of --network and --security has its hover', () => {
    for (const [instruction, flag, values] of FLAG_VALUES) {
      for (const value of values) {
        const d = doc('FROM alpine', `${instruction} --${flag}=${value} echo`);
        assert.equal(probe(d, 1, value), `value ${instruction} --${flag}=${value}`);
      }
    }
  });

  it('each mount type and each of its options, in every spelling, has its hover', () => {
    for (const [type, options] of Object.entries(MOUNT_OPTIONS)) {
      for (const [spelling, canonical] of Object.entries(options)) {
        const d = doc('FROM alpine', `RUN --mount=type=${type},${spelling}=/x echo`);
        assert.equal(probe(d, 1, type), `value RUN --mount type=${type}`);
        assert.equal(probe(d, 1, `${spelling}=`), `option RUN --mount ${canonical}`, `${type} ${spelling}`);
        const option = lookupFlag('RUN', 'mount')!.options!.find((o) => o.value === canonical)!;
        if (option.types) assert.ok(option.types.includes(type), `${canonical} is an option of ${type}`);
      }
    }
  });

  it('RUN --device: its options name and required, and the device itself', () => {
    const d = doc(
      'FROM alpine',
      'RUN --device=nvidia.com/gpu=all,required \\',
      '    --device=name=vendor1.com/device,required=false \\',
      '    ./llama-cli',
    );
    assert.equal(probe(d, 1, 'device'), 'flag RUN --device');
    assert.equal(probe(d, 1, 'nvidia'), 'flag RUN --device');
    assert.equal(probe(d, 1, 'required'), 'option RUN --device required');
    assert.equal(probe(d, 2, 'name='), 'option RUN --device name');
    assert.equal(probe(d, 2, 'required'), 'option RUN --device required');
    assert.match(textOf(d, 1, 'device'), /entitlement/);
    assert.match(textOf(d, 1, 'device'), /CDI/);
  });
});

describe('hover: text as the current reference has it', () => {
  const d = doc(
    /* 0 */ '# syntax=docker/dockerfile:1',
    /* 1 */ 'FROM alpine',
    /* 2 */ 'RUN --mount=type=cache,target=/root/.cache --mount=type=tmpfs,target=/t,size=64m go build',
    /* 3 */ 'COPY --exclude=*.md --chmod=u=rwX,go=rX --chown=app:app . /src',
    /* 4 */ 'ADD --checksum=be1f38e https://example.invalid/repo.git#v1 /',
  );

  it('the syntax directive no longer says RUN --security needs the labs frontend', () => {
    const text = textOf(d, 0, 'syntax');
    for (const sentence of text.split(/[;.] /)) {
      if (sentence.includes('1-labs')) assert.doesNotMatch(sentence, /--security|--parents|--exclude/, sentence);
    }
    assert.match(text, /--security[^.;]*1\.20/);
  });

  it('the cache mount says another build or garbage collection may clear it', () => {
    const text = textOf(d, 2, 'cache');
    assert.match(text, /another build/);
    assert.match(text, /garbage collection/);
  });

  it('size= takes units such as 64m', () => {
    assert.match(textOf(d, 2, 'size'), /64m/);
  });

  it('--exclude follows the reference pattern rules, not .dockerignore', () => {
    const text = textOf(d, 3, 'exclude');
    assert.match(text, /filepath\.Match/);
    assert.doesNotMatch(text, /dockerignore/);
  });

  it('--chmod and --chown say they are not supported for Windows containers', () => {
    assert.match(textOf(d, 3, 'chmod'), /Windows/);
    assert.match(textOf(d, 3, 'chown'), /Windows/);
  });

  it('ADD --checksum covers Git sources (a commit SHA) as well as HTTP', () => {
    const text = textOf(d, 4, 'checksum');
    assert.match(text, /Git/);
    assert.match(text, /commit/);
    assert.match(text, /sha256/);
  });
});

describe('hover: predefined build args', () => {
  it('each one, declared with ARG, used as $NAME and as ${NAME}', () => {
    for (const name of PREDEFINED_ARGS) {
      const d = doc(
        `ARG ${name}`,
        `FROM --platform=linux/amd64 alpine`,
        `ARG ${name}=default`,
        `RUN echo $${name} && echo "\${${name}}" > /x`,
        `ENV COPY_OF=\${${name}:-none}`,
        'RUN <<EOF',
        `echo $${name}`,
        'EOF',
      );
      const want = `term arg-${name.toLowerCase()}`;
      assert.equal(probe(d, 0, name), want, `ARG ${name}`);
      assert.equal(probe(d, 2, name), want, `ARG ${name}=default`);
      assert.equal(probe(d, 3, name), want, `$${name}`);
      assert.equal(probe(d, 3, name, { nth: 1 }), want, `\${${name}}`);
      assert.equal(probe(d, 4, name), want, `\${${name}:-none}`);
      assert.equal(probe(d, 6, name), want, `$${name} in a here-document`);
      assert.match(textOf(d, 0, name), /predefined build arg/);
    }
  });

  it('the upper- and lower-case proxy args are the same entry', () => {
    const d = doc('FROM alpine', 'RUN echo $HTTPS_PROXY $https_proxy');
    assert.equal(probe(d, 1, 'HTTPS_PROXY'), probe(d, 1, 'https_proxy'));
  });

  it('not inside a longer name, and not in other cases', () => {
    const d = doc('FROM alpine', 'ARG MY_TARGETOS', 'RUN echo $TARGETOS_X $Targetos');
    assert.equal(probe(d, 1, 'TARGETOS'), 'no hover');
    assert.equal(probe(d, 2, 'TARGETOS'), 'no hover');
    assert.equal(probe(d, 2, 'Targetos'), 'no hover');
  });

  it('the platform args say emulation, not a VM, runs a foreign architecture', () => {
    const text = textOf(doc('FROM alpine', 'ARG TARGETARCH'), 1, 'TARGETARCH');
    assert.match(text, /emulation/);
    assert.match(text, /declare it/);
  });
});
