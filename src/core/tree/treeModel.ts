/**
 * The Containers tree as plain data: a HostSnapshot mapped to nodes with stable ids and parent
 * links, so the VS Code side only turns a node into a TreeItem. Ids are built from engine keys and
 * kinds, never from positions, so expansion and `reveal` survive refreshes.
 *
 * Every string that comes from an engine (names, images, labels, pod names) stays plain text here;
 * the VS Code side escapes it when it builds markdown.
 */
import type { CgroupReport, ContainerInfo, ContainerState, HostSnapshot, NamespaceEntry, RuntimeInfo } from '../model';
import { formatBytes, formatCpus, formatUsageAgainstLimit, shortId } from '../format';
import { inodeText, namespaceDescription, verdictText } from '../cli/renderTree';
import {
  NAMESPACE_ISOLATES,
  namespaceReason,
  RUNTIME_TITLES,
  runtimeFix,
  runtimeStatusWord,
  verdictBasisText,
} from './texts';

export type GroupBy = 'pod' | 'runtime' | 'none';

export type NodeKind =
  | 'runtime'
  | 'containerdNamespace'
  | 'pod'
  | 'container'
  | 'namespaces'
  | 'namespace'
  | 'cgroup'
  | 'cgroupPath'
  | 'controller'
  | 'message';

/** Icon by codicon id and theme colour id (both VS Code names, resolved on the VS Code side). */
export interface NodeIcon {
  id: string;
  color?: string;
}

export interface TreeNode {
  id: string;
  parentId?: string;
  kind: NodeKind;
  label: string;
  description?: string;
  icon: NodeIcon;
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** The container this node belongs to (for containers and everything under them). */
  containerKey?: string;
  runtime?: RuntimeInfo['kind'];
  /** Namespace nodes: the entry shown. */
  namespace?: NamespaceEntry;
  /** What "copy" puts on the clipboard for this node (id, inode, cgroup path). */
  copyText?: string;
  /** Controller nodes: which controller. */
  controller?: 'memory' | 'cpu' | 'pids' | 'io';
}

export interface TreeOptions {
  groupBy: GroupBy;
  showStopped: boolean;
  /** Case-insensitive name substring; empty shows every container. */
  filter: string;
  /** Whether the user may open a namespace shell on this running container (root, or same uid). */
  mayEnter?: (c: ContainerInfo) => boolean;
}

export interface TreeModel {
  roots: string[];
  nodes: Map<string, TreeNode>;
  children: Map<string, string[]>;
  /** Set when every engine was looked for and none found: the view shows its welcome instead. */
  noEngine: boolean;
  /** Containers hidden by the filter or showStopped. */
  hiddenCount: number;
}

export const DEFAULT_TREE_OPTIONS: TreeOptions = { groupBy: 'pod', showStopped: true, filter: '' };

export const containerNodeId = (key: string): string => `container:${key}`;
export const runtimeNodeId = (kind: RuntimeInfo['kind']): string => `runtime:${kind}`;

const STATE_ICON: Record<ContainerState, NodeIcon> = {
  running: { id: 'vm-running', color: 'testing.iconPassed' },
  paused: { id: 'debug-pause', color: 'editorWarning.foreground' },
  restarting: { id: 'sync', color: 'editorWarning.foreground' },
  created: { id: 'circle-large-outline', color: 'disabledForeground' },
  exited: { id: 'vm-outline', color: 'disabledForeground' },
  dead: { id: 'error', color: 'errorForeground' },
  unknown: { id: 'question', color: 'disabledForeground' },
};

export function verdictIcon(entry: NamespaceEntry): NodeIcon {
  // A denied link with a verdict from the kernel's evidence or the engine's record shows the verdict.
  if (entry.read.state === 'denied' && entry.verdict.kind === 'unknown')
    return { id: 'lock', color: 'editorWarning.foreground' };
  switch (entry.verdict.kind) {
    case 'isolated':
      return { id: 'shield', color: 'testing.iconPassed' };
    case 'host':
      return { id: 'globe', color: 'editorWarning.foreground' };
    case 'shared':
      return { id: 'link', color: 'charts.blue' };
    case 'unknown':
      return { id: 'question', color: 'disabledForeground' };
  }
}

