// Every Dockerfile instruction, its flags and the parser directives, with the isolation meaning
// where there is one. Written for this project; links go to the Dockerfile reference.
import type { DirectiveEntry, DocLink, FlagEntry, FlagValueEntry, InstructionEntry } from './types';

const REF = 'https://docs.docker.com/reference/dockerfile/';
/** A link to a section of the Dockerfile reference. */
export const ref = (anchor: string, title: string): DocLink => ({
  title: `Dockerfile reference: ${title}`,
  url: `${REF}#${anchor}`,
});

/**
 * The Dockerfile frontend version from which a flag is stable, as the reference's option tables give
 * it. `# syntax=docker/dockerfile:1` follows the newest stable 1.x, so it has every one of them.
 */
const stableSince = (version: string, note = ''): string =>
  `Dockerfile frontend ${version} or later (stable since ${version}; \`# syntax=docker/dockerfile:1\` has it)${note}.`;
/** Flags the reference's tables give no minimum version for: every frontend has them. */
const ANY_FRONTEND = 'Any Dockerfile frontend version: the reference gives it no minimum.';

const WINDOWS_UNSUPPORTED = 'Not supported when building Windows containers.';

/** `true` and `false` of a boolean flag (`--link=true`), with what each does for this flag. */
function booleanValues(whenTrue: string, whenFalse: string): readonly FlagValueEntry[] {
  return [
    { value: 'true', summary: whenTrue },
    { value: 'false', summary: whenFalse },
  ];
}

// ── shared flags ────────────────────────────────────────────────────────────────────────────────

function chownFlag(instruction: string, anchor: string): FlagEntry {
  return {
    name: 'chown',
    instruction,
    syntax: `${instruction} --chown=<user>:<group> <src>... <dest>`,
    summary: `Sets the owner of the copied files: user and group names or numeric IDs, in any mix; a user alone sets the GID to the same number as the UID. Names are looked up in the stage's /etc/passwd and /etc/group (the build fails if they are missing), so with --link, which copies into an empty layer, only numeric IDs work. Without it, files belong to UID 0 and GID 0. ${WINDOWS_UNSUPPORTED}`,
    isolation:
      "The IDs are the image's: under a user namespace (rootless, userns-remap) UID 0 in the image is an unprivileged UID on the host.",
    requires: ANY_FRONTEND,
    link: ref(anchor, `${instruction} --chown --chmod`),
    diagram: 'namespaces-cgroups',
  };
}

function chmodFlag(instruction: string, anchor: string): FlagEntry {
  return {
    name: 'chmod',
    instruction,
    syntax: `${instruction} --chmod=<perms> <src>... <dest>`,
    summary: `Sets the permission bits of the copied files, in octal (\`755\`, \`0644\`) or, from frontend 1.14, in symbolic form as chmod(1) writes it (\`+x\`, \`u=rwX,go=rX\`: a capital X sets execute only on directories and on files already executable). BuildKit only. ${WINDOWS_UNSUPPORTED}`,
    requires: stableSince('1.2', '; symbolic modes from 1.14'),
    link: ref(anchor, `${instruction} --chown --chmod`),
    diagram: 'container-architecture',
  };
}

function linkFlag(instruction: string, anchor: string): FlagEntry {
  return {
    name: 'link',
    instruction,
    syntax: `${instruction} --link[=<boolean>] <src>... <dest>`,
    summary:
      'Copies the files into a new, independent layer instead of on top of the previous ones, so the layer is reused even when the base image changes (and can be rebased without a rebuild). Paths are not followed through symlinks of earlier layers.',
    requires: stableSince('1.4'),
    values: booleanValues(
      'Same as a bare `--link`: the files go into a layer of their own, linked on top of the previous state, which the copy cannot read (no symlinks followed in the destination, no user names resolved for --chown).',
      'The default: the files are copied on top of the previous state, following its symlinks, and the layer is rebuilt whenever an earlier step changes.',
    ),
    link: ref(anchor, `${instruction} --link`),
    diagram: 'container-architecture',
  };
}

