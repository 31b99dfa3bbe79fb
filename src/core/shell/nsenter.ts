/** The nsenter command line of a namespace shell, and who may open one. */
import type { ContainerInfo, NamespaceEntry } from '../model';

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

/**
 * The argument array for nsenter joining only `kinds` of process `pid`, then running `program`
 * (never a shell string). Without a program nsenter runs the host's $SHELL, which a container's
 * filesystem seldom has.
 */
export function nsenterArgs(pid: number, kinds: readonly NamespaceEntry['kind'][], program?: string): string[] {
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`not a process id: ${pid}`);
  const args = ['--target', String(pid), ...kinds.map((k) => NSENTER_FLAGS[k])];
  return program ? [...args, '--', program] : args;
}

/** Whether the user may join a process's namespaces: root, or the process's own uid. */
export function mayEnterNamespaces(selfUid: number, processUid: number | undefined): boolean {
  return selfUid === 0 || (processUid !== undefined && processUid === selfUid);
}

/**
 * Whether a namespace shell can work on this container for a user of `selfUid` joining directly
 * (nsenter as themselves). Root can join any namespace. Anyone else needs the init process to be
 * theirs (ptrace-read access to its /proc/PID/ns) and the container to have a user namespace of its
 * own, which they then own: the other namespaces belong to that user namespace, and joining one
 * needs CAP_SYS_ADMIN over its owner. A process of their uid in the host's user namespace
 * (`docker run -u 1000` by a rootful engine) is in namespaces root created, which they cannot join.
 */
export function mayEnterDirectly(selfUid: number | undefined, c: ContainerInfo): boolean {
  if (c.state !== 'running' || c.pid === undefined || selfUid === undefined) return false;
  if (selfUid === 0) return true;
  if (!mayEnterNamespaces(selfUid, c.initUid)) return false;
  const user = c.namespaces?.entries.find((e) => e.kind === 'user');
  return user !== undefined && (user.verdict.kind === 'isolated' || user.verdict.kind === 'shared');
}

/** How the shell would enter this container: nsenter itself, `sudo -n nsenter` (as root), or not at all. */
export function shellAccess(
  selfUid: number | undefined,
  c: ContainerInfo,
  sudoNsenter = false,
): 'direct' | 'sudo' | undefined {
  if (mayEnterDirectly(selfUid, c)) return 'direct';
  if (sudoNsenter && c.state === 'running' && c.pid !== undefined) return 'sudo';
  return undefined;
}

/** Whether a namespace shell can work on this container, directly or through `sudo -n nsenter`. */
export function mayEnterContainer(selfUid: number | undefined, c: ContainerInfo, sudoNsenter = false): boolean {
  return shellAccess(selfUid, c, sudoNsenter) !== undefined;
}
