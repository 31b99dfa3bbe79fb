// isTermHere on its own: which spellings of a term stand for it where they are written.
import * as assert from 'node:assert/strict';
import { isTermHere } from '../../../src/core/glossary';

/** isTermHere for the first `word` in `text`, its run being the token's run of word chars, `.` and `-`. */
function here(text: string, word: string, nth = 0): boolean {
  let start = -1;
  for (let n = 0; n <= nth; n++) start = text.indexOf(word, start + 1);
  assert.ok(start >= 0, `${word} not in ${text}`);
  const end = start + word.length;
  const isRun = (c: string | undefined): boolean => c !== undefined && /[\w.-]/.test(c);
  let runStart = start;
  while (isRun(text[runStart - 1])) runStart--;
  let runEnd = end;
  while (isRun(text[runEnd])) runEnd++;
  return isTermHere(text, start, end, runStart, runEnd);
}

describe('isTermHere', () => {
  it('a word on its own, at the start of a package name, or opening a dotted part', () => {
    assert.ok(here('runs in a container', 'container'));
    assert.ok(here('apt-get install docker-ce', 'docker'));
    assert.ok(here('wget runc.amd64', 'runc'));
    assert.ok(here('io.containers.capabilities=x', 'capabilities'));
    assert.ok(here('/usr/bin/runc --version', 'runc'));
  });

  it('not in the middle or at the end of a package name', () => {
    assert.ok(!here('nginx-module-image-filter', 'image'));
    assert.ok(!here('buildkit-qemu-aarch64', 'qemu'));
    assert.ok(!here('podman-docker', 'docker'));
  });

  it('not inside URLs, registry and module paths, or git@host:path', () => {
    assert.ok(!here('https://github.com/moby/buildkit', 'moby'));
    assert.ok(!here('"https://docs.docker.com/x"', 'docker'));
    assert.ok(!here('docker.io/library/docker:dind', 'docker', 1));
    assert.ok(!here('github.com/opencontainers/runc/libcontainer', 'runc'));
    assert.ok(!here('git@github.com:moby/moby.git', 'moby'));
  });

  it('still the term in an image reference with a digest, and as a variable inside a URL', () => {
    assert.ok(here('moby/buildkit@sha256:0123abcd', 'buildkit'));
    assert.ok(here('./docker/entrypoint.sh', 'docker'));
    assert.ok(here('https://example.invalid/tool-${TARGETOS}-$TARGETARCH.tgz', 'TARGETOS'));
    assert.ok(here('https://example.invalid/tool-${TARGETOS}-$TARGETARCH.tgz', 'TARGETARCH'));
  });

  it('scans a 1,000,000-character token in linear time', () => {
    const long = `${'a.b/'.repeat(250_000)}docker`;
    const t0 = process.hrtime.bigint();
    here(long, 'docker');
    assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 200);
  });
});