function excludeFlag(instruction: string, anchor: string): FlagEntry {
  return {
    name: 'exclude',
    instruction,
    syntax: `${instruction} [--exclude=<pattern> ...] <src>... <dest>`,
    summary:
      "Leaves out the files that match a path pattern, written like a source path with the same wildcards (Go's filepath.Match rules: `*` any run of characters except `/`, `?` one character, `[a-z]` a class). May be given several times; a file matching any of them is not copied even when a source matches it (`--exclude=*.md`).",
    requires: stableSince('1.19'),
    link: ref(anchor, `${instruction} --exclude`),
    diagram: 'container-architecture',
  };
}

// ── RUN --mount ─────────────────────────────────────────────────────────────────────────────────

const MOUNT_TYPES: readonly FlagValueEntry[] = [
  {
    value: 'bind',
    summary:
      'The default type: mounts a directory from the build context or from another stage or image (`from=`) into the step, read-only unless `rw` (writes are then discarded).',
    isolation: "A bind mount inside the build container's mount namespace: nothing is copied into the layer.",
  },
  {
    value: 'cache',
    summary:
      'Mounts a cache directory (package manager caches, compiler caches) that the builder keeps between builds and never puts in the image. Only a speed-up: another build may change its files and garbage collection may empty it when space runs low, so the step must work with any contents, none included. `id` names it, `sharing` says how parallel builds share it (shared, private, locked).',
  },
  {
    value: 'tmpfs',
    summary: 'Mounts an empty in-memory filesystem for this step only (`size=` caps it).',
    isolation: "Counts against the build container's memory.",
  },
  {
    value: 'secret',
    summary:
      'Makes a build secret (`docker build --secret id=…`) readable during this step only, as a file (default /run/secrets/<id>) or an environment variable (`env=`). It is never written to a layer or the image history.',
  },
  {
    value: 'ssh',
    summary:
      'Gives this step access to the SSH agent or keys forwarded with `docker build --ssh default`, through a socket (default /run/buildkit/ssh_agent.0); the keys never enter the image.',
  },
];

const MOUNT_OPTIONS: readonly FlagValueEntry[] = [
  { value: 'type', summary: 'The kind of mount: bind (default), cache, tmpfs, secret or ssh.' },
  {
    value: 'target',
    aliases: ['dst', 'destination'],
    summary: 'Where the mount appears inside the step (required for bind, cache and tmpfs).',
  },
  {
    value: 'source',
    aliases: ['src'],
    summary: 'The path inside `from` (bind, cache) to mount; for bind, defaults to the root of the context or stage.',
    types: ['bind', 'cache'],
  },
  {
    value: 'from',
    summary:
      'The build stage, image or named context to take the source from (bind: default the build context; cache: default an empty directory).',
    types: ['bind', 'cache'],
  },
  {
    value: 'rw',
    aliases: ['readwrite'],
    summary: 'Makes a bind mount writable for the step; the writes are discarded afterwards.',
    types: ['bind'],
  },
  { value: 'ro', aliases: ['readonly'], summary: 'Makes the mount read-only.', types: ['cache'] },
  {
    value: 'id',
    summary: 'Names the cache, secret or ssh socket (cache: defaults to the target path).',
    types: ['cache', 'secret', 'ssh'],
  },
  {
    value: 'sharing',
    summary:
      'How concurrent builds use one cache: shared (default), private (each its own copy) or locked (one at a time).',
    types: ['cache'],
  },
  {
    value: 'mode',
    summary: 'File mode of the cache directory (default 0755), secret file (0400) or ssh socket (0600).',
    types: ['cache', 'secret', 'ssh'],
  },
  {
    value: 'uid',
    summary: 'Owner UID of the mounted directory, secret file or socket (default 0).',
    types: ['cache', 'secret', 'ssh'],
  },
  {
    value: 'gid',
    summary: 'Owner GID of the mounted directory, secret file or socket (default 0).',
    types: ['cache', 'secret', 'ssh'],
  },
  {
    value: 'required',
    summary: 'Fails the step when the secret or ssh agent was not supplied (default false: the step runs without it).',
    types: ['secret', 'ssh'],
  },
  {
    value: 'env',
    summary:
      'Exposes the secret as this environment variable instead of a file, or as well as one when `target` is also given (frontend 1.10 or later).',
    types: ['secret'],
  },
  {
    value: 'size',
    summary:
      'Upper limit on the size of the tmpfs: a number of bytes, or one with a unit suffix such as `512k`, `64m` or `1g` (binary multiples: 1k is 1024 bytes).',
    types: ['tmpfs'],
  },
];

