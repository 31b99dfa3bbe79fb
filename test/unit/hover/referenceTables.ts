// The current Dockerfile reference (moby/buildkit frontend/dockerfile/docs/reference.md) as the hover
// tests' ground truth: its "Minimum Dockerfile version" tables, its mount option tables, its
// predefined and built-in ARG lists, written here by hand. Data only.

/** Flags per instruction, with the minimum Dockerfile version the reference gives (none: no minimum). */
export const REFERENCE_FLAGS: Record<string, Record<string, string | undefined>> = {
  FROM: { platform: undefined },
  RUN: { device: '1.27', mount: '1.2', network: '1.3', security: '1.20' },
  ADD: {
    'keep-git-dir': '1.1',
    checksum: '1.6',
    chmod: '1.2',
    chown: undefined,
    link: '1.4',
    unpack: '1.17',
    exclude: '1.19',
  },
  COPY: { from: undefined, chmod: '1.2', chown: undefined, link: '1.4', parents: '1.20', exclude: '1.19' },
  HEALTHCHECK: {
    interval: undefined,
    timeout: undefined,
    'start-period': undefined,
    'start-interval': undefined,
    retries: undefined,
  },
};

/** Flags written `--flag[=<boolean>]` in the reference. */
export const BOOLEAN_FLAGS: readonly [string, string][] = [
  ['ADD', 'link'],
  ['COPY', 'link'],
  ['COPY', 'parents'],
  ['ADD', 'keep-git-dir'],
  ['ADD', 'unpack'],
];

export const FLAG_VALUES: readonly [string, string, readonly string[]][] = [
  ['RUN', 'network', ['default', 'none', 'host']],
  ['RUN', 'security', ['sandbox', 'insecure']],
];

/** The reference's option table of each mount type; the key is the spelling the hover names it by. */
export const MOUNT_OPTIONS: Record<string, Record<string, string>> = {
  bind: {
    target: 'target',
    dst: 'target',
    destination: 'target',
    source: 'source',
    from: 'from',
    rw: 'rw',
    readwrite: 'rw',
  },
  cache: {
    id: 'id',
    target: 'target',
    dst: 'target',
    destination: 'target',
    ro: 'ro',
    readonly: 'ro',
    sharing: 'sharing',
    from: 'from',
    source: 'source',
    mode: 'mode',
    uid: 'uid',
    gid: 'gid',
  },
  tmpfs: { target: 'target', dst: 'target', destination: 'target', size: 'size' },
  secret: {
    id: 'id',
    target: 'target',
    dst: 'target',
    destination: 'target',
    env: 'env',
    required: 'required',
    mode: 'mode',
    uid: 'uid',
    gid: 'gid',
  },
  ssh: {
    id: 'id',
    target: 'target',
    dst: 'target',
    destination: 'target',
    required: 'required',
    mode: 'mode',
    uid: 'uid',
    gid: 'gid',
  },
};

/** The reference's predefined ARGs, automatic platform ARGs and BuildKit built-in build args. */
export const PREDEFINED_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
  'SOURCE_DATE_EPOCH',
  'BUILDKIT_BUILD_NAME',
  'BUILDKIT_CACHE_MOUNT_NS',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'BUILDKIT_GIT_ADVICE',
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME',
  'BUILDKIT_SYNTAX',
  // Not in the reference's table but documented with the build checks (`# check=`), and common.
  'BUILDKIT_DOCKERFILE_CHECK',
];
