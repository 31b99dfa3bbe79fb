// What each isolation setting of a compose service asks of the kernel. Keys are the path below
// `services.<name>`, sequence indices left out. Spec fragments point into compose-spec's
// 05-services.md (deploy.md for `deploy`).
import {
  addedCapabilitiesBreak,
  capabilitiesDetail,
  composeBytesDetail,
  cpuLimitDetail,
  droppedCapabilitiesBreak,
  hostPathDetail,
  SYSCTLS_KERNEL,
  sysctlNames,
  sysctlsBreak,
} from './common';
import { namespaceModeRow } from './namespaceRows';
import { code, stringsOf } from './shown';
import type { PodSecurityBreak, SettingRow, SettingTable, Written } from './types';
import { composeBytes, sharesToWeight } from './values';

const text = (w: Written): string => (typeof w.value === 'string' ? w.value : '');

function securityOptDetail(w: Written): string | undefined {
  const opts = w.item !== undefined ? stringsOf(w.item) : stringsOf(w.value);
  const lines = opts.map((o) => {
    const [key, value = ''] = o.split(/[=:](.*)/s);
    if (key === 'seccomp') {
      return value === 'unconfined'
        ? '`seccomp=unconfined`: no seccomp filter, every system call reaches the kernel.'
        : `\`seccomp=\`: the filter in ${code(value)} replaces the engine's default profile.`;
    }
    if (key === 'apparmor') {
      return value === 'unconfined'
        ? '`apparmor=unconfined`: no AppArmor profile confines the process.'
        : `\`apparmor=\`: the process runs under the AppArmor profile ${code(value)}.`;
    }
    if (key === 'label') {
      return value === 'disable'
        ? '`label=disable`: no SELinux label, the process is not confined by SELinux.'
        : `\`label=\`: sets the SELinux label part ${code(value)}.`;
    }
    if (key === 'no-new-privileges') {
      return value === 'false'
        ? '`no-new-privileges=false`: setuid binaries can still gain privileges.'
        : '`no-new-privileges`: sets `no_new_privs` (`prctl(PR_SET_NO_NEW_PRIVS)`): setuid and file capabilities give nothing.';
    }
    return undefined;
  });
  return lines.filter(Boolean).join(' ') || undefined;
}

function securityOptBreak(w: Written): PodSecurityBreak | undefined {
  const opts = stringsOf(w.item ?? w.value).map((o) => o.replace(':', '='));
  if (opts.includes('seccomp=unconfined'))
    return { level: 'baseline', why: 'baseline forbids an `Unconfined` seccomp profile' };
  if (opts.includes('apparmor=unconfined'))
    return { level: 'baseline', why: 'baseline forbids an unconfined AppArmor profile' };
  if (opts.includes('label=disable')) return { level: 'baseline', why: 'baseline forbids turning SELinux labels off' };
  return undefined;
}

/** Short syntax `HOST:CONTAINER[:MODE]` (a host path starts with `/`, `.` or `~`) or long syntax `source:`. */
function volumeHostPath(item: unknown): string | undefined {
  if (typeof item === 'string') {
    const source = item.split(':')[0];
    return /^[/.~]/.test(source) ? source : undefined;
  }
  if (item && typeof item === 'object' && (item as { type?: unknown }).type === 'bind') {
    const source = (item as { source?: unknown }).source;
    return typeof source === 'string' ? source : undefined;
  }
  return undefined;
}

const volumesRow: SettingRow = {
  kernel:
    "Mounts into the container's mount namespace: a named volume, or with a host path a bind mount of the host's files (no copy, the same inodes).",
  detail: (w) => {
    const items = w.item !== undefined ? [w.item] : Array.isArray(w.value) ? w.value : [];
    const paths = items.map(volumeHostPath).filter((p): p is string => !!p);
    return paths.map(hostPathDetail).join(' ') || undefined;
  },
  pss: (w) => {
    const items = w.item !== undefined ? [w.item] : Array.isArray(w.value) ? w.value : [];
    return items.some((i) => volumeHostPath(i))
      ? { level: 'baseline', why: 'baseline forbids `hostPath` volumes' }
      : undefined;
  },
  diagram: 'container-architecture',
  spec: '05-services.md#volumes',
};

const memoryRow = (spec: string): SettingRow => ({
  kernel:
    "The hard memory limit of the container's cgroup: past it the kernel reclaims, then the OOM killer ends a process in the cgroup.",
  detail: composeBytesDetail('memory.max', 'memory.limit_in_bytes'),
  diagram: 'namespaces-cgroups',
  spec,
  live: 'memory',
});

const cpusRow = (spec: string): SettingRow => ({
  kernel: "A CPU time quota for the container's cgroup (the CFS bandwidth controller): throttled, never killed.",
  detail: (w) => cpuLimitDetail(Number(w.value)),
  diagram: 'namespaces-cgroups',
  spec,
  live: 'cpu',
});

