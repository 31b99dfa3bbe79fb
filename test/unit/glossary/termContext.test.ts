// isTermHere on its own: which spellings of a term stand for it where they are written.
import * as assert from 'node:assert/strict';
import { isTermHere } from '../../../src/core/glossary';
import { growth } from '../../support/growth';

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

  it('reads at most a few thousand characters of a huge token, and finds no term in one', function () {
    this.timeout(60_000); // measured several times over, on a machine that may be busy
    // Bounded work costs the same for a token 16 times longer; reading the whole token costs 16×.
    const tokens = [
      (n: number) => `x ${'a-'.repeat(n)}docker y`,
      (n: number) => `x ${'a-'.repeat(n)}.docker y`,
      (n: number) => `x docker${'-a'.repeat(n)} y`,
    ];
    for (const token of tokens) {
      const [small, large] = [31_250, 500_000].map((n) => {
        const text = token(n);
        const start = text.indexOf('docker');
        return { text, start };
      });
      assert.equal(isTermHere(large.text, large.start, large.start + 6), false);
      const g = growth(
        () => isTermHere(small.text, small.start, small.start + 6),
        () => isTermHere(large.text, large.start, large.start + 6),
      );
      assert.ok(g.ratio < 4, `16× the token took ${g.detail}`);
    }
    assert.ok(here(`${'a'.repeat(1_000_000)}-\${TARGETARCH}`, 'TARGETARCH'), 'a variable is one anywhere');
  });
});
