/**
 * The last check before a namespace shell starts: is the PID from the snapshot still the
 * container's process? A PID can be reused once the container stops or restarts, and nsenter as
 * root would then join whatever holds it now, possibly the host's own processes. So the process's
 * cgroup must still name the container, and its namespaces must still be the ones the snapshot
 * showed. The kernel reuses the inode numbers of freed namespaces (a restarted container often gets
 * the same ones), so the namespaces back the cgroup check up; they do not replace it.
 */
import { cgroupPathNamesContainer, readNamespaces, readProcCgroup, type ReadlinkFn } from '../kernel';
import type { ContainerInfo } from '../model';

export type ShellTargetCheck = { ok: true } | { ok: false; reason: string };

const REFRESH = 'refresh the Containers view and try again';

/**
 * Re-reads `<procRoot>/<pid>/cgroup` and `<procRoot>/<pid>/ns/*` for the container's PID. Passes
 * when the cgroup names the container (or, where the engine makes no cgroup of its own, still is
 * the cgroup the snapshot saw) and every namespace readable both then and now has the same inode.
 */
export function checkShellTarget(
  procRoot: string,
  c: ContainerInfo,
  options: { readlink?: ReadlinkFn } = {},
): ShellTargetCheck {
  const pid = c.pid;
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) return refuse('it has no process to join');
  const cgroup = readProcCgroup(procRoot, pid);
  if (!cgroup.ok) {
    if (cgroup.state === 'missing') return refuse(`process ${pid} has exited: ${REFRESH}`);
    return refuse(`the cgroup of process ${pid} could not be read (${cgroup.detail})`);
  }
  const paths = cgroup.cgroup.lines.map((l) => l.path);
  const named = paths.some((p) => cgroupPathNamesContainer(p, c.id));
  // Rootless engines on cgroup v1 leave the container in its user's session cgroup, which names no
  // container: then the cgroup must be the one the snapshot saw, and the namespaces decide.
  const seen = c.cgroup?.path;
  const unnamedButSame = !named && !!seen && !cgroupPathNamesContainer(seen, c.id) && paths.includes(seen);
  if (!named && !unnamedButSame)
    return refuse(`process ${pid} is no longer in this container's cgroup (the PID was reused): ${REFRESH}`);
  const now = readNamespaces(procRoot, pid, { readlink: options.readlink });
  let compared = 0;
  for (const entry of c.namespaces?.entries ?? []) {
    if (entry.read.state !== 'ok') continue;
    const current = now[entry.kind];
    if (current.state === 'missing') return refuse(`process ${pid} has exited: ${REFRESH}`);
    if (current.state !== 'ok') continue;
    if (current.inode !== entry.read.inode)
      return refuse(
        `the ${entry.kind} namespace of process ${pid} is now [${current.inode}], not [${entry.read.inode}] as shown: the container was restarted; ${REFRESH}`,
      );
    compared++;
  }
  if (unnamedButSame && compared === 0)
    return refuse(`neither the cgroup nor the namespaces of process ${pid} show that it is still this container's`);
  return { ok: true };
}

function refuse(reason: string): ShellTargetCheck {
  return { ok: false, reason };
}
