// The build args BuildKit and Docker predefine: the platform args, the proxy args, SOURCE_DATE_EPOCH
// and the BUILDKIT_* built-ins, as the Dockerfile reference lists them. They are glossary terms
// matched only as written (`ARG TARGETOS`, `$TARGETARCH`, `${TARGETPLATFORM}`), so a hover finds
// them wherever the word stands. Written for this project.
import { ref } from './instructions';
import type { DiagramId, TermEntry } from './types';

const KIND = 'predefined build arg';
const GLOBAL_SCOPE =
  'BuildKit sets it in the global scope: FROM lines see it, but a stage must declare it (`ARG NAME`, no value) before RUN or another instruction can use it.';
const EMULATION =
  "A container runs on the host's kernel and CPU: an image for another architecture runs only under emulation (QEMU user mode through binfmt_misc), never natively, so cross-compiling in a `FROM --platform=$BUILDPLATFORM` stage is faster.";

function buildArg(
  name: string,
  summary: string,
  command: string,
  anchor: readonly [anchor: string, title: string],
  options: { isolates?: string; diagram?: DiagramId; alsoWritten?: readonly string[] } = {},
): TermEntry {
  return {
    id: `arg-${name.toLowerCase()}`,
    title: name,
    kind: KIND,
    summary,
    ...(options.isolates ? { isolates: options.isolates } : {}),
    command,
    aliases: [],
    exactAliases: [name, ...(options.alsoWritten ?? [])],
    link: ref(anchor[0], anchor[1]),
    diagram: options.diagram ?? 'container-architecture',
  };
}

const PLATFORM: readonly [string, string] = ['automatic-platform-args-in-the-global-scope', 'automatic platform ARGs'];
const PREDEFINED: readonly [string, string] = ['predefined-args', 'predefined ARGs'];
const BUILTIN: readonly [string, string] = ['buildkit-built-in-build-args', 'BuildKit built-in build args'];

function platformArgs(side: 'TARGET' | 'BUILD'): TermEntry[] {
  const whose =
    side === 'TARGET'
      ? 'of the image being built (set with `docker buildx build --platform`)'
      : 'of the machine doing the build (the builder node)';
  const command =
    side === 'TARGET'
      ? 'docker buildx build --platform linux/amd64,linux/arm64 .'
      : 'docker buildx inspect --bootstrap   (its Platforms line)';
  const isolates = { isolates: EMULATION };
  return [
    buildArg(
      `${side}PLATFORM`,
      `The platform ${whose}, written os/arch[/variant]: \`linux/amd64\`, \`linux/arm/v7\`, \`windows/amd64\`. ${GLOBAL_SCOPE}`,
      command,
      PLATFORM,
      isolates,
    ),
    buildArg(
      `${side}OS`,
      `The OS part of ${side}PLATFORM, the platform ${whose}: \`linux\` or \`windows\`. ${GLOBAL_SCOPE}`,
      command,
      PLATFORM,
      isolates,
    ),
    buildArg(
      `${side}ARCH`,
      `The CPU architecture part of ${side}PLATFORM, the platform ${whose}: \`amd64\`, \`arm64\`, \`arm\`, \`riscv64\`, \`ppc64le\`, \`s390x\`… ${GLOBAL_SCOPE}`,
      command,
      PLATFORM,
      isolates,
    ),
    buildArg(
      `${side}VARIANT`,
      `The variant part of ${side}PLATFORM, the platform ${whose}: \`v7\` in linux/arm/v7, often empty. ${GLOBAL_SCOPE}`,
      command,
      PLATFORM,
      isolates,
    ),
  ];
}

function proxyArg(upper: string, what: string): TermEntry {
  return buildArg(
    upper,
    `${what} Docker predefines it: pass it with \`--build-arg\` and RUN steps see it as an environment variable, with no ARG line. It is left out of \`docker history\` and out of the cache key (a new proxy does not rebuild), unless the Dockerfile declares it with ARG; so credentials in a proxy URL do not end up in the image.`,
    `docker build --build-arg ${upper}=http://proxy.example:3128 .`,
    PREDEFINED,
    { alsoWritten: [upper.toLowerCase()], diagram: 'namespaces-cgroups' },
  );
}

