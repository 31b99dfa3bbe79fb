// Real-shaped Dockerfiles and Containerfiles: multi-stage builds, here-documents, continuations,
// parser directives, Windows escape. Each probe puts the cursor on a word and checks what the hover
// explains.
import * as assert from 'node:assert/strict';
import { hoverAt, linesOf } from '../../../src/core/dockerfile';
import { doc, hoverOn, what } from './helpers';

describe('hover: multi-stage Go build with cache mounts and continuations', () => {
  const d = doc(
    /* 0 */ '# syntax=docker/dockerfile:1.7',
    /* 1 */ '# check=skip=JSONArgsRecommended;error=true',
    /* 2 */ '',
    /* 3 */ "# Build stage: runs in its own pid namespace, limited by the builder's cgroup.",
    /* 4 */ 'ARG GO_VERSION=1.22',
    /* 5 */ 'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build',
    /* 6 */ 'WORKDIR /src',
    /* 7 */ 'RUN --mount=type=cache,target=/go/pkg/mod \\',
    /* 8 */ '    --mount=type=bind,source=go.sum,target=go.sum \\',
    /* 9 */ '    --mount=type=bind,src=go.mod,dst=go.mod,rw \\',
    /* 10 */ '    # a comment inside the continuation mentions seccomp',
    /* 11 */ '    --network=none \\',
    /* 12 */ '    go mod download -x --network=host',
    /* 13 */ 'COPY --link --chmod=0755 --from=build /out/app /usr/local/bin/app',
    /* 14 */ 'FROM scratch',
    /* 15 */ 'COPY --from=build --chown=65532:65532 /out/app /app',
    /* 16 */ 'USER 65532:65532',
    /* 17 */ 'EXPOSE 8080/tcp',
    /* 18 */ 'STOPSIGNAL SIGTERM',
    /* 19 */ 'ENTRYPOINT ["/app"]',
  );

  it('explains the parser directives at the top', () => {
    assert.equal(what(d, 0, 'syntax'), 'directive syntax');
    assert.equal(what(d, 0, 'dockerfile'), 'directive syntax');
    assert.equal(what(d, 1, 'check'), 'directive check');
  });

  it('explains glossary terms in comments', () => {
    assert.equal(what(d, 3, 'pid'), 'term ns-pid');
    assert.equal(what(d, 3, 'namespace'), 'term ns-pid');
    assert.equal(what(d, 3, 'cgroup'), 'term cgroup');
    assert.equal(what(d, 3, 'Build'), undefined);
  });

  it('prefers the flag over its instruction, and knows FROM … AS and scratch', () => {
    assert.equal(what(d, 5, 'FROM'), 'instruction FROM');
    assert.equal(what(d, 5, '--platform'), 'flag FROM --platform');
    assert.equal(what(d, 5, '$BUILDPLATFORM'), 'flag FROM --platform');
    assert.equal(what(d, 5, 'AS'), 'keyword FROM AS');
    assert.equal(what(d, 5, 'golang'), undefined);
    assert.equal(what(d, 14, 'scratch'), 'keyword FROM scratch');
  });

  it('reads --mount types and options across continuation lines', () => {
    assert.equal(what(d, 7, 'RUN'), 'instruction RUN');
    assert.equal(what(d, 7, 'mount'), 'flag RUN --mount');
    assert.equal(what(d, 7, 'type'), 'option RUN --mount type');
    assert.equal(what(d, 7, 'cache'), 'value RUN --mount type=cache');
    assert.equal(what(d, 7, 'target'), 'option RUN --mount target');
    assert.equal(what(d, 7, '/go/pkg'), 'option RUN --mount target');
    assert.equal(what(d, 8, 'bind'), 'value RUN --mount type=bind');
    assert.equal(what(d, 8, 'source'), 'option RUN --mount source');
    assert.equal(what(d, 9, 'src'), 'option RUN --mount source');
    assert.equal(what(d, 9, 'dst'), 'option RUN --mount target');
    assert.equal(what(d, 9, 'rw'), 'option RUN --mount rw');
  });

  it('skips a comment inside the continuation and still sees the flags after it', () => {
    assert.equal(what(d, 10, 'seccomp'), 'term seccomp');
    assert.equal(what(d, 11, 'network'), 'flag RUN --network');
    assert.equal(what(d, 11, 'none'), 'value RUN --network=none');
  });

  it("does not take a command's own --flags for Docker's", () => {
    assert.equal(what(d, 12, '--network=host'), undefined);
    assert.equal(what(d, 12, 'go'), undefined);
  });

  it('explains COPY flags and USER, EXPOSE, STOPSIGNAL, ENTRYPOINT', () => {
    assert.equal(what(d, 13, 'link'), 'flag COPY --link');
    assert.equal(what(d, 13, 'chmod'), 'flag COPY --chmod');
    assert.equal(what(d, 13, '0755'), 'flag COPY --chmod');
    assert.equal(what(d, 13, 'from'), 'flag COPY --from');
    assert.equal(what(d, 15, 'chown'), 'flag COPY --chown');
    assert.equal(what(d, 16, 'USER'), 'instruction USER');
    assert.match(hoverOn(d, 16, 'USER')!.markdown, /user namespace/);
    assert.match(hoverOn(d, 17, 'EXPOSE')!.markdown, /does not publish/);
    assert.match(hoverOn(d, 18, 'STOPSIGNAL')!.markdown, /PID 1/);
    assert.equal(what(d, 19, 'ENTRYPOINT'), 'instruction ENTRYPOINT');
  });

  it('gives the hover range of the word, not the line', () => {
    const hover = hoverOn(d, 7, 'cache')!;
    assert.deepEqual(hover.range, {
      line: 7,
      start: d.lines[7].indexOf('cache'),
      end: d.lines[7].indexOf('cache') + 5,
    });
    const flag = hoverOn(d, 11, 'network')!;
    assert.deepEqual(flag.range, { line: 11, start: 4, end: 13 });
  });
});

