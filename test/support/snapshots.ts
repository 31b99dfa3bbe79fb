import type { ContainerInfo, HostSnapshot, NamespaceEntry, NamespaceKind } from '../../src/core/model';
import { NAMESPACE_KINDS } from '../../src/core/model';

/**
 * Synthetic snapshots for rendering tests: a FAKE host, built here because a browser test must not
 * depend on which engines run. The names carry the payloads engines let through (labels, CRI pod
 * names, images): Mermaid syntax, HTML with handlers, and markdown command links.
 */

export const HOSTILE_TEXTS = [
  'x"]; click A "javascript:window.__pwned=true"',
  '<img src=x onerror="window.__pwned=true">',
  '[run](command:workbench.action.terminal.new)',
  'end; subgraph evil',
];

function namespaces(
  overrides: Partial<Record<NamespaceKind, NamespaceEntry['verdict']>>,
  base: number,
): NamespaceEntry[] {
  return NAMESPACE_KINDS.map((kind, i) => ({
    kind,
    read: { state: 'ok', inode: base + i },
    verdict: overrides[kind] ?? (kind === 'user' || kind === 'time' ? { kind: 'host' } : { kind: 'isolated' }),
  }));
}

export function container(partial: Partial<ContainerInfo> & { id: string; name: string }): ContainerInfo {
  return {
    key: `docker::${partial.id}`,
    runtime: 'docker',
    image: 'anatomy-busybox:latest',
    state: 'running',
    labels: {},
    pid: 1000,
    ...partial,
  };
}

export function hostileSnapshot(): HostSnapshot {
  const a = container({
    id: 'a1',
    name: HOSTILE_TEXTS[0],
    namespaces: { entries: namespaces({ net: { kind: 'shared', withKeys: ['docker::b2'] } }, 100) },
  });
  const b = container({
    id: 'b2',
    name: 'plain',
    image: HOSTILE_TEXTS[1],
    namespaces: {
      entries: namespaces({ net: { kind: 'shared', withKeys: ['docker::a1'] }, pid: { kind: 'host' } }, 200),
    },
    cgroup: {
      version: '1',
      path: '/docker/b2',
      memory: { limitBytes: 64 * 1024 * 1024 },
      cpu: { cpus: 0.5 },
      pids: { limit: 50 },
    },
  });
  const c = container({
    id: 'c3',
    key: 'containerd:k8s.io:c3',
    runtime: 'containerd',
    name: HOSTILE_TEXTS[3],
    containerdNamespace: 'k8s.io',
    pod: { name: HOSTILE_TEXTS[2], namespace: 'default' },
    namespaces: { entries: namespaces({}, 300) },
  });
  return {
    takenAt: new Date().toISOString(),
    host: { cgroupVersion: 'hybrid', namespaces: { self: {}, pid1: {}, pid1Unreadable: 'EACCES' }, isRoot: true },
    runtimes: [
      {
        kind: 'docker',
        endpoint: 'unix:///var/run/docker.sock',
        status: { state: 'ok' },
        version: '20.10.24',
        chain: [{ name: 'dockerd', version: '20.10.24', role: 'engine' }],
      },
      {
        kind: 'containerd',
        endpoint: 'unix:///run/containerd/containerd.sock',
        status: { state: 'ok' },
        version: '1.6.20',
        chain: [{ name: HOSTILE_TEXTS[1], role: 'cri' }],
      },
    ],
    containers: [a, b, c],
  };
}