function runtimeIcon(r: RuntimeInfo): NodeIcon {
  switch (r.status.state) {
    case 'ok':
      return r.inVm ? { id: 'vm', color: 'charts.blue' } : { id: 'server-process', color: 'testing.iconPassed' };
    case 'missing':
      return { id: 'circle-slash', color: 'disabledForeground' };
    case 'denied':
      return { id: 'lock', color: 'editorWarning.foreground' };
    case 'not-running':
      return { id: 'debug-stop', color: 'errorForeground' };
    default:
      return { id: 'error', color: 'errorForeground' };
  }
}

export function cpuText(cpu: NonNullable<CgroupReport['cpu']>): string {
  return `${cpu.cpus === null ? 'unlimited' : formatCpus(cpu.cpus)}${cpu.cpuset ? ` (cpuset ${cpu.cpuset})` : ''}`;
}

export function memoryText(memory: NonNullable<CgroupReport['memory']>): string {
  return formatUsageAgainstLimit(memory.usageBytes, memory.limitBytes, formatBytes);
}

export function pidsText(pids: NonNullable<CgroupReport['pids']>): string {
  return formatUsageAgainstLimit(pids.current, pids.limit, String);
}

/** The `moby` namespace is Docker's own copy of its containers: shown, but known. */
function containerdNamespaceOf(c: ContainerInfo): string {
  return c.containerdNamespace ?? 'default';
}

export function runtimeDescription(r: RuntimeInfo): string {
  const parts: string[] = [];
  if (r.status.state === 'ok') {
    if (r.version) parts.push(r.version);
  } else {
    parts.push(runtimeStatusWord(r));
  }
  if (r.inVm) parts.push('in a VM');
  parts.push(r.endpoint);
  return parts.join(' · ');
}

export function containerDescription(c: ContainerInfo): string {
  const parts = [c.image];
  parts.push(c.status ?? c.state);
  if (c.pod?.infra) parts.push('pod infra');
  return parts.join(' · ');
}

/** Natural order (`web-2` before `web-10`), then by key so equal names keep a fixed order. */
const byName = (a: ContainerInfo, b: ContainerInfo): number =>
  a.name.localeCompare(b.name, 'en', { numeric: true }) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Builds the whole tree for one snapshot. Pure: the same snapshot and options give the same ids. */
