// A term hover only where the word is the term: not inside a URL, a registry or Go module path, a Git
// address, or in the middle of a package name; BuildKit, Moby and QEMU are themselves, not Docker or
// a hypervisor. Lines shaped like those of public Dockerfiles (buildkit's, nginx's, docker-library's).
import * as assert from 'node:assert/strict';
import { hoverAt, linesOf } from '../../../src/core/dockerfile';
import { doc, what } from './helpers';
import { growth } from '../../support/growth';

describe('hover: a term only where the word is the term', () => {
  const d = doc(
    /* 0 */ '# syntax=docker/dockerfile:1',
    /* 1 */ 'FROM --platform=$BUILDPLATFORM moby/buildkit:buildx-stable-1 AS buildkit',
    /* 2 */ 'COPY --from=tonistiigi/binfmt /usr/bin/buildkit-qemu-aarch64 /usr/bin/',
    /* 3 */ 'RUN apt-get install -y nginx-module-image-filter linux-image-amd64 podman-docker',
    /* 4 */ 'RUN apt-get install -y qemu-user-static docker-ce containerd.io && /usr/bin/runc --version',
    /* 5 */ 'RUN curl -fsSL https://github.com/moby/buildkit/releases/download/v0.13.0/buildkit.tgz | tar xz',
    /* 6 */ 'RUN curl -fsSLO "https://example.invalid/dl/tool-${TARGETOS}-$TARGETARCH.tgz"',
    /* 7 */ 'ADD git@github.com:moby/moby.git#v27.0.0 /src/moby',
    /* 8 */ 'RUN go install github.com/opencontainers/runc/libcontainer@latest',
    /* 9 */ 'FROM docker.io/library/docker:27-dind',
    /* 10 */ '# see https://docs.docker.com/engine/security/rootless/ for rootless setups of Docker',
    /* 11 */ '# BuildKit runs each step in a container; buildx drives it, QEMU emulates arm64',
    /* 12 */ 'RUN <<EOF',
    /* 13 */ 'wget -q https://download.docker.com/linux/static/stable/x86_64/docker-27.0.3.tgz',
    /* 14 */ 'EOF',
  );

  it('BuildKit and Moby are themselves, not Docker', () => {
    assert.equal(what(d, 1, 'moby'), 'term moby');
    assert.equal(what(d, 1, 'buildkit'), 'term buildkit');
    assert.equal(what(d, 11, 'BuildKit'), 'term buildkit');
    assert.equal(what(d, 11, 'buildx'), 'term buildkit');
  });

  it('QEMU is an emulator of its own, not the hypervisor, and not inside buildkit-qemu-…', () => {
    assert.equal(what(d, 2, 'qemu'), undefined);
    assert.equal(what(d, 2, 'buildkit'), 'term buildkit');
    assert.equal(what(d, 4, 'qemu'), 'term qemu');
    assert.equal(what(d, 11, 'QEMU'), 'term qemu');
  });

  it('nothing for a term in the middle or at the end of a package name', () => {
    assert.equal(what(d, 3, 'image', { nth: 0 }), undefined, 'nginx-module-image-filter');
    assert.equal(what(d, 3, 'image', { nth: 1 }), undefined, 'linux-image-amd64');
    assert.equal(what(d, 3, 'docker'), undefined, 'podman-docker');
    assert.equal(what(d, 3, 'podman'), 'term podman');
  });

  it('still the term at the start of a package name, and in a path', () => {
    assert.equal(what(d, 4, 'docker'), 'term docker');
    assert.equal(what(d, 4, 'containerd'), 'term containerd');
    assert.equal(what(d, 4, 'runc'), 'term runc');
  });

  it('nothing inside URLs, Git addresses and module paths', () => {
    assert.equal(what(d, 5, 'moby'), undefined);
    assert.equal(what(d, 5, 'buildkit', { nth: 0 }), undefined);
    assert.equal(what(d, 5, 'buildkit', { nth: 1 }), undefined);
    assert.equal(what(d, 7, 'moby', { nth: 0 }), undefined);
    assert.equal(what(d, 7, 'moby', { nth: 1 }), undefined);
    assert.equal(what(d, 8, 'runc'), undefined);
    assert.equal(what(d, 9, 'docker', { nth: 0 }), undefined);
    assert.equal(what(d, 9, 'docker', { nth: 1 }), undefined);
    assert.equal(what(d, 10, 'docker'), undefined);
    assert.equal(what(d, 10, 'rootless', { nth: 0 }), undefined);
    assert.equal(what(d, 13, 'docker', { nth: 0 }), undefined);
    assert.equal(what(d, 13, 'docker', { nth: 1 }), undefined);
  });

  it('but the words around a URL, and a build arg inside one, are still hovered', () => {
    assert.equal(what(d, 10, 'rootless', { nth: 1 }), 'term rootless');
    assert.equal(what(d, 10, 'Docker'), 'term docker');
    assert.equal(what(d, 6, 'TARGETOS'), 'term arg-targetos');
    assert.equal(what(d, 6, 'TARGETARCH'), 'term arg-targetarch');
    assert.equal(what(d, 7, 'moby', { nth: 2 }), 'term moby', 'the destination /src/moby is a path');
  });

  it('stays linear on a pathological line (one token of 25,000 and of 200,000 characters)', function () {
    this.timeout(60_000); // measured several times over, on a machine that may be busy
    for (const unit of ['docker-', 'a.docker', 'https://docker/', 'x@y:docker.']) {
      const [small, large] = [25_000, 200_000].map((length) => {
        const line = `RUN ${unit.repeat(Math.ceil(length / unit.length))}`;
        return { src: linesOf(`FROM alpine\n${line}\n`), at: [5, line.length >> 1, line.length - 2] };
      });
      const hoverThree = (h: typeof small) => () => {
        for (const character of h.at) hoverAt(h.src, { line: 1, character });
      };
      // 8× the token: linear work costs 8×, quadratic 64×.
      const g = growth(hoverThree(small), hoverThree(large));
      assert.ok(g.ratio < 24, `${unit}: 8× the token took ${g.detail}`);
    }
  });
});
