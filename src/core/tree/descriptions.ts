/** The one-line descriptions of engines, containers, namespaces and cgroup controllers (tree and CLI). */
import type { CgroupReport, ContainerInfo, NamespaceEntry, RuntimeInfo } from '../model';
import { formatBytes, formatCpus, formatUsageAgainstLimit } from '../format';
import { runtimeStatusWord } from './texts';

export function cpuText(cpu: NonNullable<CgroupReport['cpu']>): string {
  return `${cpu.cpus === null ? 'unlimited' : formatCpus(cpu.cpus)}${cpu.cpuset ? ` (cpuset ${cpu.cpuset})` : ''}`;
}

export function memoryText(memory: NonNullable<CgroupReport['memory']>): string {
  return formatUsageAgainstLimit(memory.usageBytes, memory.limitBytes, formatBytes);
}

export function pidsText(pids: NonNullable<CgroupReport['pids']>): string {
  return formatUsageAgainstLimit(pids.current, pids.limit, String);
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

export function verdictText(entry: NamespaceEntry, nameOf: (key: string) => string): string {
  const v = entry.verdict;
  switch (v.kind) {
    case 'isolated':
      return 'isolated';
    case 'host':
      return 'shared with host';
    case 'shared':
      return `shared with ${v.withKeys.map(nameOf).join(', ')}`;
    case 'unknown':
      return `unknown (${v.reason})`;
  }
}

export function inodeText(entry: NamespaceEntry): string {
  return entry.read.state === 'ok' ? `[${entry.read.inode}]` : `(${entry.read.state}: ${entry.read.detail})`;
}
