import fs = require('node:fs');
import type { RuntimeKind } from '../model';
import { createDockerSource, type DockerSource } from '../runtimes/docker';
import { createPodmanSource, createPodmanSources } from '../runtimes/podman';
import { isRoot } from '../runtimes/shared/processUser';
import type { EngineSource } from './engineSource';

export const ALL_ENGINES: readonly RuntimeKind[] = ['docker', 'podman', 'podman-rootless', 'containerd'];

export interface DefaultSourcesOptions {
  env?: NodeJS.ProcessEnv;
  /** Limit to these engines; all when absent. */
  engines?: readonly RuntimeKind[];
  timeoutMs?: number;
  /** Overrides of discovery (settings); empty or absent means discover as the engines' CLIs do. */
  dockerHost?: string;
  podmanSocket?: string;
  containerdAddress?: string;
  /** Where containerd discovery looks first (tests). */
  containerdDefaultAddress?: string;
}

/** The engines found the way their own CLIs find them, unless a setting names the endpoint. */
export function createDefaultSources(options: DefaultSourcesOptions = {}): EngineSource[] {
  const env = options.env ?? process.env;
  const wanted = (kind: RuntimeKind) => !options.engines || options.engines.includes(kind);
  const sources: EngineSource[] = [];
  let docker: DockerSource | undefined;
  if (wanted('docker')) {
    const dockerEnv = options.dockerHost ? { ...env, DOCKER_HOST: options.dockerHost } : env;
    docker = createDockerSource({ env: dockerEnv, timeoutMs: options.timeoutMs });
    sources.push(docker);
  }
  if (wanted('podman')) {
    sources.push(
      createPodmanSource({ kind: 'podman', env, socketPath: options.podmanSocket, timeoutMs: options.timeoutMs }),
    );
  }
  if (wanted('podman-rootless')) {
    // As root, every user's rootless Podman that has its API socket up; otherwise our own.
    const rootlessSockets = isRoot() ? rootlessPodmanSockets() : undefined;
    sources.push(
      ...createPodmanSources({ kind: 'podman-rootless', env, rootlessSockets, timeoutMs: options.timeoutMs }),
    );
  }
  if (wanted('containerd')) {
    // Docker's containers live in this containerd's `moby` namespace too; the snapshot shows them once.
    // Without a setting, discovery tries the default socket, then the one Docker names in /info.
    const dockerSource = docker;
    const discover = async (): Promise<string | undefined> => {
      if (dockerSource) return dockerSource.containerdAddress();
      const once = createDockerSource({ env, timeoutMs: options.timeoutMs });
      try {
        return await once.containerdAddress();
      } finally {
        once.dispose();
      }
    };
    sources.push(
      loadContainerdClient().createContainerdSource({
        address: options.containerdAddress || env.CONTAINERD_ADDRESS || undefined,
        defaultAddress: options.containerdDefaultAddress,
        discover,
        timeoutMs: options.timeoutMs,
      }),
    );
  }
  return sources;
}

/**
 * `/run/user/<uid>/podman/podman.sock` of every user who has used rootless Podman (its runtime folder
 * holds `podman` or `containers`). The socket need not be up: the source then falls back to that
 * user's CLI.
 */
export function rootlessPodmanSockets(runUser = '/run/user'): string[] {
  let uids: string[];
  try {
    uids = fs.readdirSync(runUser).filter((name) => /^\d+$/.test(name) && name !== '0');
  } catch {
    return [];
  }
  return uids
    .filter((uid) => fs.existsSync(`${runUser}/${uid}/podman`) || fs.existsSync(`${runUser}/${uid}/containers`))
    .map((uid) => `${runUser}/${uid}/podman/podman.sock`);
}

/**
 * The containerd client pulls in grpc-js and protobufjs, two thirds of the extension bundle. A
 * require() here (rather than an import) lets esbuild keep that module lazy, so activation does
 * not pay for evaluating it until the first containerd read.
 */
function loadContainerdClient(): typeof import('../runtimes/containerd') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
  return require('../runtimes/containerd') as typeof import('../runtimes/containerd');
}