describe('hover: here-documents', () => {
  const d = doc(
    /* 0 */ '# syntax=docker/dockerfile:1',
    /* 1 */ 'FROM debian:12',
    /* 2 */ 'RUN <<EOF',
    /* 3 */ 'set -eux',
    /* 4 */ 'apt-get update',
    /* 5 */ 'USER=nobody echo "runc and crun are OCI runtimes"',
    /* 6 */ 'env | sort',
    /* 7 */ 'cat > /etc/app.conf <<CONF',
    /* 8 */ 'memory.max = 512M',
    /* 9 */ 'CONF',
    /* 10 */ 'EOF',
    /* 11 */ 'COPY <<-"SCRIPT" /usr/local/bin/run.sh',
    /* 12 */ '\t#!/bin/sh',
    /* 13 */ '\texec unshare --user --map-root-user "$@"',
    /* 14 */ '\tSCRIPT',
    /* 15 */ 'RUN <<A cat > /a && <<B cat > /b',
    /* 16 */ 'first body: rootless',
    /* 17 */ 'A',
    /* 18 */ 'second body: AppArmor',
    /* 19 */ 'B',
    /* 20 */ 'COPY <<EOF /etc/nested.Dockerfile',
    /* 21 */ 'run echo inside a heredoc body, seccomp',
    /* 22 */ 'EOF',
    /* 23 */ 'ENV PATH=/usr/local/bin:$PATH',
  );

  it('explains the instruction that opens the here-document', () => {
    assert.equal(what(d, 2, 'RUN'), 'instruction RUN');
    assert.equal(what(d, 11, 'COPY'), 'instruction COPY');
  });

  it('inside a body, explains only glossary terms', () => {
    assert.equal(what(d, 3, 'set'), undefined);
    assert.equal(what(d, 5, 'USER'), undefined);
    assert.equal(what(d, 5, 'runc'), 'term runc');
    assert.equal(what(d, 5, 'crun'), 'term crun');
    assert.equal(what(d, 5, 'OCI'), 'term oci');
    assert.equal(what(d, 6, 'env'), undefined, 'a lower-case shell word that is also an instruction');
    assert.equal(what(d, 8, 'memory.max'), 'term cgroup-memory', 'inside a shell here-document within the body');
    assert.equal(what(d, 13, 'unshare'), 'term namespace');
    assert.equal(what(d, 16, 'rootless'), 'term rootless');
    assert.equal(what(d, 18, 'AppArmor'), 'term apparmor');
    assert.equal(what(d, 21, 'run'), undefined);
    assert.equal(what(d, 21, 'seccomp'), 'term seccomp');
  });

  it('gives nothing on the terminators', () => {
    assert.equal(what(d, 10, 'EOF'), undefined);
    assert.equal(what(d, 14, 'SCRIPT'), undefined);
    assert.equal(what(d, 17, 'A'), undefined);
    assert.equal(what(d, 19, 'B'), undefined);
  });

  it('is back to instructions after the last terminator', () => {
    assert.equal(what(d, 23, 'ENV'), 'instruction ENV');
    assert.equal(what(d, 15, 'RUN'), 'instruction RUN');
  });
});

