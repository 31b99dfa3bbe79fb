/**
 * The snapshot as an indented text tree for the `container-anatomy` CLI: runtimes, then pods and
 * containers, then each container's namespaces and cgroup. Plain text: control characters from
 * engine data are shown escaped, so a hostile name cannot move the cursor or recolour a terminal.
 */
import type {
  CgroupReport,
  ContainerInfo,
  HostSnapshot,
  NamespaceEntry,
  NamespaceVerdict,
  RuntimeInfo,
} from '../model';
import { formatBytes, formatCpus, formatUsageAgainstLimit, shortId } from '../format';
import { runtimeChainText } from '../diagrams/liveHost';
import { RUNTIME_TITLES } from '../tree/texts';
import { INODES_NEED_ROOT } from '../kernel/classify';

// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function verdictWords(v: NamespaceVerdict, nameOf: (key: string) => string): string {
  switch (v.kind) {
    case 'isolated':
      return 'isolated';
    case 'host':
      return 'shared with host';
    case 'shared':
      if (v.engine) return `the engine's own (${RUNTIME_TITLES[v.engine]})`;
      return v.withKeys.length > 0
        ? `shared with ${v.withKeys.map(nameOf).join(', ')}`
        : "shared (joined another process's namespace)";
    case 'unknown':
      return `unknown (${v.reason})`;
  }
}

/**
 * The verdict with how it is known in a word: nothing more for an inode (the `[inode]` beside it
 * says so), else `· NSpid`, `· uid_map`, `· mountinfo`, `· net/dev` or `· engine`, and the other
 * source's verdict where the kernel's evidence and the engine's record disagree.
 */
export function verdictText(entry: NamespaceEntry, nameOf: (key: string) => string): string {
  const words = verdictWords(entry.verdict, nameOf);
  const basis = entry.basis && entry.basis.source !== 'inode' ? ` · ${entry.basis.word}` : '';
  const other = entry.disagreement
    ? `; ${entry.disagreement.basis.word} says ${verdictWords(entry.disagreement.verdict, nameOf)}`
    : '';
  return `${words}${basis}${other}`;
}

/** The inode, or the reason it was not read; nothing for a denial, which the container says once. */
export function inodeText(entry: NamespaceEntry): string {
  if (entry.read.state === 'ok') return `[${entry.read.inode}]`;
  return entry.read.state === 'denied' ? '' : `(${entry.read.state}: ${entry.read.detail})`;
}

/** One namespace's line in the tree and the CLI: inode (where read), verdict, provenance. */
export function namespaceDescription(entry: NamespaceEntry, nameOf: (key: string) => string): string {
  const inode = inodeText(entry);
  return inode ? `${inode} ${verdictText(entry, nameOf)}` : verdictText(entry, nameOf);
}

export function cgroupLines(cg: CgroupReport): string[] {
  const lines = [`cgroup v${cg.version}${cg.driver ? `, ${cg.driver}` : ''}: ${cg.path || '(unknown path)'}`];
  if (cg.memory)
    lines.push(`memory ${formatUsageAgainstLimit(cg.memory.usageBytes, cg.memory.limitBytes, formatBytes)}`);
  if (cg.cpu)
    lines.push(
      `cpu ${cg.cpu.cpus === null ? 'unlimited' : formatCpus(cg.cpu.cpus)}${cg.cpu.cpuset ? ` (cpuset ${cg.cpu.cpuset})` : ''}`,
    );
  if (cg.pids) lines.push(`pids ${formatUsageAgainstLimit(cg.pids.current, cg.pids.limit, String)}`);
  if (cg.io && cg.io.lines.length > 0) lines.push(`io ${cg.io.lines.join('; ')}`);
  if (cg.note) lines.push(`note: ${cg.note}`);
  return lines;
}

function runtimeLine(r: RuntimeInfo): string {
  const title = `${r.kind} (${r.endpoint})`;
  if (r.status.state !== 'ok') return `${title}: ${r.status.state}: ${r.status.detail}`;
  const extras = [
    r.cgroupDriver && `cgroup driver ${r.cgroupDriver}`,
    r.rootless && 'rootless',
    r.inVm && `in a VM: ${r.inVm.reason}`,
  ].filter(Boolean);
  return `${title}: ${runtimeChainText(r)}${extras.length ? ` [${extras.join(', ')}]` : ''}`;
}

/** The CLI's once-per-container words for NamespaceReport.inodesNote. */
export const INODES_SHORT = "inodes need root: verdicts from the kernel's other files and the engine's record";

export function renderSnapshotTree(snapshot: HostSnapshot): string {
  const out: string[] = [];
  const nameOf = (key: string) => terminalSafe(snapshot.containers.find((c) => c.key === key)?.name ?? key);
  const host = snapshot.host;
  out.push(`host: cgroup ${host.cgroupVersion}${host.isRoot ? ', running as root' : ''}`);
  if (host.namespaces.pid1Unreadable) out.push(`  note: ${host.namespaces.pid1Unreadable}`);
  for (const runtime of snapshot.runtimes) {
    out.push(terminalSafe(runtimeLine(runtime)));
    const mine = snapshot.containers.filter((c) => c.runtime === runtime.kind);
    const groups = new Map<string, ContainerInfo[]>();
    for (const c of mine) {
      const group = [
        c.containerdNamespace && `namespace ${c.containerdNamespace}`,
        c.pod && `pod ${c.pod.namespace ? `${c.pod.namespace}/` : ''}${c.pod.name}`,
      ]
        .filter(Boolean)
        .join(' / ');
      groups.set(group, [...(groups.get(group) ?? []), c]);
    }
    for (const [group, members] of groups) {
      const indent = group ? '    ' : '  ';
      if (group) out.push(`  ${terminalSafe(group)}`);
      for (const c of members) out.push(...containerLines(c, indent, nameOf));
    }
  }
  return out.join('\n');
}

function containerLines(c: ContainerInfo, indent: string, nameOf: (key: string) => string): string[] {
  const lines = [
    `${indent}${terminalSafe(c.name)} ${shortId(c.id)} ${terminalSafe(c.image)} ${c.state}${c.pid ? ` pid ${c.pid}` : ''}${c.pod?.infra ? ' (pod infra)' : ''}`,
  ];
  const inner = `${indent}  `;
  if (c.alsoSeenAs?.length) lines.push(`${inner}also seen as ${terminalSafe(c.alsoSeenAs.join(', '))}`);
  if (c.kernelDetailNote) lines.push(`${inner}${terminalSafe(c.kernelDetailNote)}`);
  if (c.namespaces) {
    const note = c.namespaces.inodesNote;
    // The plain denial in short; a sudo read, or why it failed, in full.
    const said = note === INODES_NEED_ROOT ? INODES_SHORT : note;
    lines.push(`${inner}namespaces${said ? ` (${terminalSafe(said)})` : ''}`);
    for (const e of c.namespaces.entries)
      lines.push(`${inner}  ${e.kind.padEnd(6)} ${namespaceDescription(e, nameOf)}`);
  }
  if (c.cgroup) {
    const [first, ...rest] = cgroupLines(c.cgroup);
    lines.push(`${inner}${terminalSafe(first)}`);
    for (const l of rest) lines.push(`${inner}  ${terminalSafe(l)}`);
  }
  return lines;
}
