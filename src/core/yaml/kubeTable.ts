// What each isolation setting of a Kubernetes pod spec asks of the kernel. Keys are the path below
// the pod spec (`spec`, `spec.template.spec`…); container fields start with `container.`.
// Sequence indices are left out. Spec links are full kubernetes.io URLs.
import {
  addedCapabilitiesBreak,
  capabilitiesDetail,
  cpuLimitDetail,
  droppedCapabilitiesBreak,
  hostPathDetail,
  kubeBytesDetail,
  SYSCTLS_KERNEL,
  sysctlNames,
  sysctlsBreak,
} from './common';
import { SELINUX_TYPES } from '../privileges/podSecurity';
import { hostNamespaceBreak, modeDetail } from './namespaceRows';
import { code } from './shown';
import type { SettingRow, SettingTable, Written } from './types';
import { kubeQuantity, requestToShares, sharesToWeight } from './values';

const K8S = 'https://kubernetes.io/docs';
const SECURITY_CONTEXT = `${K8S}/tasks/configure-pod-container/security-context/`;
const RESOURCES = `${K8S}/concepts/configuration/manage-resources-containers/`;
const POD_API = `${K8S}/reference/kubernetes-api/workload-resources/pod-v1/`;

const isTrue = (w: Written): boolean => w.value === true || w.value === 'true';
const profileType = (w: Written): unknown =>
  w.value && typeof w.value === 'object' ? (w.value as { type?: unknown }).type : w.value;

function hostNamespaceRow(kind: 'net' | 'pid' | 'ipc'): SettingRow {
  return {
    kernel: `\`true\`: ${modeDetail(kind, 'host')!.replace(/^`host`: /, '')} \`false\` (the default): the pod's own, made by its sandbox.`,
    pss: (w) => (isTrue(w) ? hostNamespaceBreak(kind) : undefined),
    diagram: 'namespaces-cgroups',
    spec: `${POD_API}#hosts-namespaces`,
    live: { namespace: kind },
  };
}

const runAsUser: SettingRow = {
  kernel: "The uid of the container's process. Without a user namespace (`hostUsers: false`) uid 0 is the host's root.",
  detail: (w) => (Number(w.value) === 0 ? '`0`: root.' : undefined),
  pss: (w) => (Number(w.value) === 0 ? { level: 'restricted', why: 'restricted forbids `runAsUser: 0`' } : undefined),
  diagram: 'container-architecture',
  spec: SECURITY_CONTEXT,
};

const runAsNonRoot: SettingRow = {
  kernel:
    'The kubelet refuses to start the container if its user would be uid 0. A check at start, not a kernel setting.',
  pss: (w) => (isTrue(w) ? undefined : { level: 'restricted', why: 'restricted requires `runAsNonRoot: true`' }),
  diagram: 'container-architecture',
  spec: SECURITY_CONTEXT,
};

const seccompProfile: SettingRow = {
  kernel:
    "The container's seccomp filter: `RuntimeDefault` the runtime's profile, `Localhost` a file on the node, `Unconfined` none (every system call reaches the kernel).",
  detail: (w) => (profileType(w) !== undefined ? `Type ${code(profileType(w))}.` : undefined),
  pss: (w) => {
    const type = profileType(w);
    if (type === 'Unconfined') return { level: 'baseline', why: 'baseline forbids `Unconfined`' };
    if (type !== 'RuntimeDefault' && type !== 'Localhost')
      return { level: 'restricted', why: 'restricted requires `RuntimeDefault` or `Localhost`' };
    return undefined;
  },
  diagram: 'container-architecture',
  spec: `${K8S}/tutorials/security/seccomp/`,
};

const appArmorProfile: SettingRow = {
  kernel:
    'The AppArmor profile confining the process: `RuntimeDefault`, `Localhost` (a profile loaded on the node) or `Unconfined`.',
  pss: (w) =>
    profileType(w) === 'Unconfined' ? { level: 'baseline', why: 'baseline forbids `Unconfined`' } : undefined,
  diagram: 'container-architecture',
  spec: `${K8S}/tutorials/security/apparmor/`,
};

