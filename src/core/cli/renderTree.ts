/**
 * The snapshot as an indented text tree for the `container-anatomy` CLI: runtimes, then pods and
 * containers, then each container's namespaces, cgroup and privileges. Plain text: control and bidirectional
 * characters from engine data are shown as codes, so a hostile name cannot move the cursor,
 * recolour a terminal or pass for another name.
 */
import type { CgroupReport, ContainerInfo, HostSnapshot, RuntimeInfo } from '../model';
import { shortId } from '../format';
import { RUNTIME_TITLES } from '../runtimeTitles';
import { cpuText, memoryText, namespaceDescription, pidsText } from '../tree/descriptions';
import { INODES_NEED_ROOT } from '../kernel/classify';
import { runtimeChainText } from '../diagrams/liveHost';
import { visibleCodes } from '../displayText';
import { memoryMadeOf, swapText } from '../cgroupText';
import { privilegeLines, privilegeRows } from '../privileges/rows';
import { ioUsageText, networkText } from '../usage/usageText';

/** Control and bidirectional characters as visible codes: they cannot move the cursor or reorder a name. */
export const terminalSafe = visibleCodes;

export function cgroupLines(cg: CgroupReport): string[] {
  const lines = [`cgroup v${cg.version}${cg.driver ? `, ${cg.driver}` : ''}: ${cg.path || '(unknown path)'}`];
  if (cg.memory) lines.push(`memory ${memoryText(cg.memory)}`);
  const made = cg.memory && memoryMadeOf(cg.memory);
  if (made) lines.push(`  ${made}`);
  if (cg.cpu) lines.push(`cpu ${cpuText(cg.cpu)}${cpuWindow(cg.cpu)}`);
  if (cg.pids) lines.push(`pids ${pidsText(cg.pids)}`);
  const io = [cg.io?.usage && ioUsageText(cg.io.usage), ...(cg.io?.lines ?? [])].filter(Boolean);
  if (io.length > 0) lines.push(`io ${io.join('; ')}`);
  if (cg.network) lines.push(`network ${networkText(cg.network)}`);
  const swap = cg.memory && swapText(cg.memory);
  if (swap) lines.push(`swap ${swap}`);
  if (cg.note) lines.push(`note: ${cg.note}`);
  return lines;
}

function cpuWindow(cpu: NonNullable<CgroupReport['cpu']>): string {
  return cpu.percentWindowMs === undefined ? '' : ` (over ${(cpu.percentWindowMs / 1000).toFixed(1)} s, two samples)`;
}

function runtimeLine(r: RuntimeInfo): string {
  const title = `${RUNTIME_TITLES[r.kind]} (${r.endpoint})`;
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
  if (c.privileges) {
    lines.push(`${inner}privileges`);
    const rows = privilegeRows(c.privileges.report, c.privileges.explanation);
    // Mount paths and profile names in the findings come from the engine: shown as codes too.
    for (const l of privilegeLines(rows, `${inner}  `)) lines.push(terminalSafe(l));
  }
  return lines;
}
