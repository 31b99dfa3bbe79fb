/**
 * Where Podman is reached, as Podman itself decides it: `CONTAINER_HOST` (for the current user's
 * own Podman), else rootful `/run/podman/podman.sock`, else rootless
 * `$XDG_RUNTIME_DIR/podman/podman.sock`. When the socket does not answer, the CLI is the fallback,
 * but only where the CLI shows the same containers: `podman` run as a non-root user always shows
 * that user's rootless containers, and run as root always the rootful ones. Root reads another
 * user's rootless Podman through that user's socket, or through `runuser -u <user> -- podman`.
 */
import { currentUid } from '../shared/processUser';
import { locateRunuser, lookupUser, type PodmanCliTarget } from './cli';

export const ROOTFUL_SOCKET = '/run/podman/podman.sock';

export interface PodmanEndpointOptions {
  kind: 'podman' | 'podman-rootless';
  socketPath?: string;
  /** Rootless sockets of other users, for a caller running as root (`/run/user/<uid>/podman/podman.sock`). */
  rootlessSockets?: string[];
  cliPath?: string;
  /** Running as root: run the CLI as this user for kind `podman-rootless`. */
  cliUser?: string;
  env?: NodeJS.ProcessEnv;
  /** The uid the extension runs as (default: this process's). */
  uid?: number;
  passwdPath?: string;
  runuserPath?: string;
}

export interface PodmanEndpoint {
  /** The API socket to try first; absent when there is none to try (remote CONTAINER_HOST). */
  socketPath?: string;
  /** Where the socket path came from, for the status detail. */
  socketSource: string;
  /** The CLI to fall back to; absent when it would show other containers (see `cliRefusal`). */
  cli?: PodmanCliTarget;
  cliRefusal?: string;
  /** The CLI must be used for everything (CONTAINER_HOST is ssh:// or tcp://: the CLI goes remote). */
  cliOnly?: boolean;
}

/** `/run/user/1001/podman/podman.sock` → 1001. */
export function uidFromRootlessSocket(socketPath: string): number | undefined {
  const m = /^\/run\/user\/(\d+)\//.exec(socketPath);
  return m ? Number(m[1]) : undefined;
}

export function resolvePodmanEndpoint(options: PodmanEndpointOptions): PodmanEndpoint {
  const env = options.env ?? process.env;
  const uid = options.uid ?? currentUid() ?? -1;
  const cliPath = options.cliPath ?? 'podman';
  const ownKind = uid === 0 ? 'podman' : 'podman-rootless';
  const containerHost = (env.CONTAINER_HOST ?? '').trim();
  const ownCli: PodmanCliTarget = { cliPath, env };

  if (options.socketPath) {
    return withCli({ socketPath: options.socketPath, socketSource: 'configured socketPath' });
  }
  if (containerHost && options.kind === ownKind) {
    if (containerHost.startsWith('unix://')) {
      // The CLI would follow CONTAINER_HOST to the very same socket: no separate fallback.
      return {
        socketPath: containerHost.slice('unix://'.length),
        socketSource: 'CONTAINER_HOST',
        cliRefusal: 'CONTAINER_HOST names this socket; the CLI would use it too',
      };
    }
    return { socketSource: 'CONTAINER_HOST', cli: ownCli, cliOnly: true };
  }
  if (options.kind === 'podman') {
    return withCli({ socketPath: ROOTFUL_SOCKET, socketSource: 'rootful default' });
  }
  if (uid !== 0) {
    const runtimeDir = env.XDG_RUNTIME_DIR || `/run/user/${uid}`;
    return withCli({
      socketPath: `${runtimeDir.replace(/\/+$/, '')}/podman/podman.sock`,
      socketSource: env.XDG_RUNTIME_DIR ? 'XDG_RUNTIME_DIR' : `/run/user/${uid}`,
    });
  }
  const given = options.rootlessSockets?.[0];
  return withCli({ socketPath: given, socketSource: given ? 'rootlessSockets' : 'none' });

  function withCli(ep: PodmanEndpoint): PodmanEndpoint {
    if (options.kind === ownKind) return { ...ep, cli: ownCli };
    if (options.kind === 'podman') {
      return {
        ...ep,
        cliRefusal:
          'the podman CLI run as a non-root user shows only that user’s rootless containers, not the rootful ones',
      };
    }
    // Rootless Podman of another user, seen by root.
    const fromSocket = ep.socketPath !== undefined ? uidFromRootlessSocket(ep.socketPath) : undefined;
    const who =
      options.cliUser !== undefined
        ? lookupUser(options.cliUser, options.passwdPath)
        : fromSocket !== undefined
          ? lookupUser(fromSocket, options.passwdPath)
          : undefined;
    if (!who) {
      const why =
        options.cliUser !== undefined
          ? `user ${options.cliUser} not found`
          : 'running as root, rootless Podman needs a user: give cliUser or a rootless socket under /run/user/<uid>/';
      return { ...ep, cliRefusal: why };
    }
    return {
      ...ep,
      cli: {
        cliPath,
        env: { ...stripContainerHost(env) },
        runAs: who,
        runuserPath: options.runuserPath ?? locateRunuser(),
      },
    };
  }
}

function stripContainerHost(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.CONTAINER_HOST;
  return out;
}