const seLinuxOptions: SettingRow = {
  kernel: 'The SELinux label of the process (user, role, type, level); it decides what files and ports it may touch.',
  pss: (w) => {
    const o = (w.value && typeof w.value === 'object' ? w.value : {}) as Record<string, unknown>;
    if (o.user !== undefined || o.role !== undefined)
      return { level: 'baseline', why: 'baseline forbids setting the SELinux user or role' };
    if (o.type !== undefined && !SELINUX_TYPES.has(String(o.type))) {
      return { level: 'baseline', why: 'baseline allows only the `container_t` family of types' };
    }
    return undefined;
  },
  diagram: 'container-architecture',
  spec: SECURITY_CONTEXT,
};

const sysctls: SettingRow = {
  kernel: SYSCTLS_KERNEL,
  pss: (w) => sysctlsBreak(sysctlNames(w.item !== undefined ? [w.item] : w.value)),
  diagram: 'namespaces-cgroups',
  spec: `${K8S}/tasks/administer-cluster/sysctl-cluster/`,
};

const hostPath: SettingRow = {
  kernel: "Bind-mounts a path of the node into the pod's mount namespace: the same files, no copy.",
  detail: (w) =>
    hostPathDetail(typeof w.value === 'string' ? w.value : ((w.value as { path?: string } | null)?.path ?? undefined)),
  pss: () => ({ level: 'baseline', why: 'baseline forbids `hostPath` volumes' }),
  diagram: 'container-architecture',
  spec: `${K8S}/concepts/storage/volumes/#hostpath`,
};