const memoryReservationRow = (spec: string): SettingRow => ({
  kernel: 'A soft memory floor: under memory pressure the kernel reclaims from cgroups above their reservation first.',
  detail: composeBytesDetail('memory.low', 'memory.soft_limit_in_bytes'),
  diagram: 'namespaces-cgroups',
  spec,
  live: 'memory-reservation',
});

const pidsRow = (spec: string): SettingRow => ({
  kernel: 'The most tasks (processes and threads) the cgroup may hold: `fork` and `clone` fail with `EAGAIN` past it.',
  detail: (w) =>
    Number(w.value) > 0
      ? `Writes \`${Number(w.value)}\` to \`pids.max\`.`
      : Number(w.value) === -1
        ? '`-1`: `pids.max` is `max`.'
        : undefined,
  diagram: 'namespaces-cgroups',
  spec,
  live: 'pids',
});

export const COMPOSE_SETTINGS: SettingTable = {
  network_mode: namespaceModeRow('net', '05-services.md#network_mode'),
  pid: namespaceModeRow('pid', '05-services.md#pid'),
  ipc: namespaceModeRow('ipc', '05-services.md#ipc'),
  uts: namespaceModeRow('uts', '05-services.md#uts'),
  userns_mode: namespaceModeRow('user', '05-services.md#userns_mode'),
  cgroup: namespaceModeRow('cgroup', '05-services.md#cgroup'),
  cgroup_parent: {
    kernel: "The parent of the container's cgroup: the limits of that parent apply on top of the container's own.",
    detail: (w) => (text(w) ? `The container's cgroup is created below ${code(text(w))}.` : undefined),
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#cgroup_parent',
  },
  privileged: {
    kernel:
      'Every capability, no seccomp filter, no AppArmor or SELinux confinement, every host device in `/dev`, and `/sys` and `/proc` without their read-only and masked paths. Namespaces stay, but they no longer hold.',
    detail: (w) =>
      w.value === true || w.value === 'true' ? 'Set: the container is as strong as root on this host.' : undefined,
    pss: (w) =>
      w.value === true || w.value === 'true'
        ? { level: 'baseline', why: 'baseline forbids privileged containers' }
        : undefined,
    diagram: 'container-architecture',
    spec: '05-services.md#privileged',
    live: 'capabilities',
  },
  cap_add: {
    kernel: "Capabilities added to the engine's default set for the container's processes.",
    detail: (w) => capabilitiesDetail(w, 'adds'),
    pss: addedCapabilitiesBreak,
    diagram: 'container-architecture',
    spec: '05-services.md#cap_add',
    live: 'capabilities',
  },
  cap_drop: {
    kernel: "Capabilities removed from the engine's default set: `ALL` leaves none.",
    detail: (w) => capabilitiesDetail(w, 'removes'),
    pss: droppedCapabilitiesBreak,
    diagram: 'container-architecture',
    spec: '05-services.md#cap_drop',
    live: 'capabilities',
  },
  security_opt: {
    kernel: 'Changes the seccomp profile, the AppArmor profile, the SELinux label or `no_new_privs` of the container.',
    detail: securityOptDetail,
    pss: securityOptBreak,
    diagram: 'container-architecture',
    spec: '05-services.md#security_opt',
  },
  read_only: {
    kernel: "Mounts the container's root file system read-only (`MS_RDONLY`); volumes and tmpfs stay writable.",
    diagram: 'container-architecture',
    spec: '05-services.md#read_only',
  },
  user: {
    kernel:
      "The uid and gid the container's process runs as. Without a user namespace uid 0 inside is uid 0 on the host (its capabilities limited by the bounding set).",
    detail: (w) =>
      /^(0|root)(:|$)/.test(String(w.value))
        ? 'Root: the same uid 0 as on the host unless a user namespace maps it.'
        : undefined,
    pss: (w) =>
      /^(0|root)(:|$)/.test(String(w.value))
        ? { level: 'restricted', why: 'restricted requires a non-root user' }
        : undefined,
    diagram: 'container-architecture',
    spec: '05-services.md#user',
  },
  mem_limit: memoryRow('05-services.md#mem_limit'),
  memswap_limit: {
    kernel: 'Memory plus swap for the container: `-1` is unlimited swap, equal to `mem_limit` is no swap.',
    detail: (w) => {
      const bytes = composeBytes(w.value);
      return bytes === undefined
        ? undefined
        : `Memory plus swap = \`${bytes}\`: \`memory.memsw.limit_in_bytes\` on v1; on v2 the engine writes the swap part alone to \`memory.swap.max\` (this value minus \`mem_limit\`).`;
    },
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#memswap_limit',
    live: 'memory-swap',
  },
  mem_reservation: memoryReservationRow('05-services.md#mem_reservation'),
  cpus: cpusRow('05-services.md#cpus'),
  cpu_shares: {
    kernel: 'The relative weight of the container under CPU contention (no effect on an idle host).',
    detail: (w) => {
      const shares = Number(w.value);
      return Number.isFinite(shares) && shares > 0
        ? `\`cpu.shares\` ${shares} (v1, default 1024); on v2 \`cpu.weight\` ${sharesToWeight(shares)} (default 100).`
        : undefined;
    },
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#cpu_shares',
    live: 'cpu-weight',
  },
  cpu_quota: {
    kernel:
      'The CFS quota in µs per period (`cpu_period`, default 100000): the first number of `cpu.max` (v2), `cpu.cfs_quota_us` (v1).',
    detail: (w) => {
      const quota = Number(w.value);
      return Number.isInteger(quota) && quota > 0
        ? `Writes \`${quota}\` to \`cpu.cfs_quota_us\` (v1), or \`${quota} 100000\` to \`cpu.max\` (v2) with the default \`cpu_period\`: ${quota / 100000} CPUs.`
        : undefined;
    },
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#cpu_quota',
    live: 'cpu',
  },
  cpuset: {
    kernel: 'The CPUs the container may run on: `cpuset.cpus` of its cgroup.',
    detail: (w) => (w.value !== undefined ? `Writes ${code(String(w.value))} to \`cpuset.cpus\`.` : undefined),
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#cpuset',
    live: 'cpuset',
  },
  pids_limit: pidsRow('05-services.md#pids_limit'),
  'deploy.resources': {
    kernel:
      'Limits and reservations in the `deploy` form (`limits.memory`, `limits.cpus`, `limits.pids`): the same cgroup files as `mem_limit`, `cpus`, `pids_limit`.',
    diagram: 'namespaces-cgroups',
    spec: 'deploy.md#resources',
  },
  'deploy.resources.limits.memory': memoryRow('deploy.md#resources'),
  'deploy.resources.limits.cpus': cpusRow('deploy.md#resources'),
  'deploy.resources.limits.pids': pidsRow('deploy.md#resources'),
  'deploy.resources.reservations.memory': memoryReservationRow('deploy.md#resources'),
  'deploy.resources.reservations.cpus': {
    kernel:
      'No cgroup file: a CPU reservation is what Swarm places tasks by. `docker-compose up` on one host sets nothing in the kernel for it (with 1.29 the container gets no `CpuShares` and no quota from it); for a weight under contention use `cpu_shares`.',
    diagram: 'namespaces-cgroups',
    spec: 'deploy.md#resources',
  },
  devices: {
    kernel:
      "Creates the host's device nodes in the container's `/dev` and allows them in the device controller (v1 `devices.allow`, v2 an eBPF device program).",
    detail: (w) => {
      const items = stringsOf(w.item ?? w.value);
      return items.length ? `Host devices: ${items.map((d) => code(d.split(':')[0])).join(', ')}.` : undefined;
    },
    diagram: 'container-architecture',
    spec: '05-services.md#devices',
  },
  volumes: volumesRow,
  tmpfs: {
    kernel:
      "A tmpfs mount in the container's mount namespace: memory-backed, charged to the container's memory cgroup.",
    diagram: 'container-architecture',
    spec: '05-services.md#tmpfs',
  },
  shm_size: {
    kernel: "The size of the container's `/dev/shm` tmpfs (its IPC namespace's POSIX shared memory); default 64 MiB.",
    detail: (w) => {
      const bytes = composeBytes(w.value);
      return bytes === undefined ? undefined : `Mounts \`/dev/shm\` with \`size=${bytes}\`.`;
    },
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#shm_size',
  },
  sysctls: {
    kernel: SYSCTLS_KERNEL,
    pss: (w) =>
      sysctlsBreak(w.item !== undefined && typeof w.item === 'string' ? sysctlNames([w.item]) : sysctlNames(w.value)),
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#sysctls',
  },
  ulimits: {
    kernel:
      "Resource limits (`setrlimit`: `RLIMIT_NOFILE`, `RLIMIT_NPROC`…) of the container's first process, inherited by its children. Per process, not a cgroup; `nproc` counts per uid across the host.",
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#ulimits',
  },
  init: {
    kernel:
      "Runs the engine's small init (`docker-init`, tini) as PID 1 of the container's pid namespace: it reaps zombies and forwards signals.",
    diagram: 'startup',
    spec: '05-services.md#init',
  },
  runtime: {
    kernel:
      "The OCI runtime that creates the container: `runc` and `crun` use this kernel's namespaces; `runsc` (gVisor) puts a user-space kernel between; Kata a virtual machine.",
    detail: (w) => (text(w) ? `Runtime ${code(text(w))}.` : undefined),
    diagram: 'runtime-layers',
    spec: '05-services.md#runtime',
  },
  oom_kill_disable: {
    kernel:
      'Turns the OOM killer off for the cgroup (v1 `memory.oom_control`): at the limit processes wait for memory instead of dying. cgroup v2 has no such switch and the engine ignores it there.',
    diagram: 'namespaces-cgroups',
    spec: '05-services.md#oom_kill_disable',
  },
};
