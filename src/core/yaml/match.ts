/**
 * The running containers a compose service or a Kubernetes pod produced, found by the labels the
 * engines put on them: Compose's `com.docker.compose.project` / `service` (v1 and v2 alike), the
 * CRI's `io.kubernetes.pod.name` / `namespace` / `container.name`.
 */
import path = require('node:path');
import type { ContainerInfo, HostSnapshot } from '../model';
import type { Owner } from './classify';

export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
export const COMPOSE_CONFIG_FILES = 'com.docker.compose.project.config_files';
export const POD_NAME = 'io.kubernetes.pod.name';
export const POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const CONTAINER_NAME = 'io.kubernetes.container.name';

/** Compose's default project name: the folder's name, lower case, only `a-z 0-9 _ -` kept. */
export function composeProjectName(fileName: string, declared?: string): string {
  const raw = declared ?? path.basename(path.dirname(path.resolve(fileName)));
  return raw.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

function composeMatch(c: ContainerInfo, service: string, project: string, fileName: string): boolean {
  if (c.labels[COMPOSE_SERVICE] !== service) return false;
  if (c.labels[COMPOSE_PROJECT] === project) return true;
  const files = c.labels[COMPOSE_CONFIG_FILES];
  return !!files && files.split(',').some((f) => path.resolve(f) === path.resolve(fileName));
}

/** Controllers name their pods `<name>-<hash>[-<suffix>]`; a Pod is its own name. */
function podNameMatches(podName: string | undefined, workload: string, name: string): boolean {
  if (!podName) return false;
  return workload === 'Pod' ? podName === name : podName.startsWith(`${name}-`);
}

function isSandbox(c: ContainerInfo): boolean {
  return c.labels['io.cri-containerd.kind'] === 'sandbox' || c.pod?.infra === true;
}

export interface MatchContext {
  readonly fileName: string;
  /** The compose file's top-level `name:`. */
  readonly projectName?: string;
}

/** Running containers made from the owner, best first (for a pod-level setting, the sandbox). */
export function runningContainersOf(snapshot: HostSnapshot, owner: Owner, ctx: MatchContext): ContainerInfo[] {
  const running = snapshot.containers.filter((c) => c.state === 'running');
  if (owner.kind === 'compose') {
    const project = composeProjectName(ctx.fileName, ctx.projectName);
    return running.filter((c) => composeMatch(c, owner.service, project, ctx.fileName));
  }
  const { name, workload, container } = owner;
  if (!name) return [];
  const namespace = owner.namespace ?? 'default';
  const inPod = running.filter(
    (c) => c.labels[POD_NAMESPACE] === namespace && podNameMatches(c.labels[POD_NAME], workload, name),
  );
  if (container !== undefined) return inPod.filter((c) => c.labels[CONTAINER_NAME] === container);
  return [...inPod.filter(isSandbox), ...inPod.filter((c) => !isSandbox(c))];
}