// ── instructions ────────────────────────────────────────────────────────────────────────────────

export const INSTRUCTIONS: readonly InstructionEntry[] = [
  {
    name: 'FROM',
    syntax: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]',
    summary:
      'Starts a build stage from a base image (or `scratch`, an empty root filesystem). Each FROM begins a new stage; later stages can copy from earlier ones by name.',
    isolation:
      "The base image brings only user-space files: libraries, a shell, a package manager. No kernel: every container runs on the host's.",
    flags: [
      {
        name: 'platform',
        instruction: 'FROM',
        syntax: 'FROM --platform=<os>/<arch>[/<variant>] <image>',
        summary:
          "Selects the platform variant of a multi-platform image, e.g. linux/arm64. `$BUILDPLATFORM` (the builder's) and `$TARGETPLATFORM` (the one being built) are predefined.",
        isolation:
          'A container shares the host kernel, so it cannot change the CPU architecture: a foreign platform runs through QEMU user-mode emulation (binfmt_misc), not a VM.',
        requires: ANY_FRONTEND,
        link: ref('from', 'FROM'),
        diagram: 'container-architecture',
      },
    ],
    keywords: [
      {
        value: 'AS',
        summary:
          'Names the build stage, so that `COPY --from=<name>`, `RUN --mount=from=<name>` and `docker build --target <name>` can refer to it.',
      },
      {
        value: 'scratch',
        summary:
          'The empty image: the stage starts with no files at all (static binaries, or a root filesystem added by hand).',
      },
    ],
    link: ref('from', 'FROM'),
    diagram: 'container-architecture',
  },
  {
    name: 'RUN',
    syntax: 'RUN [--mount=…] [--network=…] [--security=…] [--device=…] <command>   or   RUN ["exe", "arg"]',
    summary:
      'Runs a command in a new container made from the current image state and commits the changed files as a new layer. Shell form runs through the SHELL (default `/bin/sh -c`); exec form runs the program directly.',
    isolation:
      "Each step runs in a container of its own: fresh namespaces, the builder's cgroup, the default capabilities and seccomp profile, and by default its own network namespace with outbound access.",
    flags: [
      {
        name: 'mount',
        instruction: 'RUN',
        syntax: 'RUN --mount=[type=<bind|cache|tmpfs|secret|ssh>][,option=<value>...] <command>',
        summary:
          'Adds a mount that exists only while this step runs: files from the context or another stage, a persistent cache, a tmpfs, a secret or the SSH agent. Nothing mounted ends up in the layer.',
        isolation: "Mounts are made in the step's own mount namespace.",
        requires: stableSince('1.2'),
        values: MOUNT_TYPES,
        options: MOUNT_OPTIONS,
        link: ref('run---mount', 'RUN --mount'),
        diagram: 'namespaces-cgroups',
      },
      {
        name: 'network',
        instruction: 'RUN',
        syntax: 'RUN --network=<default|none|host> <command>',
        summary: 'Chooses the network of this step.',
        isolation:
          "Which network namespace the step gets: its own (default), its own with only loopback (none), or the host's (host).",
        requires: stableSince('1.3'),
        values: [
          { value: 'default', summary: "The builder's default: a network namespace of its own with outbound access." },
          {
            value: 'none',
            summary:
              'No network at all: a new network namespace with only the loopback interface. Good for proving a step is hermetic.',
            isolation: 'The strongest network isolation: nothing in or out.',
          },
          {
            value: 'host',
            summary:
              "Runs the step in the host's network namespace. Needs the `network.host` entitlement (`docker buildx build --allow network.host`, and buildkitd started with `--allow-insecure-entitlement network.host`).",
            isolation:
              "No network isolation: the step sees the host's interfaces and can reach services bound to the host's localhost.",
          },
        ],
        link: ref('run---network', 'RUN --network'),
        diagram: 'namespaces-cgroups',
      },
      {
        name: 'security',
        instruction: 'RUN',
        syntax: 'RUN --security=<sandbox|insecure> <command>',
        summary: 'Chooses the security mode of this step.',
        isolation:
          'insecure runs the step like `docker run --privileged`: all capabilities, no seccomp or AppArmor confinement, host devices visible.',
        requires: stableSince('1.20', '; before that, labs only'),
        values: [
          {
            value: 'sandbox',
            summary: 'The default: the normal build container, with the default capabilities and seccomp profile.',
          },
          {
            value: 'insecure',
            summary:
              'Runs the step privileged. Needs the `security.insecure` entitlement (`docker buildx build --allow security.insecure`, buildkitd `--allow-insecure-entitlement security.insecure`).',
            isolation:
              "All capabilities including CAP_SYS_ADMIN, seccomp and AppArmor off: only the namespaces remain, and root in the step can reach the host's devices.",
          },
        ],
        link: ref('run---security', 'RUN --security'),
        diagram: 'containers-in-vms',
      },
      {
        name: 'device',
        instruction: 'RUN',
        syntax: 'RUN --device=<name>[,required[=<boolean>]] <command>',
        summary:
          'Gives this step a device that a CDI (Container Device Interface) specification on the builder describes, such as a GPU: `vendor.com/class` asks for the first such device, `vendor.com/class=name` for one by name, `vendor.com/class=*` for all of them, and a bare class name for the devices annotated with that class. May be repeated.',
        isolation:
          "The CDI spec's edits (device nodes, mounts, environment) are applied to the step's container, which then reaches host hardware: so it needs the `device` entitlement (buildkitd `--allow-insecure-entitlement device`, and `--allow device` on the build) and BuildKit 0.20 or later.",
        requires: stableSince('1.27', '; before that, labs only from 1.14-labs'),
        options: [
          {
            value: 'name',
            summary:
              'The device to ask for, in the forms above (`name=nvidia.com/gpu=all`); usually written first without `name=`.',
          },
          {
            value: 'required',
            summary:
              'Fails the step when the device cannot be provided (default false: the step runs without it). `required` alone means true.',
          },
        ],
        link: ref('run---device', 'RUN --device'),
        diagram: 'namespaces-cgroups',
      },
    ],
    link: ref('run', 'RUN'),
    diagram: 'startup',
  },
  {
    name: 'CMD',
    syntax: 'CMD ["exe", "arg"]   or   CMD ["arg"] (default arguments to ENTRYPOINT)   or   CMD command arg',
    summary:
      'The default command of the container, or the default arguments to ENTRYPOINT; replaced by arguments given to `docker run`. Only the last CMD counts.',
    isolation:
      "The process it starts is PID 1 in the container's pid namespace. The shell form wraps it in `/bin/sh -c`, so the shell is PID 1 and may not forward SIGTERM.",
    flags: [],
    link: ref('cmd', 'CMD'),
    diagram: 'startup',
  },
  {
    name: 'LABEL',
    syntax: 'LABEL <key>=<value> [<key>=<value>...]',
    summary:
      'Adds key-value metadata to the image config (e.g. `org.opencontainers.image.source`). No effect on how the container runs.',
    flags: [],
    link: ref('label', 'LABEL'),
    diagram: 'container-architecture',
  },
  {
    name: 'MAINTAINER',
    syntax: 'MAINTAINER <name>',
    summary: 'Deprecated: sets the author field. Use `LABEL org.opencontainers.image.authors=…` instead.',
    flags: [],
    link: ref('maintainer-deprecated', 'MAINTAINER'),
    diagram: 'container-architecture',
  },
  {
    name: 'EXPOSE',
    syntax: 'EXPOSE <port>[/<protocol>] ...',
    summary:
      'Documents the ports the application listens on, in the image config. It does not publish anything: `docker run -p` (or `-P`, which publishes every exposed port) does.',
    isolation:
      "The port is open only inside the container's network namespace until it is published (a DNAT rule or userland proxy from the host) or the container uses the host network.",
    flags: [],
    link: ref('expose', 'EXPOSE'),
    diagram: 'namespaces-cgroups',
  },
  {
    name: 'ENV',
    syntax: 'ENV <key>=<value> [<key>=<value>...]',
    summary:
      'Sets environment variables for the following build steps and for the running container (stored in the image config and visible with `docker inspect`: never put secrets here).',
    flags: [],
    link: ref('env', 'ENV'),
    diagram: 'container-architecture',
  },
  {
    name: 'ADD',
    syntax:
      'ADD [--chown=…] [--chmod=…] [--link] [--checksum=…] [--keep-git-dir] [--unpack] [--exclude=…] <src>... <dest>',
    summary:
      'Copies files into the image like COPY, and also fetches remote URLs and Git repositories and unpacks local tar archives. Prefer COPY when none of that is needed.',
    flags: [
      chownFlag('ADD', 'add---chown---chmod'),
      chmodFlag('ADD', 'add---chown---chmod'),
      linkFlag('ADD', 'add---link'),
      {
        name: 'checksum',
        instruction: 'ADD',
        syntax: 'ADD --checksum=<sha256:hex|commit> <url> <dest>',
        summary:
          'Verifies a remote source and fails the build on a mismatch, so a changed download cannot slip into the image: for an HTTP(S) URL, its SHA-256 content digest written `sha256:<hex>` (the only algorithm); for a Git repository, the commit SHA, in full or any prefix of it.',
        requires: stableSince('1.6'),
        link: ref('add---checksum', 'ADD --checksum'),
        diagram: 'container-architecture',
      },
      {
        name: 'keep-git-dir',
        instruction: 'ADD',
        syntax: 'ADD --keep-git-dir[=<boolean>] <git-url> <dest>',
        summary: 'Keeps the .git directory when adding a Git repository (default false: only the checked-out files).',
        requires: stableSince('1.1'),
        values: booleanValues(
          'The .git directory of the cloned repository is kept in the destination, so later steps can run git commands.',
          'The default: only the checked-out files are added, without .git.',
        ),
        link: ref('add---keep-git-dir', 'ADD --keep-git-dir'),
        diagram: 'container-architecture',
      },
      {
        name: 'unpack',
        instruction: 'ADD',
        syntax: 'ADD --unpack[=<boolean>] <src> ... <dest>',
        summary:
          'Whether a tar archive (plain, gzip, bzip2, xz or zstd, recognised by its contents, not its name) is extracted into the destination. Without the flag, local archives are extracted and archives from a URL are saved as they are.',
        requires: stableSince('1.17'),
        values: booleanValues(
          'Extracts the archive into the destination, also when it was downloaded from a URL.',
          'Copies the archive as one file, also a local one.',
        ),
        link: ref('add---unpack', 'ADD --unpack'),
        diagram: 'container-architecture',
      },
      excludeFlag('ADD', 'add---exclude'),
    ],
    link: ref('add', 'ADD'),
    diagram: 'container-architecture',
  },
  {
    name: 'COPY',
    syntax: 'COPY [--from=…] [--chown=…] [--chmod=…] [--link] [--parents] [--exclude=…] <src>... <dest>',
    summary: 'Copies files from the build context, another stage or an image into the image, as a new layer.',
    flags: [
      {
        name: 'from',
        instruction: 'COPY',
        syntax: 'COPY --from=<stage|image|context> <src>... <dest>',
        summary:
          'Copies from an earlier build stage (by name or index), an image, or a named build context instead of the main context: the base of multi-stage builds, where the final image keeps only the results.',
        requires: ANY_FRONTEND,
        link: ref('copy---from', 'COPY --from'),
        diagram: 'container-architecture',
      },
      chownFlag('COPY', 'copy---chown---chmod'),
      chmodFlag('COPY', 'copy---chown---chmod'),
      linkFlag('COPY', 'copy---link'),
      {
        name: 'parents',
        instruction: 'COPY',
        syntax: 'COPY --parents[=<boolean>] <src>... <dest>',
        summary:
          'Keeps the parent directories of the sources under the destination (`COPY --parents ./a/b.txt /x/` gives /x/a/b.txt), like `cp --parents`; a `/./` inside a source path marks where the kept part starts, and a double-asterisk wildcard matches any depth of directories.',
        requires: stableSince('1.20', '; before that, labs only'),
        values: booleanValues(
          'Same as a bare `--parents`: each source keeps its directory path under the destination.',
          'The default: each source is copied straight into the destination without its parent directories, so files with the same name overwrite each other.',
        ),
        link: ref('copy---parents', 'COPY --parents'),
        diagram: 'container-architecture',
      },
      excludeFlag('COPY', 'copy---exclude'),
    ],
    link: ref('copy', 'COPY'),
    diagram: 'container-architecture',
  },
  {
    name: 'ENTRYPOINT',
    syntax: 'ENTRYPOINT ["exe", "arg"]   or   ENTRYPOINT command arg',
    summary:
      'The executable the container always runs; CMD and `docker run` arguments are appended to it (exec form only). Replaced only with `docker run --entrypoint`.',
    isolation:
      "It becomes PID 1 in the container's pid namespace: use the exec form (or `exec` in a wrapper script, or an init such as tini via `docker run --init`) so signals reach the application and zombies are reaped.",
    flags: [],
    link: ref('entrypoint', 'ENTRYPOINT'),
    diagram: 'startup',
  },
  {
    name: 'VOLUME',
    syntax: 'VOLUME ["/data"]   or   VOLUME /data /logs',
    summary:
      "Marks a path as a mount point: every container from the image gets a volume there (an anonymous one unless `-v` names it), outside the container's writable layer. Later build steps that change that path keep their changes with BuildKit, but lose them with the legacy builder.",
    isolation:
      "The volume is mounted into the container's mount namespace from outside the overlay filesystem, and outlives the container.",
    flags: [],
    link: ref('volume', 'VOLUME'),
    diagram: 'namespaces-cgroups',
  },
  {
    name: 'USER',
    syntax: 'USER <user>[:<group>]   or   USER <UID>[:<GID>]',
    summary:
      "Sets the user (and group) for the following RUN steps and for the container's process. Names must exist in the image's /etc/passwd; numeric IDs need not.",
    isolation:
      'Without a user namespace, UID 0 in the container is UID 0 on the host, held back only by capabilities, seccomp and LSMs; a non-root USER drops the capabilities too. With a user namespace (rootless, userns-remap) the UID is mapped to an unprivileged host UID.',
    flags: [],
    link: ref('user', 'USER'),
    diagram: 'namespaces-cgroups',
  },
  {
    name: 'WORKDIR',
    syntax: 'WORKDIR /path',
    summary:
      'Sets the working directory for the following instructions and for the container; created if missing. Relative paths build on the previous WORKDIR.',
    flags: [],
    link: ref('workdir', 'WORKDIR'),
    diagram: 'container-architecture',
  },
  {
    name: 'ARG',
    syntax: 'ARG <name>[=<default>]',
    summary:
      'Declares a build-time variable, set with `docker build --build-arg`. Scoped to its stage (declare again after each FROM; an ARG before the first FROM can only be used in FROM lines). Not present in the running container, but visible in the image history: not for secrets (use RUN --mount=type=secret).',
    flags: [],
    link: ref('arg', 'ARG'),
    diagram: 'container-architecture',
  },
  {
    name: 'ONBUILD',
    syntax: 'ONBUILD <INSTRUCTION>',
    summary:
      "Stores an instruction in the image to run later, at the start of any build that uses this image as its base (right after that build's FROM). Cannot chain ONBUILD, FROM or MAINTAINER.",
    flags: [],
    link: ref('onbuild', 'ONBUILD'),
    diagram: 'container-architecture',
  },
  {
    name: 'STOPSIGNAL',
    syntax: 'STOPSIGNAL <signal>',
    summary:
      'The signal `docker stop` sends first (default SIGTERM), before SIGKILL after the grace period (10 s by default).',
    isolation:
      "The signal goes to PID 1 of the container's pid namespace, which the kernel protects: a signal with no handler installed is ignored there. Either the application handles it, or an init (tini, `docker run --init`) forwards it.",
    flags: [],
    link: ref('stopsignal', 'STOPSIGNAL'),
    diagram: 'namespaces-cgroups',
  },
  {
    name: 'HEALTHCHECK',
    syntax:
      'HEALTHCHECK [--interval=…] [--timeout=…] [--start-period=…] [--start-interval=…] [--retries=…] CMD <command>   or   HEALTHCHECK NONE',
    summary:
      'A command the engine runs inside the container, periodically, to mark it healthy or unhealthy (exit 0 or 1). The engine reports the state; restarting is up to an orchestrator.',
    isolation:
      "The check is an exec into the running container: it runs in the container's namespaces and counts against its cgroup limits.",
    flags: [
      {
        name: 'interval',
        instruction: 'HEALTHCHECK',
        syntax: 'HEALTHCHECK --interval=<duration> CMD …',
        summary: 'Time between checks (default 30s).',
        requires: ANY_FRONTEND,
        link: ref('healthcheck', 'HEALTHCHECK'),
        diagram: 'startup',
      },
      {
        name: 'timeout',
        instruction: 'HEALTHCHECK',
        syntax: 'HEALTHCHECK --timeout=<duration> CMD …',
        summary: 'A check that takes longer fails (default 30s).',
        requires: ANY_FRONTEND,
        link: ref('healthcheck', 'HEALTHCHECK'),
        diagram: 'startup',
      },
      {
        name: 'start-period',
        instruction: 'HEALTHCHECK',
        syntax: 'HEALTHCHECK --start-period=<duration> CMD …',
        summary: 'Start-up time during which failures do not count towards the retries (default 0s).',
        requires: ANY_FRONTEND,
        link: ref('healthcheck', 'HEALTHCHECK'),
        diagram: 'startup',
      },
      {
        name: 'start-interval',
        instruction: 'HEALTHCHECK',
        syntax: 'HEALTHCHECK --start-interval=<duration> CMD …',
        summary: 'Time between checks during the start period (default 5s; needs Docker Engine 25 or later).',
        requires:
          'Any Dockerfile frontend version (the reference gives it no minimum); the engine running the container must be Docker Engine 25.0 or later.',
        link: ref('healthcheck', 'HEALTHCHECK'),
        diagram: 'startup',
      },
      {
        name: 'retries',
        instruction: 'HEALTHCHECK',
        syntax: 'HEALTHCHECK --retries=<n> CMD …',
        summary: 'Consecutive failures before the container is unhealthy (default 3).',
        requires: ANY_FRONTEND,
        link: ref('healthcheck', 'HEALTHCHECK'),
        diagram: 'startup',
      },
    ],
    keywords: [
      {
        value: 'CMD',
        summary: 'The check command that follows (exec or shell form); exit status 0 is healthy, 1 unhealthy.',
      },
      { value: 'NONE', summary: 'Disables any health check inherited from the base image.' },
    ],
    link: ref('healthcheck', 'HEALTHCHECK'),
    diagram: 'startup',
  },
  {
    name: 'SHELL',
    syntax: 'SHELL ["executable", "parameters"]',
    summary:
      'Replaces the shell used by the shell form of RUN, CMD and ENTRYPOINT (default `["/bin/sh", "-c"]` on Linux, `["cmd", "/S", "/C"]` on Windows), e.g. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
    flags: [],
    link: ref('shell', 'SHELL'),
    diagram: 'container-architecture',
  },
];