export const BUILD_ARG_TERMS: readonly TermEntry[] = [
  ...platformArgs('TARGET'),
  ...platformArgs('BUILD'),
  proxyArg('HTTP_PROXY', 'The proxy for plain HTTP requests made during the build.'),
  proxyArg('HTTPS_PROXY', 'The proxy for HTTPS requests made during the build.'),
  proxyArg('FTP_PROXY', 'The proxy for FTP requests made during the build.'),
  proxyArg('NO_PROXY', 'The hosts and domains that build requests reach directly, without the proxy.'),
  proxyArg('ALL_PROXY', 'The proxy for every protocol that has no proxy of its own.'),
  buildArg(
    'SOURCE_DATE_EPOCH',
    'A Unix timestamp (seconds) that BuildKit uses for the creation time of the image and the timestamps in its layers, so two builds of the same sources give the same image: reproducible builds. Dockerfile frontend 1.5 and BuildKit 0.11 or later.',
    'docker buildx build --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) .',
    BUILTIN,
  ),
  buildArg(
    'BUILDKIT_BUILD_NAME',
    'Overrides the name a build is listed under in `docker buildx history` and in the Builds view of Docker Desktop.',
    'docker buildx history ls',
    BUILTIN,
  ),
  buildArg(
    'BUILDKIT_CACHE_MOUNT_NS',
    'A namespace for the IDs of cache mounts (`RUN --mount=type=cache`), so that builds of different projects on one builder do not share cache directories that happen to have the same ID or target.',
    'docker buildx build --build-arg BUILDKIT_CACHE_MOUNT_NS=myproject .',
    BUILTIN,
  ),
  buildArg(
    'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
    'Keeps the .git directory when the build context is a Git repository (it is left out otherwise), so steps can read the commit with git. A boolean: `1` or `true`.',
    'docker build --build-arg BUILDKIT_CONTEXT_KEEP_GIT_DIR=1 <git-url>',
    BUILTIN,
  ),
  buildArg(
    'BUILDKIT_GIT_ADVICE',
    "Shows Git's advice messages from the Git operations BuildKit runs (Git contexts, ADD of a repository). A boolean, default false.",
    'docker buildx build --build-arg BUILDKIT_GIT_ADVICE=1 <git-url>',
    BUILTIN,
  ),
  buildArg(
    'BUILDKIT_INLINE_CACHE',
    'Writes the build cache metadata into the image config, so a pushed image can be used as `--cache-from` by later builds (the inline cache). A boolean.',
    'docker build --build-arg BUILDKIT_INLINE_CACHE=1 -t IMAGE .',
    BUILTIN,
  ),
  buildArg(
    'BUILDKIT_MULTI_PLATFORM',
    'Makes the output the same whether the build is for one platform or for several: a multi-platform image index even for a single platform. A boolean.',
    'docker buildx build --build-arg BUILDKIT_MULTI_PLATFORM=1 .',
    BUILTIN,
  ),
  buildArg(
    'BUILDKIT_SANDBOX_HOSTNAME',
    'The hostname RUN steps see (default `buildkitsandbox`).',
    'docker buildx build --build-arg BUILDKIT_SANDBOX_HOSTNAME=builder .   (then RUN hostname)',
    BUILTIN,
    {
      isolates: 'Each step runs in a UTS namespace of its own: this is the name set in it, not the host name.',
      diagram: 'namespaces-cgroups',
    },
  ),
  buildArg(
    'BUILDKIT_SYNTAX',
    'The Dockerfile frontend image to build with, like the `# syntax=` directive; `dockerfile.v0` ignores the directive and uses the frontend built into BuildKit.',
    'docker buildx build --build-arg BUILDKIT_SYNTAX=docker/dockerfile:1 .',
    BUILTIN,
    { diagram: 'runtime-layers' },
  ),
  buildArg(
    'BUILDKIT_DOCKERFILE_CHECK',
    'Configures the build checks from the command line, with the same value as the `# check=` directive (`skip=JSONArgsRecommended`, `error=true`, joined by `;`). Dockerfile frontend 1.8 or later.',
    'docker build --check --build-arg BUILDKIT_DOCKERFILE_CHECK=error=true .',
    ['check', 'check directive'],
  ),
];