export const KUBE_SETTINGS: SettingTable = {
  hostNetwork: hostNamespaceRow('net'),
  hostPID: hostNamespaceRow('pid'),
  hostIPC: hostNamespaceRow('ipc'),
  hostUsers: {
    kernel:
      "`false`: the pod gets a user namespace of its own (uid 0 inside maps to an unprivileged uid on the node). `true` (the default): the node's user namespace.",
    diagram: 'namespaces-cgroups',
    spec: `${K8S}/concepts/workloads/pods/user-namespaces/`,
    live: { namespace: 'user' },
  },
  shareProcessNamespace: {
    kernel:
      "`true`: one pid namespace for every container of the pod; the sandbox's pause process is PID 1 and each container sees and can signal the others' processes.",
    diagram: 'namespaces-cgroups',
    spec: `${K8S}/tasks/configure-pod-container/share-process-namespace/`,
    live: { namespace: 'pid' },
  },
  runtimeClassName: {
    kernel:
      "Picks the node's CRI handler: `runc` shares this kernel through namespaces; gVisor (`runsc`) puts a user-space kernel between; Kata a virtual machine.",
    diagram: 'runtime-layers',
    spec: `${K8S}/concepts/containers/runtime-class/`,
  },
  'securityContext.runAsUser': runAsUser,
  'securityContext.runAsNonRoot': runAsNonRoot,
  'securityContext.seccompProfile': seccompProfile,
  'securityContext.seccompProfile.type': seccompProfile,
  'securityContext.appArmorProfile': appArmorProfile,
  'securityContext.appArmorProfile.type': appArmorProfile,
  'securityContext.seLinuxOptions': seLinuxOptions,
  'securityContext.sysctls': sysctls,
  'volumes.hostPath': hostPath,
  'volumes.hostPath.path': hostPath,
  'container.securityContext.privileged': {
    kernel:
      'Every capability, no seccomp filter, no AppArmor or SELinux confinement, every node device, `/sys` and `/proc` unmasked: as strong as root on the node.',
    pss: (w) => (isTrue(w) ? { level: 'baseline', why: 'baseline forbids privileged containers' } : undefined),
    diagram: 'container-architecture',
    spec: SECURITY_CONTEXT,
    live: 'capabilities',
  },
  'container.securityContext.capabilities.add': {
    kernel: "Capabilities added to the runtime's default set.",
    detail: (w) => capabilitiesDetail(w, 'adds'),
    pss: addedCapabilitiesBreak,
    diagram: 'container-architecture',
    spec: SECURITY_CONTEXT,
    live: 'capabilities',
  },
  'container.securityContext.capabilities.drop': {
    kernel: "Capabilities removed from the runtime's default set: `ALL` leaves none.",
    detail: (w) => capabilitiesDetail(w, 'removes'),
    pss: droppedCapabilitiesBreak,
    diagram: 'container-architecture',
    spec: SECURITY_CONTEXT,
    live: 'capabilities',
  },
  'container.securityContext.runAsUser': runAsUser,
  'container.securityContext.runAsNonRoot': runAsNonRoot,
  'container.securityContext.readOnlyRootFilesystem': {
    kernel: "Mounts the container's root file system read-only (`MS_RDONLY`); volumes stay writable.",
    diagram: 'container-architecture',
    spec: SECURITY_CONTEXT,
  },
  'container.securityContext.allowPrivilegeEscalation': {
    kernel:
      '`false` sets `no_new_privs` (`prctl(PR_SET_NO_NEW_PRIVS)`): setuid binaries and file capabilities give the process nothing more.',
    pss: (w) =>
      w.value === false || w.value === 'false'
        ? undefined
        : { level: 'restricted', why: 'restricted requires `allowPrivilegeEscalation: false`' },
    diagram: 'container-architecture',
    spec: SECURITY_CONTEXT,
  },
  'container.securityContext.seccompProfile': seccompProfile,
  'container.securityContext.seccompProfile.type': seccompProfile,
  'container.securityContext.appArmorProfile': appArmorProfile,
  'container.securityContext.appArmorProfile.type': appArmorProfile,
  'container.securityContext.seLinuxOptions': seLinuxOptions,
  'container.securityContext.procMount': {
    kernel:
      "`Default` masks and makes read-only parts of `/proc` (`/proc/kcore`, `/proc/sys`…); `Unmasked` leaves the container's `/proc` whole.",
    pss: (w) =>
      w.value === 'Unmasked' ? { level: 'baseline', why: 'baseline requires `procMount: Default`' } : undefined,
    diagram: 'container-architecture',
    spec: SECURITY_CONTEXT,
  },
  'container.resources.limits': {
    kernel:
      "What the kubelet writes to the container's cgroup: `memory` to `memory.max` (v2) or `memory.limit_in_bytes` (v1), `cpu` to `cpu.max` or `cpu.cfs_quota_us`.",
    diagram: 'namespaces-cgroups',
    spec: RESOURCES,
  },
  'container.resources.requests': {
    kernel:
      "What the scheduler reserves on the node; of it only `cpu` reaches the container's cgroup, as its weight (`cpu.shares` v1, `cpu.weight` v2).",
    diagram: 'namespaces-cgroups',
    spec: RESOURCES,
  },
  'container.resources.limits.memory': {
    kernel: "The hard memory limit of the container's cgroup: past it the OOM killer ends a process in it.",
    detail: kubeBytesDetail('memory.max', 'memory.limit_in_bytes'),
    diagram: 'namespaces-cgroups',
    spec: RESOURCES,
    live: 'memory',
  },
  'container.resources.limits.cpu': {
    kernel: "A CPU time quota for the container's cgroup (CFS bandwidth): throttled, never killed.",
    detail: (w) => cpuLimitDetail(kubeQuantity(w.value)),
    diagram: 'namespaces-cgroups',
    spec: RESOURCES,
    live: 'cpu',
  },
  'container.resources.requests.memory': {
    kernel:
      'Used by the scheduler to place the pod; no cgroup file is written for it unless the MemoryQoS feature sets `memory.min`.',
    diagram: 'namespaces-cgroups',
    spec: RESOURCES,
  },
  'container.resources.requests.cpu': {
    kernel: "The container's weight under CPU contention, and what the scheduler reserves.",
    detail: (w) => {
      const cpus = kubeQuantity(w.value);
      if (cpus === undefined) return undefined;
      const shares = requestToShares(cpus);
      return `\`cpu.shares\` ${shares} (v1); \`cpu.weight\` ${sharesToWeight(shares)} (v2).`;
    },
    diagram: 'namespaces-cgroups',
    spec: RESOURCES,
    live: 'cpu-weight',
  },
  'container.ports.hostPort': {
    kernel:
      "Forwards this port of the node to the container (the CNI's port mapping, iptables DNAT): reachable from outside the pod's network namespace.",
    pss: (w) => (Number(w.value) > 0 ? { level: 'baseline', why: 'baseline forbids `hostPort`' } : undefined),
    diagram: 'namespaces-cgroups',
    spec: `${POD_API}#ports`,
  },
};