export const DIRECTIVES: readonly DirectiveEntry[] = [
  {
    name: 'syntax',
    syntax: '# syntax=docker/dockerfile:1',
    summary:
      'A parser directive: the Dockerfile frontend image BuildKit pulls to read this file, instead of the one built into BuildKit or Docker. `docker/dockerfile:1` follows the newest stable 1.x release, which has every stable flag (RUN --security and COPY --parents since 1.20, --exclude since 1.19); a pinned version such as `docker/dockerfile:1.20` keeps builds repeatable; `:1-labs` adds features not yet stable. Must come before any instruction, comment or blank line.',
    link: ref('syntax', 'syntax directive'),
    diagram: 'runtime-layers',
  },
  {
    name: 'escape',
    syntax: '# escape=`',
    summary:
      'A parser directive: the escape character for line continuations and escapes, `\\` (default) or a backtick, which Windows Dockerfiles use so that paths like C:\\app keep their backslashes.',
    link: ref('escape', 'escape directive'),
    diagram: 'container-architecture',
  },
  {
    name: 'check',
    syntax: '# check=skip=<checks|all>;error=<boolean>',
    summary:
      'A parser directive (frontend 1.8 or later): configures the build checks (linting): which rules to skip (`skip=JSONArgsRecommended,StageNameCasing` or `skip=all`), and whether a violation fails the build (`error=true`; pin the syntax version then, as new checks arrive with new versions). The build arg BUILDKIT_DOCKERFILE_CHECK sets the same from the command line.',
    link: ref('check', 'check directive'),
    diagram: 'container-architecture',
  },
];
