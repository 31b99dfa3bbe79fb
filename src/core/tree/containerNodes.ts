/**
 * A container's subtree: the container node, a note when the kernel detail is missing, its eight
 * namespaces, its cgroup with one leaf per controller, and its privileges (privilegeNodes.ts).
 */
import type { CgroupReport, ContainerInfo, NamespaceReport } from '../model';
import { mayEnterContainer } from '../shell/nsenter';
import { RUNTIME_TITLES } from '../runtimeTitles';
import { containerDescription, cpuText, memoryText, namespaceDescription, pidsText } from './descriptions';
import { STATE_ICON, verdictIcon } from './icons';
import { addPrivileges, weakSpotMark } from './privilegeNodes';
import { ioUsageText, networkText } from '../usage/usageText';
import { containerNodeId, type NodeSink, type TreeNode, type TreeOptions } from './nodes';

export interface ContainerContext {
  sink: NodeSink;
  options: TreeOptions;
  /** A container's name by key, for "shared with …". */
  nameOf: (key: string) => string;
}

export function addContainer(ctx: ContainerContext, c: ContainerInfo, parentId: string | undefined): void {
  const { sink, options } = ctx;
  const id = containerNodeId(c.key);
  const running = c.state === 'running';
  const enterable = mayEnterContainer(options.selfUid, c, options.sudoNsenter);
  sink.add({
    id,
    parentId,
    kind: 'container',
    label: c.name,
    description: [
      options.groupBy === 'none'
        ? `${RUNTIME_TITLES[c.runtime]} · ${containerDescription(c)}`
        : containerDescription(c),
      weakSpotMark(c),
    ]
      .filter(Boolean)
      .join(' · '),
    icon: STATE_ICON[c.state] ?? STATE_ICON.unknown,
    contextValue: running ? (enterable ? 'runningContainer enterable' : 'runningContainer') : 'stoppedContainer',
    collapsible: 'collapsed',
    containerKey: c.key,
    runtime: c.runtime,
    copyText: c.id,
  });
  if (options.subtreesOf && !options.subtreesOf.has(c.key)) return; // built when VS Code asks for it
  if (c.kernelDetailNote) sink.message(id, 'note', c.kernelDetailNote, { id: 'info' });
  else if (!c.namespaces && !c.cgroup) {
    sink.message(
      id,
      'note',
      running ? 'No kernel detail for this container' : `No kernel detail: the container is ${c.state} (no process)`,
      { id: 'info' },
    );
  }
  if (c.namespaces) addNamespaces(ctx, c, id, c.namespaces);
  if (c.cgroup) addCgroup(ctx.sink, c, id, c.cgroup);
  addPrivileges(ctx.sink, c, id);
}

function addNamespaces(ctx: ContainerContext, c: ContainerInfo, containerId: string, report: NamespaceReport): void {
  const groupId = `${containerId}/namespaces`;
  const counts = { isolated: 0, host: 0, shared: 0 };
  for (const e of report.entries) if (e.verdict.kind in counts) counts[e.verdict.kind as keyof typeof counts]++;
  ctx.sink.add({
    id: groupId,
    parentId: containerId,
    kind: 'namespaces',
    label: 'Namespaces',
    description: `${counts.isolated} isolated, ${counts.host} shared with host, ${counts.shared} shared`,
    icon: { id: 'symbol-namespace' },
    contextValue: 'namespaces',
    collapsible: 'expanded',
    containerKey: c.key,
    runtime: c.runtime,
  });
  const note = report.inodesNote?.split(': ');
  if (note) ctx.sink.message(groupId, 'inodes', note[0], { id: 'lock' }, note.slice(1).join(': '));
  for (const e of report.entries) {
    ctx.sink.add({
      id: `${groupId}/${e.kind}`,
      parentId: groupId,
      kind: 'namespace',
      label: e.kind,
      description: namespaceDescription(e, ctx.nameOf),
      icon: verdictIcon(e),
      contextValue: e.read.state === 'ok' ? 'namespace' : 'namespaceUnread',
      collapsible: 'none',
      containerKey: c.key,
      runtime: c.runtime,
      namespace: e,
      copyText: e.read.state === 'ok' ? `${e.kind}:[${e.read.inode}]` : undefined,
    });
  }
}

type LeafFields = Omit<TreeNode, 'id' | 'parentId' | 'collapsible' | 'containerKey' | 'runtime'>;

function addCgroup(sink: NodeSink, c: ContainerInfo, containerId: string, cg: CgroupReport): void {
  const groupId = `${containerId}/cgroup`;
  sink.add({
    id: groupId,
    parentId: containerId,
    kind: 'cgroup',
    label: 'Cgroup',
    description: `v${cg.version}${cg.driver ? ` · ${cg.driver}` : ''}`,
    icon: { id: 'dashboard' },
    contextValue: 'cgroup',
    collapsible: 'expanded',
    containerKey: c.key,
    runtime: c.runtime,
    copyText: cg.path || undefined,
  });
  const leaf = (suffix: string, node: LeafFields): void => {
    sink.add({
      id: `${groupId}/${suffix}`,
      parentId: groupId,
      collapsible: 'none',
      containerKey: c.key,
      runtime: c.runtime,
      ...node,
    });
  };
  const controller = (name: NonNullable<TreeNode['controller']>, description: string, icon: string): void =>
    leaf(name, {
      kind: 'controller',
      controller: name,
      label: name,
      description,
      icon: { id: icon },
      contextValue: 'controller',
    });
  leaf('path', {
    kind: 'cgroupPath',
    label: 'path',
    description: cg.path || '(unknown path)',
    icon: { id: 'folder' },
    contextValue: cg.path ? 'cgroup' : 'cgroupUnknown',
    copyText: cg.path || undefined,
  });
  if (cg.memory) controller('memory', memoryText(cg.memory), 'database');
  if (cg.cpu) controller('cpu', cpuText(cg.cpu), 'pulse');
  if (cg.pids) controller('pids', pidsText(cg.pids), 'list-tree');
  if (cg.io && (cg.io.lines.length > 0 || cg.io.usage))
    controller(
      'io',
      [cg.io.usage && ioUsageText(cg.io.usage), ...cg.io.lines].filter(Boolean).join('; '),
      'arrow-swap',
    );
  if (cg.network) controller('network', networkText(cg.network), 'globe');
  if (cg.note) leaf('note', { kind: 'message', label: cg.note, icon: { id: 'info' }, contextValue: 'message' });
}
