/**
 * The Containers tree as plain data: a HostSnapshot mapped to nodes with stable ids and parent
 * links, so the VS Code side only turns a node into a TreeItem. Ids are built from engine keys and
 * kinds, never from positions, so expansion and `reveal` survive refreshes.
 *
 * Every string that comes from an engine (names, images, labels, pod names) stays plain text here;
 * the VS Code side makes it safe to show (nodeText in present.ts, and the tooltip's markdown).
 */
import type { ContainerInfo, HostSnapshot, RuntimeInfo } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';
import { runtimeFix, runtimeStatusWord } from './texts';
import { addContainer, type ContainerContext } from './containerNodes';
import { runtimeDescription } from './descriptions';
import { addRuntimeChildren } from './groupNodes';
import { runtimeIcon } from './icons';
import { containerOrder } from '../usage/sortOrder';
import {
  DEFAULT_TREE_OPTIONS,
  NodeSink,
  runtimeNodeId,
  type TreeModel,
  type TreeNode,
  type TreeOptions,
} from './nodes';

export * from './nodes';

/** One collator for every sort: `localeCompare` with options builds a new one per comparison. */
const naturalOrder = new Intl.Collator('en', { numeric: true });

/** Natural order (`web-2` before `web-10`), then by key so equal names keep a fixed order. */
const byName = (a: ContainerInfo, b: ContainerInfo): number =>
  naturalOrder.compare(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const isLive = (c: ContainerInfo): boolean => c.state === 'running' || c.state === 'paused' || c.state === 'restarting';

/** The containers the options let through, and how many they hide. */
function visibleContainers(snapshot: HostSnapshot, options: TreeOptions): { visible: ContainerInfo[]; hidden: number } {
  const filter = options.filter.trim().toLowerCase();
  const visible = snapshot.containers.filter(
    (c) => (options.showStopped || isLive(c)) && (!filter || c.name.toLowerCase().includes(filter)),
  );
  return { visible, hidden: snapshot.containers.length - visible.length };
}

/** Builds the whole tree for one snapshot. Pure: the same snapshot and options give the same ids. */
export function buildTree(snapshot: HostSnapshot, options: TreeOptions = DEFAULT_TREE_OPTIONS): TreeModel {
  const sink = new NodeSink();
  const { visible, hidden: hiddenCount } = visibleContainers(snapshot, options);
  const model = (noEngine: boolean): TreeModel => ({
    roots: sink.roots,
    nodes: sink.nodes,
    children: sink.children,
    noEngine,
    hiddenCount,
  });
  const noEngine = snapshot.runtimes.length > 0 && snapshot.runtimes.every((r) => r.status.state === 'missing');
  if (noEngine || snapshot.runtimes.length === 0) return model(true);

  const names = new Map(snapshot.containers.map((c) => [c.key, c.name]));
  const ctx: ContainerContext = { sink, options, nameOf: (key) => names.get(key) ?? key };
  const order = containerOrder(options.sortBy, byName);

  // Several engines of one kind (rootless Podman of several users, read as root) get ids by
  // endpoint after the first; a container names only its kind, so the kind's containers are listed
  // under the first healthy engine of that kind.
  const seenKinds = new Set<string>();
  const ownerOfKind = new Map<string, RuntimeInfo>();
  for (const r of snapshot.runtimes)
    if (r.status.state === 'ok' && !ownerOfKind.has(r.kind)) ownerOfKind.set(r.kind, r);
  for (const r of snapshot.runtimes) {
    if (options.groupBy === 'none' && r.status.state === 'ok' && !r.inVm) continue;
    const runtimeId = seenKinds.has(r.kind) ? `${runtimeNodeId(r.kind)}@${r.endpoint}` : runtimeNodeId(r.kind);
    seenKinds.add(r.kind);
    addRuntime(sink, r, runtimeId);
    if (r.status.state !== 'ok' || options.groupBy === 'none') continue;
    if (ownerOfKind.get(r.kind) !== r) {
      sink.message(
        runtimeId,
        'elsewhere',
        `Containers of every ${RUNTIME_TITLES[r.kind]} engine are listed under the first one`,
        { id: 'info' },
      );
      continue;
    }
    // By name (or usage), so the order does not follow the engine's list order from one refresh to the next.
    const mine = visible.filter((c) => c.runtime === r.kind).sort(order);
    if (mine.length === 0) {
      const hidden = snapshot.containers.some((c) => c.runtime === r.kind);
      sink.message(runtimeId, 'empty', hidden ? 'No container matches the filter' : 'No containers', { id: 'info' });
    }
    addRuntimeChildren(ctx, r, runtimeId, mine);
  }
  if (options.groupBy === 'none') {
    const ok = new Set(snapshot.runtimes.filter((r) => r.status.state === 'ok').map((r) => r.kind));
    for (const c of [...visible].sort(order)) if (ok.has(c.runtime)) addContainer(ctx, c, undefined);
  }
  return model(false);
}

/** The engine's node, with what is wrong with it (and the fix) or that it runs in a VM. */
function addRuntime(sink: NodeSink, r: RuntimeInfo, runtimeId: string): void {
  const ok = r.status.state === 'ok';
  sink.add({
    id: runtimeId,
    kind: 'runtime',
    label: RUNTIME_TITLES[r.kind],
    description: runtimeDescription(r),
    icon: runtimeIcon(r),
    contextValue: ok ? 'runtime' : 'runtimeError',
    collapsible: ok ? 'expanded' : 'collapsed',
    runtime: r.kind,
  });
  if (r.status.state !== 'ok') {
    sink.message(runtimeId, 'status', `${runtimeStatusWord(r)}: ${r.status.detail}`, {
      id: 'warning',
      color: 'editorWarning.foreground',
    });
    const fix = runtimeFix(r);
    if (fix) sink.message(runtimeId, 'fix', fix, { id: 'lightbulb', color: 'editorLightBulb.foreground' });
    return;
  }
  if (r.inVm)
    sink.message(
      runtimeId,
      'vm',
      `Runs in a VM: ${r.inVm.reason}. Kernel details (namespaces, cgroups) are not on this kernel.`,
      { id: 'vm' },
    );
}

/** Ancestors of a node, nearest first (for tests and reveal). */
export function ancestors(model: TreeModel, id: string): TreeNode[] {
  const out: TreeNode[] = [];
  let node = model.nodes.get(id);
  while (node?.parentId !== undefined) {
    node = model.nodes.get(node.parentId);
    if (node) out.push(node);
  }
  return out;
}
