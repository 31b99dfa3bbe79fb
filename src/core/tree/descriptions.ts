/** The one-line descriptions beside tree nodes: engines, containers and cgroup controllers. */
import type { CgroupReport, ContainerInfo, RuntimeInfo } from '../model';
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
