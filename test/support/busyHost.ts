import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ContainerInfo, HostSnapshot } from '../../src/core/model';
import { repoRoot } from './repoRoot';

/** The snapshot RECORDED on the development host with the engine set-up's containers (see its README). */
export function recordedSnapshot(): HostSnapshot {
  const file = path.join(repoRoot(), 'test', 'fixtures', 'snapshots', 'docker-engine-setup.json');
  return JSON.parse(readFileSync(file, 'utf8')) as HostSnapshot;
}

/**
 * A FAKE busy host of exactly `n` containers, for rendering the live diagram at sizes no test host
 * runs: the recorded set-up's containers first (shared namespaces, limits, host pid, hostile labels),
 * then copies of its plain limited container with new ids, names and inodes, every tenth in a
 * compose project of its own, as a host running many small services looks.
 */
export function busyHost(n: number): HostSnapshot {
  const recorded = recordedSnapshot();
  const template = recorded.containers.find((c) => c.name === 'anatomy-limits')!;
  const containers: ContainerInfo[] = recorded.containers.slice(0, n);
  for (let i = containers.length; i < n; i++) {
    const id = `fake${String(i).padStart(4, '0')}`;
    const project: Record<string, string> =
      i % 10 === 0 ? { 'com.docker.compose.project': `shop${i / 10}`, 'com.docker.compose.service': 'web' } : {};
    containers.push({
      ...template,
      key: `docker::${id}`,
      id,
      name: `busy-${i}`,
      labels: { ...project },
      pid: 100_000 + i,
      namespaces: template.namespaces && {
        ...template.namespaces,
        entries: template.namespaces.entries.map((e, k) =>
          e.verdict.kind === 'isolated' && e.read.state === 'ok'
            ? { ...e, read: { ...e.read, inode: 5_000_000 + 10 * i + k } }
            : e,
        ),
      },
    });
  }
  return { ...recorded, containers };
}
