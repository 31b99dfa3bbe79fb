/**
 * The grouping under an engine: containerd namespaces (when the engine is containerd), then pods
 * (when grouping by pod), then the containers themselves.
 */
import type { ContainerInfo, RuntimeInfo } from '../model';
import { addContainer, type ContainerContext } from './containerNodes';

/** The `moby` namespace is Docker's own copy of its containers: shown, but known. */
function containerdNamespaceOf(c: ContainerInfo): string {
  return c.containerdNamespace ?? 'default';
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function namespaceNote(ns: string): string {
  return ns === 'moby' ? " (Docker's containers)" : ns === 'k8s.io' ? ' (Kubernetes CRI)' : '';
}

export function addRuntimeChildren(
  ctx: ContainerContext,
  r: RuntimeInfo,
  runtimeId: string | undefined,
  mine: ContainerInfo[],
): void {
  const byNamespace = r.kind === 'containerd' && ctx.options.groupBy !== 'none';
  const groups = groupBy(mine, (c) => (byNamespace ? containerdNamespaceOf(c) : ''));
  for (const ns of [...groups.keys()].sort()) {
    let parent = runtimeId;
    if (byNamespace && runtimeId) {
      parent = `${runtimeId}/ns:${ns}`;
      ctx.sink.add({
        id: parent,
        parentId: runtimeId,
        kind: 'containerdNamespace',
        label: ns,
        description: `containerd namespace${namespaceNote(ns)}`,
        icon: { id: 'symbol-namespace' },
        contextValue: 'containerdNamespace',
        collapsible: 'expanded',
        runtime: r.kind,
      });
    }
    const members = groups.get(ns) ?? [];
    if (ctx.options.groupBy === 'pod') addPods(ctx, r, parent, members);
    else for (const c of members) addContainer(ctx, c, parent);
  }
}

function addPods(ctx: ContainerContext, r: RuntimeInfo, parent: string | undefined, members: ContainerInfo[]): void {
  const loose = members.filter((c) => !c.pod);
  const pods = groupBy(
    members.filter((c) => c.pod),
    (c) => `${c.pod!.namespace ?? ''}/${c.pod!.id ?? c.pod!.name}`,
  );
  for (const [podKey, podMembers] of pods) {
    const pod = podMembers[0].pod!;
    const podId = `${parent ?? `runtime:${r.kind}`}/pod:${podKey}`;
    ctx.sink.add({
      id: podId,
      parentId: parent,
      kind: 'pod',
      label: pod.namespace ? `${pod.namespace}/${pod.name}` : pod.name,
      description: `pod · ${podMembers.length} container${podMembers.length === 1 ? '' : 's'}`,
      icon: { id: 'package' },
      contextValue: 'pod',
      collapsible: 'expanded',
      runtime: r.kind,
    });
    for (const c of podMembers) addContainer(ctx, c, podId);
  }
  for (const c of loose) addContainer(ctx, c, parent);
}