describe('hover: Windows Dockerfile with # escape=`', () => {
  const d = doc(
    /* 0 */ '# escape=`',
    /* 1 */ '',
    /* 2 */ 'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
    /* 3 */ 'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]',
    /* 4 */ 'COPY --chown=ContainerUser app\\ C:\\app\\',
    /* 5 */ 'RUN New-Item -ItemType Directory C:\\data `',
    /* 6 */ '    --network=none; Write-Host Docker `',
    /* 7 */ '    ; Write-Host hypervisor',
    /* 8 */ 'HEALTHCHECK --interval=30s --timeout=3s `',
    /* 9 */ '  CMD powershell -Command "exit 0"',
    /* 10 */ 'USER ContainerUser',
  );

  it('reads the escape directive', () => {
    assert.equal(what(d, 0, 'escape'), 'directive escape');
  });

  it('does not treat a trailing backslash as a continuation', () => {
    assert.equal(what(d, 4, 'COPY'), 'instruction COPY');
    assert.equal(what(d, 4, 'chown'), 'flag COPY --chown');
    assert.equal(what(d, 5, 'RUN'), 'instruction RUN');
  });

  it('follows backtick continuations', () => {
    assert.equal(what(d, 6, '--network'), undefined, "after the first argument: PowerShell's, not Docker's");
    assert.equal(what(d, 6, 'Docker'), 'term docker');
    assert.equal(what(d, 7, 'hypervisor'), 'term hypervisor');
    assert.equal(what(d, 8, 'interval'), 'flag HEALTHCHECK --interval');
    assert.equal(what(d, 8, 'timeout'), 'flag HEALTHCHECK --timeout');
    assert.equal(what(d, 9, 'CMD'), 'keyword HEALTHCHECK CMD');
    assert.equal(what(d, 10, 'USER'), 'instruction USER');
  });

  it('without the directive, a backslash continues and a backtick does not', () => {
    const unix = doc('FROM alpine', 'RUN apk add --no-cache curl \\', '    && echo Podman `', 'USER nobody');
    assert.equal(what(unix, 2, 'Podman'), 'term podman');
    assert.equal(what(unix, 3, 'USER'), 'instruction USER');
  });

  it('a directive after a blank line is a plain comment', () => {
    const late = doc('# syntax=docker/dockerfile:1', '', '# escape=`', 'FROM alpine', 'RUN echo a `', '  && echo b');
    assert.equal(what(late, 0, 'syntax'), 'directive syntax');
    assert.equal(what(late, 2, 'escape'), undefined);
    assert.equal(what(late, 5, 'echo'), undefined);
    assert.equal(what(late, 4, 'RUN'), 'instruction RUN');
  });
});

describe('hover: Containerfile with secrets, ssh, security and isolation words', () => {
  const d = doc(
    /* 0 */ '# syntax=docker/dockerfile:1-labs',
    /* 1 */ '# Built rootless with Podman; SELinux labels volumes, user namespace remapping maps UID 0.',
    /* 2 */ 'FROM registry.fedoraproject.org/fedora:40',
    /* 3 */ 'RUN --mount=type=secret,id=token,env=TOKEN,required=true \\',
    /* 4 */ '    --mount=type=ssh,id=default \\',
    /* 5 */ '    --mount=type=tmpfs,target=/tmp,size=64m \\',
    /* 6 */ '    --security=insecure \\',
    /* 7 */ '    --network=host \\',
    /* 8 */ '    capsh --print | grep CAP_SYS_ADMIN && cat /sys/fs/cgroup/cpu.max /proc/self/ns/net',
    /* 9 */ 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x.tgz /x',
    /* 10 */ 'ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.13 /buildkit',
    /* 11 */ 'COPY --parents --exclude=*.md ./docs/ /srv/',
    /* 12 */ 'onbuild copy --chown=1000 . /app',
    /* 13 */ 'HEALTHCHECK NONE',
    /* 14 */ 'VOLUME /var/lib/containers',
    /* 15 */ 'LABEL io.containers.capabilities="CHOWN,SETUID"',
  );

  it('explains every mount type and its options', () => {
    assert.equal(what(d, 3, 'secret'), 'value RUN --mount type=secret');
    assert.equal(what(d, 3, 'id=token'), 'option RUN --mount id');
    assert.equal(what(d, 3, 'env'), 'option RUN --mount env');
    assert.equal(what(d, 3, 'required'), 'option RUN --mount required');
    assert.equal(what(d, 4, 'ssh'), 'value RUN --mount type=ssh');
    assert.equal(what(d, 5, 'tmpfs'), 'value RUN --mount type=tmpfs');
    assert.equal(what(d, 5, 'size'), 'option RUN --mount size');
  });

  it('gives the isolation meaning of --security=insecure and --network=host', () => {
    assert.equal(what(d, 6, 'insecure'), 'value RUN --security=insecure');
    assert.match(hoverOn(d, 6, 'insecure')!.markdown, /capabilities/);
    assert.equal(what(d, 6, 'security'), 'flag RUN --security');
    assert.equal(what(d, 7, 'host'), 'value RUN --network=host');
    assert.match(hoverOn(d, 7, 'host')!.markdown, /network namespace/);
  });

  it('explains glossary terms in the command and in comments', () => {
    assert.equal(what(d, 8, 'capsh'), 'term capabilities');
    assert.equal(what(d, 8, 'CAP_SYS_ADMIN'), 'term cap_sys_admin');
    assert.equal(what(d, 8, '/sys/fs/cgroup', { offset: 9 }), 'term cgroup');
    assert.equal(what(d, 8, 'cpu.max'), 'term cgroup-cpu');
    assert.equal(what(d, 8, 'net', { nth: 0 }), 'term ns-net');
    assert.equal(what(d, 1, 'rootless'), 'term rootless');
    assert.equal(what(d, 1, 'Podman'), 'term podman');
    assert.equal(what(d, 1, 'SELinux'), 'term selinux');
    assert.equal(what(d, 1, 'remapping'), 'term userns-remap');
    assert.equal(what(d, 1, 'user'), 'term userns-remap', 'the longest phrase wins');
  });

  it('explains ADD and COPY flags', () => {
    assert.equal(what(d, 9, 'checksum'), 'flag ADD --checksum');
    assert.equal(what(d, 10, 'keep-git-dir'), 'flag ADD --keep-git-dir');
    assert.equal(what(d, 11, 'parents'), 'flag COPY --parents');
    assert.equal(what(d, 11, 'exclude'), 'flag COPY --exclude');
  });

  it('reads ONBUILD and lower-case instructions', () => {
    assert.equal(what(d, 12, 'onbuild'), 'instruction ONBUILD');
    assert.equal(what(d, 12, 'copy'), 'instruction COPY');
    assert.equal(what(d, 12, 'chown'), 'flag COPY --chown');
  });

  it('knows HEALTHCHECK NONE, VOLUME, and glossary words inside LABEL values', () => {
    assert.equal(what(d, 13, 'NONE'), 'keyword HEALTHCHECK NONE');
    assert.equal(what(d, 14, 'VOLUME'), 'instruction VOLUME');
    assert.equal(what(d, 14, 'containers'), 'term container');
    assert.equal(what(d, 15, 'capabilities'), 'term capabilities');
    assert.equal(what(d, 15, 'CHOWN'), 'term cap_chown');
  });
});

