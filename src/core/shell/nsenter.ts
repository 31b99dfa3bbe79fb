/** The nsenter command line of a namespace shell, and who may open one. */
import type { NamespaceEntry } from '../model';

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
