// isTermHere on its own: which spellings of a term stand for it where they are written.
import * as assert from 'node:assert/strict';
import { isTermHere } from '../../../src/core/glossary';

/** isTermHere for the `nth` `word` in `text`. */
function here(text: string, word: string, nth = 0): boolean {
  let start = -1;
  for (let n = 0; n <= nth; n++) start = text.indexOf(word, start + 1);
  assert.ok(start >= 0, `${word} not in ${text}`);
  return isTermHere(text, start, start + word.length);
}

describe('isTermHere', () => {
  it('a word on its own, at the start of a package name, or opening a dotted part', () => {
    assert.ok(here('runs in a container', 'container'));
    assert.ok(here('apt-get install docker-ce', 'docker'));
    assert.ok(here('wget runc.amd64', 'runc'));
    assert.ok(here('io.containers.capabilities=x', 'capabilities'));
    assert.ok(here('/usr/bin/runc --version', 'runc'));
    assert.ok(here('docker run --privileged alpine', 'privileged'));
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

  it('reads at most a few thousand characters of a huge token, and finds no term in one', () => {
    for (const long of [`x ${'a-'.repeat(500_000)}docker y`, `x docker${'-a'.repeat(500_000)} y`]) {
      const t0 = process.hrtime.bigint();
      assert.equal(here(long, 'docker'), false);
      assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 5);
    }
    assert.ok(here(`${'a'.repeat(1_000_000)}-\${TARGETARCH}`, 'TARGETARCH'), 'a variable is one anywhere');
  });
});