describe('hover: levels', () => {
  const d = doc('FROM alpine', 'RUN --network=none echo seccomp', '# syntax=x');

  it('all: instructions, flags and terms', () => {
    assert.ok(hoverOn(d, 1, 'RUN', { level: 'all' }));
    assert.ok(hoverOn(d, 1, 'network', { level: 'all' }));
  });

  it('flags-and-glossary: no instruction hovers', () => {
    assert.equal(hoverOn(d, 1, 'RUN', { level: 'flags-and-glossary' }), undefined);
    assert.ok(hoverOn(d, 1, 'network', { level: 'flags-and-glossary' }));
    assert.ok(hoverOn(d, 1, 'none', { level: 'flags-and-glossary' }));
    assert.ok(hoverOn(d, 1, 'seccomp', { level: 'flags-and-glossary' }));
  });

  it('glossary-only: terms only', () => {
    assert.equal(hoverOn(d, 1, 'network', { level: 'glossary-only' }), undefined);
    assert.ok(hoverOn(d, 1, 'seccomp', { level: 'glossary-only' }));
  });

  it('off: nothing', () => {
    assert.equal(hoverOn(d, 1, 'seccomp', { level: 'off' }), undefined);
  });
});

describe('hover: edges', () => {
  it('gives nothing on whitespace, past the end, or outside the document', () => {
    const d = doc('RUN  echo hi', '');
    assert.equal(what(d, 0, '  ', { offset: 1 }), undefined);
    assert.equal(hoverAt(d.src, { line: 5, character: 0 }), undefined);
    assert.equal(hoverAt(d.src, { line: 0, character: 99 }), undefined);
    assert.equal(hoverAt(d.src, { line: 1, character: 0 }), undefined);
  });

  it('takes the word just before the cursor at the end of a line', () => {
    const d = doc('RUN echo runsc');
    assert.equal(hoverAt(d.src, { line: 0, character: 14 })?.located.kind, 'term');
  });

  it('handles CRLF documents', () => {
    const src = linesOf('FROM alpine\r\nRUN --network=none \\\r\n  echo gVisor\r\n');
    assert.equal(hoverAt(src, { line: 2, character: 8 })?.located.kind, 'term');
    assert.equal(hoverAt(src, { line: 1, character: 16 })?.located.kind, 'flagValue');
  });

  it('an unknown flag or value falls back to the flag, or to nothing', () => {
    const d = doc('RUN --network=bridge --frobnicate echo', 'RUN --mount=type=weird,target=/x echo');
    assert.equal(what(d, 0, 'bridge'), 'flag RUN --network');
    assert.equal(what(d, 0, 'frobnicate'), undefined);
    assert.equal(what(d, 1, 'weird'), 'flag RUN --mount');
  });
});
