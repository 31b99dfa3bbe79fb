/** The one-line descriptions of engines, containers, namespaces and cgroup controllers (tree and CLI). */
import type { ContainerInfo, NamespaceEntry, RuntimeInfo } from '../model';
import { runtimeStatusWord } from './texts';

export { cpuText, memoryText, pidsText } from '../cgroupText';

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
