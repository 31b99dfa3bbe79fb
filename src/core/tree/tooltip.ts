/**
 * Tooltips of the tree's nodes as plain lines (a fixed heading, then text from data or from us);
 * the VS Code side escapes every piece into markdown. Built only when VS Code asks for one.
 */
import type { ContainerInfo, HostSnapshot, RuntimeInfo } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';
import { NAMESPACE_ISOLATES, namespaceReason, runtimeFix, runtimeStatusWord, verdictBasisText } from './texts';
import { inodeText, verdictText } from './descriptions';
import { controllerDetails } from '../cgroupText';
import { usageDetails } from '../usage/usageText';
import { runtimeNodeId, type TreeNode } from './nodes';
import { privilegeTooltip } from './privilegeNodes';
import { seriousFindings } from '../privileges/rows';

/** One line of a tooltip: an optional fixed heading, then text (plain, from data or from us). */
export interface TooltipLine {
  heading?: string;
  text: string;
}

/** The tooltip of a node, as plain lines; the VS Code side escapes every piece into markdown. */
export function tooltipFor(node: TreeNode, snapshot: HostSnapshot | undefined): TooltipLine[] {
  const c = node.containerKey ? snapshot?.containers.find((x) => x.key === node.containerKey) : undefined;
  switch (node.kind) {
    case 'runtime': {
      const r = snapshot?.runtimes.find(
        (x) => node.id === runtimeNodeId(x.kind) || node.id === `${runtimeNodeId(x.kind)}@${x.endpoint}`,
      );
      return r ? runtimeTooltip(r) : [{ text: node.label }];
    }
    case 'container':
      return c ? containerTooltip(c) : [{ text: node.label }];
    case 'namespace':
      return node.namespace ? namespaceTooltip(node, c, snapshot) : [{ text: node.label }];
    case 'cgroup':
    case 'cgroupPath':
      return c?.cgroup ? cgroupTooltip(c.cgroup) : [{ text: node.label }];
    case 'controller':
      return controllerTooltip(node, c);
    case 'privileges':
    case 'privilege':
    case 'privilegeItem':
      return privilegeTooltip(node, c);
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

function runtimeTooltip(r: RuntimeInfo): TooltipLine[] {
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

function containerTooltip(c: ContainerInfo): TooltipLine[] {
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
  const serious = seriousFindings(c.privileges?.explanation);
  if (serious.length) lines.push({ heading: 'Weak spots', text: serious.map((f) => f.title).join('; ') });
  const labels = Object.entries(c.labels);
  if (labels.length) {
    lines.push({ heading: 'Labels', text: '' });
    for (const [k, v] of labels.sort(([a], [b]) => a.localeCompare(b))) lines.push({ text: `${k}=${v}` });
  }
  return lines;
}

function namespaceTooltip(
  node: TreeNode,
  c: ContainerInfo | undefined,
  snapshot: HostSnapshot | undefined,
): TooltipLine[] {
  const e = node.namespace!;
  const nameOf = (key: string): string => snapshot?.containers.find((x) => x.key === key)?.name ?? key;
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

function cgroupTooltip(cg: NonNullable<ContainerInfo['cgroup']>): TooltipLine[] {
  const lines: TooltipLine[] = [
    { heading: 'Cgroup', text: `v${cg.version}${cg.driver ? `, driver ${cg.driver}` : ''}` },
    { heading: 'Path', text: cg.path || '(unknown)' },
  ];
  for (const [ctl, p] of Object.entries(cg.controllerPaths ?? {}))
    if (p !== cg.path) lines.push({ heading: ctl, text: p });
  if (cg.note) lines.push({ heading: 'Note', text: cg.note });
  return lines;
}

const CONTROLLER_EXPLAINED: Record<string, string> = {
  memory:
    "Memory the container's processes use against its limit (memory.max / memory.limit_in_bytes): the working set, counted as docker stats counts it.",
  cpu: 'CPU time allowed per period (cpu.max / cpu.cfs_quota_us ÷ cpu.cfs_period_us).',
  pids: 'Number of tasks against the pids limit (pids.current / pids.max).',
  io: 'Block I/O read and written, and its limits (io.max / blkio throttle).',
  network: "Traffic of the container's network namespace (/proc/PID/net/dev); not a cgroup figure.",
};

function controllerTooltip(node: TreeNode, c: ContainerInfo | undefined): TooltipLine[] {
  const cg = c?.cgroup;
  const lines: TooltipLine[] = [
    { heading: node.label, text: node.description ?? '' },
    { text: CONTROLLER_EXPLAINED[node.controller ?? ''] ?? '' },
  ];
  if (cg && node.controller && node.controller !== 'network') lines.push(...controllerDetails(node.controller, cg));
  if (cg && node.controller) lines.push(...usageDetails(node.controller, cg));
  if (node.controller === 'cpu' && cg?.cpu?.quotaUs !== undefined)
    lines.push({ heading: 'Quota', text: `${cg.cpu.quotaUs} µs every ${cg.cpu.periodUs ?? '?'} µs` });
  if (node.controller) lines.push({ text: 'Usage refreshes while this container is expanded.' });
  return lines;
}