export function buildTree(snapshot: HostSnapshot, options: TreeOptions = DEFAULT_TREE_OPTIONS): TreeModel {
  const nodes = new Map<string, TreeNode>();
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  const add = (node: TreeNode): TreeNode => {
    nodes.set(node.id, node);
    if (node.parentId === undefined) roots.push(node.id);
    else children.set(node.parentId, [...(children.get(node.parentId) ?? []), node.id]);
    return node;
  };
  const names = new Map(snapshot.containers.map((c) => [c.key, c.name]));
  const nameOf = (key: string): string => names.get(key) ?? key;
  const filter = options.filter.trim().toLowerCase();
  let hiddenCount = 0;
  const visible = snapshot.containers.filter((c) => {
    const show =
      (options.showStopped || c.state === 'running' || c.state === 'paused' || c.state === 'restarting') &&
      (!filter || c.name.toLowerCase().includes(filter));
    if (!show) hiddenCount++;
    return show;
  });

  const noEngine = snapshot.runtimes.length > 0 && snapshot.runtimes.every((r) => r.status.state === 'missing');
  if (noEngine || snapshot.runtimes.length === 0) return { roots, nodes, children, noEngine: true, hiddenCount };

  const message = (parentId: string, suffix: string, label: string, icon: NodeIcon, description?: string): void => {
    add({
      id: `${parentId}/${suffix}`,
      parentId,
      kind: 'message',
      label,
      description,
      icon,
      contextValue: 'message',
      collapsible: 'none',
    });
  };

  const addContainer = (c: ContainerInfo, parentId: string | undefined): void => {
    const id = containerNodeId(c.key);
    const running = c.state === 'running';
    const enterable = running && c.pid !== undefined && (options.mayEnter?.(c) ?? false);
    add({
      id,
      parentId,
      kind: 'container',
      label: c.name,
      description:
        options.groupBy === 'none'
          ? `${RUNTIME_TITLES[c.runtime]} · ${containerDescription(c)}`
          : containerDescription(c),
      icon: STATE_ICON[c.state] ?? STATE_ICON.unknown,
      contextValue: running ? (enterable ? 'runningContainer enterable' : 'runningContainer') : 'stoppedContainer',
      collapsible: 'collapsed',
      containerKey: c.key,
      runtime: c.runtime,
      copyText: c.id,
    });
    if (c.kernelDetailNote) message(id, 'note', c.kernelDetailNote, { id: 'info' });
    else if (!c.namespaces && !c.cgroup) {
      message(
        id,
        'note',
        running ? 'No kernel detail for this container' : `No kernel detail: the container is ${c.state} (no process)`,
        { id: 'info' },
      );
    }
    if (c.namespaces) {
      const groupId = `${id}/namespaces`;
      const counts = { isolated: 0, host: 0, shared: 0 };
      for (const e of c.namespaces.entries)
        if (e.verdict.kind in counts) counts[e.verdict.kind as keyof typeof counts]++;
      add({
        id: groupId,
        parentId: id,
        kind: 'namespaces',
        label: 'Namespaces',
        description: `${counts.isolated} isolated, ${counts.host} shared with host, ${counts.shared} shared`,
        icon: { id: 'symbol-namespace' },
        contextValue: 'namespaces',
        collapsible: 'expanded',
        containerKey: c.key,
        runtime: c.runtime,
      });
      const note = c.namespaces.inodesNote?.split(': ');
      if (note) message(groupId, 'inodes', note[0], { id: 'lock' }, note.slice(1).join(': '));
      for (const e of c.namespaces.entries) {
        add({
          id: `${groupId}/${e.kind}`,
          parentId: groupId,
          kind: 'namespace',
          label: e.kind,
          description: namespaceDescription(e, nameOf),
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
    if (c.cgroup) {
      const cg = c.cgroup;
      const groupId = `${id}/cgroup`;
      add({
        id: groupId,
        parentId: id,
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
      const leaf = (
        suffix: string,
        node: Omit<TreeNode, 'id' | 'parentId' | 'collapsible' | 'containerKey' | 'runtime'>,
      ): void => {
        add({
          id: `${groupId}/${suffix}`,
          parentId: groupId,
          collapsible: 'none',
          containerKey: c.key,
          runtime: c.runtime,
          ...node,
        });
      };
      leaf('path', {
        kind: 'cgroupPath',
        label: 'path',
        description: cg.path || '(unknown path)',
        icon: { id: 'folder' },
        contextValue: cg.path ? 'cgroup' : 'cgroupUnknown',
        copyText: cg.path || undefined,
      });
      if (cg.memory)
        leaf('memory', {
          kind: 'controller',
          controller: 'memory',
          label: 'memory',
          description: memoryText(cg.memory),
          icon: { id: 'database' },
          contextValue: 'controller',
        });
      if (cg.cpu)
        leaf('cpu', {
          kind: 'controller',
          controller: 'cpu',
          label: 'cpu',
          description: cpuText(cg.cpu),
          icon: { id: 'pulse' },
          contextValue: 'controller',
        });
      if (cg.pids)
        leaf('pids', {
          kind: 'controller',
          controller: 'pids',
          label: 'pids',
          description: pidsText(cg.pids),
          icon: { id: 'list-tree' },
          contextValue: 'controller',
        });
      if (cg.io && cg.io.lines.length > 0)
        leaf('io', {
          kind: 'controller',
          controller: 'io',
          label: 'io',
          description: cg.io.lines.join('; '),
          icon: { id: 'arrow-swap' },
          contextValue: 'controller',
        });
      if (cg.note) leaf('note', { kind: 'message', label: cg.note, icon: { id: 'info' }, contextValue: 'message' });
    }
  };

  const addRuntimeChildren = (r: RuntimeInfo, runtimeId: string | undefined, mine: ContainerInfo[]): void => {
    const byNamespace = r.kind === 'containerd' && options.groupBy !== 'none';
    const groups = new Map<string, ContainerInfo[]>();
    for (const c of mine) {
      const ns = byNamespace ? containerdNamespaceOf(c) : '';
      groups.set(ns, [...(groups.get(ns) ?? []), c]);
    }
    const namespaceOrder = [...groups.keys()].sort();
    for (const ns of namespaceOrder) {
      let parent = runtimeId;
      if (byNamespace && runtimeId) {
        parent = `${runtimeId}/ns:${ns}`;
        add({
          id: parent,
          parentId: runtimeId,
          kind: 'containerdNamespace',
          label: ns,
          description: `containerd namespace${ns === 'moby' ? " (Docker's containers)" : ns === 'k8s.io' ? ' (Kubernetes CRI)' : ''}`,
          icon: { id: 'symbol-namespace' },
          contextValue: 'containerdNamespace',
          collapsible: 'expanded',
          runtime: r.kind,
        });
      }
      const members = groups.get(ns) ?? [];
      if (options.groupBy !== 'pod') {
        for (const c of members) addContainer(c, parent);
        continue;
      }
      const pods = new Map<string, ContainerInfo[]>();
      const loose: ContainerInfo[] = [];
      for (const c of members) {
        if (!c.pod) {
          loose.push(c);
          continue;
        }
        const podKey = `${c.pod.namespace ?? ''}/${c.pod.id ?? c.pod.name}`;
        pods.set(podKey, [...(pods.get(podKey) ?? []), c]);
      }
      for (const [podKey, podMembers] of pods) {
        const pod = podMembers[0].pod!;
        const podId = `${parent ?? `runtime:${r.kind}`}/pod:${podKey}`;
        add({
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
        for (const c of podMembers) addContainer(c, podId);
      }
      for (const c of loose) addContainer(c, parent);
    }
  };

  // Several engines of one kind (rootless Podman of several users, read as root) get ids by
  // endpoint after the first; a container names only its kind, so the kind's containers are listed
  // under the first healthy engine of that kind.
  const seenKinds = new Set<string>();
  const ownerOfKind = new Map<string, RuntimeInfo>();
  for (const r of snapshot.runtimes)
    if (r.status.state === 'ok' && !ownerOfKind.has(r.kind)) ownerOfKind.set(r.kind, r);
  for (const r of snapshot.runtimes) {
    // By name, so the order does not follow the engine's list order from one refresh to the next.
    const mine = ownerOfKind.get(r.kind) === r ? visible.filter((c) => c.runtime === r.kind).sort(byName) : [];
    if (options.groupBy === 'none' && r.status.state === 'ok' && !r.inVm) continue;
    const runtimeId = seenKinds.has(r.kind) ? `${runtimeNodeId(r.kind)}@${r.endpoint}` : runtimeNodeId(r.kind);
    seenKinds.add(r.kind);
    const fix = runtimeFix(r);
    add({
      id: runtimeId,
      kind: 'runtime',
      label: RUNTIME_TITLES[r.kind],
      description: runtimeDescription(r),
      icon: runtimeIcon(r),
      contextValue: r.status.state === 'ok' ? 'runtime' : 'runtimeError',
      collapsible: r.status.state === 'ok' ? 'expanded' : 'collapsed',
      runtime: r.kind,
    });
    if (r.status.state !== 'ok') {
      message(runtimeId, 'status', `${runtimeStatusWord(r)}: ${r.status.detail}`, {
        id: 'warning',
        color: 'editorWarning.foreground',
      });
      if (fix) message(runtimeId, 'fix', fix, { id: 'lightbulb', color: 'editorLightBulb.foreground' });
      continue;
    }
    if (r.inVm)
      message(
        runtimeId,
        'vm',
        `Runs in a VM: ${r.inVm.reason}. Kernel details (namespaces, cgroups) are not on this kernel.`,
        { id: 'vm' },
      );
    if (options.groupBy === 'none') continue;
    if (ownerOfKind.get(r.kind) !== r) {
      message(
        runtimeId,
        'elsewhere',
        `Containers of every ${RUNTIME_TITLES[r.kind]} engine are listed under the first one`,
        { id: 'info' },
      );
      continue;
    }
    if (mine.length === 0) {
      const hidden = snapshot.containers.some((c) => c.runtime === r.kind);
      message(runtimeId, 'empty', hidden ? 'No container matches the filter' : 'No containers', { id: 'info' });
    }
    addRuntimeChildren(r, runtimeId, mine);
  }
  if (options.groupBy === 'none') {
    const ok = new Set(snapshot.runtimes.filter((r) => r.status.state === 'ok').map((r) => r.kind));
    for (const c of [...visible].sort(byName)) if (ok.has(c.runtime)) addContainer(c, undefined);
  }
  return { roots, nodes, children, noEngine: false, hiddenCount };
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

/** One line of a tooltip: an optional fixed heading, then text (plain, from data or from us). */
export interface TooltipLine {
  heading?: string;
  text: string;
}

/** The tooltip of a node, as plain lines; the VS Code side escapes every piece into markdown. */
export function tooltipFor(node: TreeNode, snapshot: HostSnapshot | undefined): TooltipLine[] {
  const c = node.containerKey ? snapshot?.containers.find((x) => x.key === node.containerKey) : undefined;
  const r =
    node.kind === 'runtime'
      ? snapshot?.runtimes.find(
          (x) => node.id === runtimeNodeId(x.kind) || node.id === `${runtimeNodeId(x.kind)}@${x.endpoint}`,
        )
      : undefined;
  const nameOf = (key: string): string => snapshot?.containers.find((x) => x.key === key)?.name ?? key;
  switch (node.kind) {
    case 'runtime': {
      if (!r) return [{ text: node.label }];
      const lines: TooltipLine[] = [
        { heading: RUNTIME_TITLES[r.kind], text: r.version ?? '' },
        { heading: 'Endpoint', text: r.endpoint },
      ];
      if (r.chain.length)
        lines.push({
          heading: 'Chain',
          text: r.chain.map((l) => `${l.name}${l.version ? ` ${l.version}` : ''}`).join(' → '),
        });
      if (r.cgroupDriver || r.cgroupVersion)
        lines.push({
          heading: 'Cgroups',
          text: [r.cgroupVersion && `v${r.cgroupVersion}`, r.cgroupDriver].filter(Boolean).join(', '),
        });
      if (r.rootless) lines.push({ heading: 'Rootless', text: 'yes' });
      if (r.inVm) lines.push({ heading: 'In a VM', text: `${r.inVm.reason}: kernel details are not on this kernel` });
      if (r.status.state !== 'ok') {
        lines.push({ heading: 'Status', text: `${runtimeStatusWord(r)}: ${r.status.detail}` });
        const fix = runtimeFix(r);
        if (fix) lines.push({ heading: 'Fix', text: fix });
      }
      return lines;
    }
    case 'container': {
      if (!c) return [{ text: node.label }];
      const lines: TooltipLine[] = [
        { heading: 'Container', text: c.name },
        { heading: 'Id', text: c.id },
        { heading: 'Image', text: c.image },
        { heading: 'State', text: c.status ? `${c.state} (${c.status})` : c.state },
      ];
      if (c.pid) lines.push({ heading: 'PID', text: String(c.pid) });
      if (c.containerdNamespace) lines.push({ heading: 'containerd namespace', text: c.containerdNamespace });
      if (c.pod)
        lines.push({
          heading: 'Pod',
          text: `${c.pod.namespace ? `${c.pod.namespace}/` : ''}${c.pod.name}${c.pod.infra ? ' (infra container)' : ''}`,
        });
      if (c.alsoSeenAs?.length) lines.push({ heading: 'Also seen as', text: c.alsoSeenAs.join(', ') });
      if (c.kernelDetailNote) lines.push({ heading: 'Note', text: c.kernelDetailNote });
      const labels = Object.entries(c.labels);
      if (labels.length) {
        lines.push({ heading: 'Labels', text: '' });
        for (const [k, v] of labels.sort(([a], [b]) => a.localeCompare(b))) lines.push({ text: `${k}=${v}` });
      }
      return lines;
    }
    case 'namespace': {
      const e = node.namespace;
      if (!e) return [{ text: node.label }];
      const lines: TooltipLine[] = [
        { heading: `${e.kind} namespace`, text: inodeText(e) },
        { heading: 'Isolates', text: NAMESPACE_ISOLATES[e.kind] },
        { heading: 'Verdict', text: verdictText(e, nameOf) },
      ];
      const why = c ? namespaceReason(c, e) : undefined;
      if (why) lines.push({ heading: 'Why', text: why });
      const known = verdictBasisText(e);
      if (known) lines.push({ heading: 'Known from', text: known });
      if (e.read.state === 'denied') {
        lines.push({
          heading: 'Not readable',
          text: `${e.read.detail}. Reading another user's /proc/PID/ns needs ptrace-read access: run VS Code as root or as the process's owner.`,
        });
      } else if (e.read.state !== 'ok') {
        lines.push({ heading: 'Not readable', text: e.read.detail });
      }
      return lines;
    }
    case 'cgroup':
    case 'cgroupPath': {
      const cg = c?.cgroup;
      if (!cg) return [{ text: node.label }];
      const lines: TooltipLine[] = [
        { heading: 'Cgroup', text: `v${cg.version}${cg.driver ? `, driver ${cg.driver}` : ''}` },
        { heading: 'Path', text: cg.path || '(unknown)' },
      ];
      for (const [ctl, p] of Object.entries(cg.controllerPaths ?? {}))
        if (p !== cg.path) lines.push({ heading: ctl, text: p });
      if (cg.note) lines.push({ heading: 'Note', text: cg.note });
      return lines;
    }
    case 'controller': {
      const cg = c?.cgroup;
      const what: Record<string, string> = {
        memory: "Memory used by the container's processes against its limit (memory.max / memory.limit_in_bytes).",
        cpu: 'CPU time allowed per period (cpu.max / cpu.cfs_quota_us ÷ cpu.cfs_period_us).',
        pids: 'Number of tasks against the pids limit (pids.current / pids.max).',
        io: 'Block I/O limits (io.max / blkio throttle).',
      };
      const lines: TooltipLine[] = [
        { heading: node.label, text: node.description ?? '' },
        { text: what[node.controller ?? ''] ?? '' },
      ];
      if (node.controller === 'cpu' && cg?.cpu?.quotaUs !== undefined)
        lines.push({ heading: 'Quota', text: `${cg.cpu.quotaUs} µs every ${cg.cpu.periodUs ?? '?'} µs` });
      if (node.controller === 'memory' || node.controller === 'pids')
        lines.push({ text: 'Usage refreshes while this container is expanded.' });
      return lines;
    }
    case 'containerdNamespace':
      return [
        { heading: 'containerd namespace', text: node.label },
        {
          text: 'containerd keeps containers, images and tasks per namespace; the metadata header containerd-namespace selects one.',
        },
      ];
    case 'pod':
      return [
        { heading: 'Pod', text: node.label },
        { text: "Containers of a pod share the infra (sandbox) container's namespaces: usually net, ipc and uts." },
      ];
    default:
      return [{ text: node.description ? `${node.label}: ${node.description}` : node.label }];
  }
}

/** The nsenter flag for each namespace kind. */
export const NSENTER_FLAGS: Record<NamespaceEntry['kind'], string> = {
  cgroup: '--cgroup',
  ipc: '--ipc',
  mnt: '--mount',
  net: '--net',
  pid: '--pid',
  time: '--time',
  user: '--user',
  uts: '--uts',
};

/** The argument array for nsenter joining only `kinds` of process `pid` (never a shell string). */
export function nsenterArgs(pid: number, kinds: readonly NamespaceEntry['kind'][]): string[] {
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`not a process id: ${pid}`);
  return ['--target', String(pid), ...kinds.map((k) => NSENTER_FLAGS[k])];
}

/** Whether the user may join a process's namespaces: root, or the process's own uid. */
export function mayEnterNamespaces(selfUid: number, processUid: number | undefined): boolean {
  return selfUid === 0 || (processUid !== undefined && processUid === selfUid);
}

export { shortId };
