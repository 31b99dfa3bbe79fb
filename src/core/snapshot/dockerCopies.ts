/**
 * Docker keeps its containers in containerd too (namespace `moby`, or the one its daemon was told),
 * under the same ids. The snapshot shows each such container once, under Docker, and remembers the
 * other name it has. The one rule for it, used by the snapshot and by the feed's event filter.
 */
import type { ContainerInfo, HostSnapshot } from '../model';
import type { ContainerEvent } from './engineSource';

const sameId = (id: string): string => id.toLowerCase();

/**
 * Drops containerd's copies of the containers Docker lists (matched by id, in whatever containerd
 * namespace Docker uses) and links each to its Docker entry through `alsoSeenAs`; also drops
 * repeated keys. Containers Docker does not list (another dockerd's, in `moby` too) stay.
 */
export function dedupe(containers: ContainerInfo[]): ContainerInfo[] {
  const dockerById = new Map<string, ContainerInfo>();
  for (const c of containers) if (c.runtime === 'docker' && c.id) dockerById.set(sameId(c.id), c);
  const out: ContainerInfo[] = [];
  const seen = new Set<string>();
  for (const c of containers) {
    const docker = c.runtime === 'containerd' && c.id ? dockerById.get(sameId(c.id)) : undefined;
    if (docker) {
      const name = `containerd ${c.containerdNamespace ?? ''}/${c.id}`;
      docker.alsoSeenAs = [...new Set([...(docker.alsoSeenAs ?? []), name])];
      continue;
    }
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    out.push(c);
  }
  return out;
}

/**
 * A containerd event about a container that the snapshot shows through Docker. dedupe() keeps
 * Docker's entry, so re-reading it from containerd changes nothing shown, and Docker sends its own
 * event for the same change; the re-read would only delay Docker's.
 */
export function shownThroughDocker(
  snapshot: HostSnapshot | undefined,
  event: Pick<ContainerEvent, 'runtime' | 'id'>,
): boolean {
  if (event.runtime !== 'containerd' || !snapshot) return false;
  const id = sameId(event.id);
  return snapshot.containers.some((c) => c.runtime === 'docker' && sameId(c.id) === id);
}
