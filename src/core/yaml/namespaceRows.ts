/** Compose's namespace modes (`network_mode`, `pid`, `ipc`, `uts`, `userns_mode`, `cgroup`). */
import type { NamespaceKind } from '../model';
import { code, shown } from './shown';
import type { PodSecurityBreak, SettingRow, Written } from './types';

const NAMESPACE_NAMES: Record<NamespaceKind, string> = {
  net: 'network namespace',
  pid: 'pid namespace',
  ipc: 'IPC namespace',
  uts: 'UTS namespace',
  user: 'user namespace',
  cgroup: 'cgroup namespace',
  mnt: 'mount namespace',
  time: 'time namespace',
};

const NAMESPACE_HOLDS: Partial<Record<NamespaceKind, string>> = {
  net: 'interfaces, addresses, ports, routes, firewall',
  pid: 'which processes it sees and signals',
  ipc: 'System V IPC, POSIX message queues, `/dev/shm`',
  uts: 'host name and domain name',
  user: 'which uids and capabilities it holds',
  cgroup: 'the root of the cgroup tree it sees',
};

/** The Kubernetes field that shares the same namespace with the host, where there is one. */
const HOST_FIELDS: Partial<Record<NamespaceKind, string>> = { net: 'hostNetwork', pid: 'hostPID', ipc: 'hostIPC' };

export function modeDetail(kind: NamespaceKind, mode: string): string | undefined {
  const what = NAMESPACE_NAMES[kind];
  if (mode === 'host') return `\`host\`: no ${what} of its own; it uses the host's.`;
  if (mode === 'none') return `\`none\`: a ${what} of its own with only a loopback interface.`;
  if (mode === 'private' || mode === 'bridge' || mode === 'default') return `${shown(mode)}: a ${what} of its own.`;
  if (mode === 'shareable') return `\`shareable\`: a ${what} of its own that other containers may join.`;
  const join = /^(service|container):(.+)$/.exec(mode);
  if (join) return `Joins the ${what} of the ${join[1]} ${code(join[2])}: one namespace, the same inode.`;
  return undefined;
}

export function hostNamespaceBreak(kind: NamespaceKind): PodSecurityBreak | undefined {
  const field = HOST_FIELDS[kind];
  return field
    ? { level: 'baseline', why: `baseline forbids \`${field}: true\`, the same sharing in a pod` }
    : undefined;
}

export function namespaceModeRow(kind: NamespaceKind, spec: string): SettingRow {
  return {
    kernel: `Chooses the container's ${NAMESPACE_NAMES[kind]} (${NAMESPACE_HOLDS[kind]}): its own, the host's, or another container's.`,
    detail: (w: Written) => (typeof w.value === 'string' ? modeDetail(kind, w.value) : undefined),
    pss: (w: Written) => (w.value === 'host' ? hostNamespaceBreak(kind) : undefined),
    diagram: 'namespaces-cgroups',
    spec,
    live: { namespace: kind },
  };
}
