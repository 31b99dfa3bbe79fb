/**
 * Realistic generated Dockerfiles of a given length: parser directives, several stages, RUN with
 * backslash continuations, heredocs, comments, flags on FROM/RUN/COPY/HEALTHCHECK, ARG/ENV, and
 * the isolation vocabulary in RUN lines and comments. Deterministic (seeded), so every run hovers
 * the same text at the same positions.
 */
const HEADER = [
  '# syntax=docker/dockerfile:1.7',
  '# escape=\\',
  '# A generated Dockerfile for the hover benchmark.',
  'ARG BASE=debian:12-slim',
  '',
];

function block(i: number): string[] {
  const stage = `stage${i}`;
  return [
    `# ---- stage ${i}: build with a cache mount; runs rootless under a user namespace later`,
    `FROM --platform=$BUILDPLATFORM \${BASE} AS ${stage}`,
    `ARG VERSION_${i}=1.${i}.0`,
    `ENV APP_HOME=/opt/app${i} \\`,
    `    PATH=/opt/app${i}/bin:$PATH`,
    `WORKDIR /src/${stage}`,
    `RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\`,
    `    --mount=type=bind,source=scripts,target=/scripts \\`,
    `    apt-get update && \\`,
    `    apt-get install -y --no-install-recommends ca-certificates curl libseccomp2 && \\`,
    `    # comment inside the continuation: capabilities are dropped below`,
    `    rm -rf /var/lib/apt/lists/*`,
    `COPY --chown=1000:1000 --chmod=0755 ./bin/tool${i} /usr/local/bin/`,
    `COPY --from=stage${Math.max(0, i - 1)} --link /out /in`,
    `RUN <<EOF`,
    `set -eu`,
    `echo "cgroup v2 memory.max for ${stage}" > /etc/notes`,
    `unshare --pid --fork --mount-proc true || echo "no pid namespace"`,
    `EOF`,
    `RUN --network=none --security=sandbox make -C /src/${stage} -j"$(nproc)" \\`,
    `      CFLAGS="-O2 -pipe" \\`,
    `      install`,
    `COPY <<-CONF /etc/app${i}.conf`,
    `\tseccomp=default`,
    `\tapparmor=docker-default`,
    `CONF`,
    `HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD wget -qO- http://localhost:80${i % 10}/ || exit 1`,
    `USER 1000:1000`,
    `EXPOSE 80${i % 10}/tcp`,
    `LABEL org.opencontainers.image.title="app${i}" \\`,
    `      org.opencontainers.image.version="1.${i}.0"`,
    `ENTRYPOINT ["/usr/local/bin/tool${i}", "--cgroup-parent", "/bench.slice"]`,
    '',
  ];
}

export function generateDockerfile(lines: number): string {
  const out = [...HEADER];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.slice(0, lines).join('\n');
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` positions on words of the text (instruction keywords, flags, values, words in RUN lines
 * and heredocs), spread over the whole file, the same for every service measured.
 */
export function hoverPositions(text: string, count: number, seed = 42): { line: number; character: number }[] {
  const lines = text.split('\n');
  const next = rng(seed);
  const out: { line: number; character: number }[] = [];
  while (out.length < count) {
    const line = Math.floor(next() * lines.length);
    const words = [...lines[line].matchAll(/[A-Za-z][\w.-]*/g)];
    if (words.length === 0) continue;
    const w = words[Math.floor(next() * words.length)];
    out.push({ line, character: (w.index ?? 0) + Math.floor(w[0].length / 2) });
  }
  return out;
}
