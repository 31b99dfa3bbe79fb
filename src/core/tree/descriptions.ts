/** The one-line descriptions of engines, containers, namespaces and cgroup controllers (tree and CLI). */
import type { ContainerInfo, NamespaceEntry, NamespaceVerdict, RuntimeInfo } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';
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
