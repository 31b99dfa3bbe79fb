/**
 * Weak spots: each a plain-language finding with why it matters and what showed it. Kernel truth
 * first (the capability masks, Seccomp, NoNewPrivs, the label, uid_map); the engine's request
 * explains the cause ("because of --privileged") and adds what only it knows (mounts, devices).
 */
import type { NamespaceKind } from '../model';
import { describeSeccomp } from './status';
import type { ContainerFacts } from './facts';
import { mismatchFindings } from './mismatch';
import type { FindingSeverity, PrivilegeFinding } from './types';

/** Capabilities that each open a known way out of, or around, a container. */
const DANGEROUS_CAPABILITIES: Record<string, { severity: FindingSeverity; why: string }> = {
  SYS_ADMIN: {
    severity: 'high',
    why: 'mount filesystems, use most namespace and cgroup controls: the classic way out (cgroup release_agent, mounting a host disk).',
  },
  SYS_MODULE: { severity: 'high', why: 'load kernel modules: its code then runs inside the host kernel.' },
  SYS_PTRACE: {
    severity: 'high',
    why: 'trace and write into other processes it can see (every host process, with the host PID namespace).',
  },
  SYS_RAWIO: { severity: 'high', why: 'raw I/O ports and /dev/mem access: reads and writes host memory and hardware.' },
  DAC_READ_SEARCH: {
    severity: 'high',
    why: 'open_by_handle_at: read any file on a host filesystem by its handle (the "shocker" escape).',
  },
  MAC_ADMIN: { severity: 'high', why: 'change the AppArmor/SELinux policy that confines it.' },
  MAC_OVERRIDE: { severity: 'high', why: 'override the AppArmor/SELinux policy.' },
  BPF: { severity: 'high', why: 'load BPF programs into the kernel, which see every process on the host.' },
  PERFMON: { severity: 'medium', why: 'perf and BPF tracing of the kernel: reads what other processes do.' },
  NET_ADMIN: {
    severity: 'medium',
    why: "reconfigure interfaces, routes and firewall rules of its network namespace (the host's, with --network host).",
  },
  SYS_TIME: { severity: 'medium', why: "set the clock, which is not namespaced: it changes the host's time." },
  SYSLOG: { severity: 'medium', why: 'read the kernel log, including kernel addresses that help exploits.' },
  SYS_BOOT: { severity: 'medium', why: 'reboot (its PID namespace, or the host with the host PID namespace).' },
};

/** What sharing each kind with the host lets the container do. cgroup and time are left out: engines share them by default on cgroup v1 and for time. */
const HOST_NAMESPACE_RISK: Partial<Record<NamespaceKind, { severity: FindingSeverity; why: string }>> = {
  pid: {
    severity: 'high',
    why: 'it sees and signals every host process, and reads their /proc/PID/environ where permitted.',
  },
  net: {
    severity: 'high',
    why: "it uses the host's network stack: binds host ports, reaches services bound to the host's localhost.",
  },
  mnt: { severity: 'high', why: "it sees the host's filesystem tree." },
  ipc: {
    severity: 'medium',
    why: "it shares the host's System V IPC and POSIX message queues with every host process.",
  },
  uts: { severity: 'low', why: "it can change the host's hostname (with SYS_ADMIN)." },
};

/** Host paths whose bind mount hands over the host. Exact or below; `/` only exact. */
const SENSITIVE_PATHS = [
  '/proc',
  '/sys',
  '/dev',
  '/etc',
  '/boot',
  '/root',
  '/run',
  '/var/run',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/containers',
  '/var/lib/kubelet',
];
const ENGINE_SOCKETS = [
  'docker.sock',
  'podman.sock',
  'containerd.sock',
  'crio.sock',
  'cri-dockerd.sock',
  'buildkitd.sock',
];

const SEVERITY_ORDER: FindingSeverity[] = ['high', 'medium', 'low', 'info'];

/** Findings read from the host's view of the process, which under a sandbox is the sandbox's. */
const KERNEL_FINDINGS = [
  'all-capabilities',
  'capability:',
  'seccomp-off',
  'no-new-privs-off',
  'root-is-host-root',
  'lsm-unconfined',
];

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

function capabilityFindings(f: ContainerFacts): PrivilegeFinding[] {
  const diff = f.capabilities?.diff;
  const names = f.capabilityNames ?? [];
  const where = `Cap${f.capabilities?.basis === 'effective' ? 'Eff' : 'Bnd'} in /proc/${f.report.pid}/status`;
  // In a user namespace of its own a capability reaches only what that namespace owns.
  const ownUserns = f.rootIsHostRoot === false;
  const soften = (s: FindingSeverity): FindingSeverity => (ownUserns && s === 'high' ? 'medium' : s);
  const usernsNote = ownUserns ? ' In its own user namespace this reaches only what that namespace owns.' : '';
  if (diff && (diff.kind === 'all' || diff.kind === 'all-but')) {
    return [
      {
        id: 'all-capabilities',
        severity: soften('high'),
        title: diff.kind === 'all' ? 'Every capability' : `Every capability but ${diff.missing.length}`,
        why: `Root in it holds all of root's powers, SYS_ADMIN, SYS_MODULE and SYS_PTRACE among them: each is a known way out.${usernsNote}`,
        evidence: `${where}: ${diff.text}`,
        term: 'capabilities',
      },
    ];
  }
  return names.flatMap((name) => {
    const risk = DANGEROUS_CAPABILITIES[name];
    if (!risk) return [];
    return [
      {
        id: `capability:${name}`,
        severity: soften(risk.severity),
        title: `Has CAP_${name}`,
        why: `CAP_${name} lets it ${risk.why}${usernsNote}`,
        evidence: `${where} has ${name}${diff && diff.kind !== 'default' ? ` (${diff.text})` : ''}`,
        term: `cap_${name.toLowerCase()}`,
      },
    ];
  });
}

function seccompFinding(f: ContainerFacts): PrivilegeFinding[] {
  const seccomp = f.report.status?.seccomp;
  if (seccomp?.mode !== 'disabled') return [];
  const r = f.request;
  const cause = r?.privileged
    ? ' because --privileged turns it off'
    : r?.seccomp === 'unconfined'
      ? ', as asked (seccomp=unconfined)'
      : r?.seccomp === 'unset'
        ? ': the OCI spec has no linux.seccomp (ctr runs without a filter unless --seccomp)'
        : '';
  return [
    {
      id: 'seccomp-off',
      severity: 'high',
      title: 'Seccomp is off',
      why: "Every system call reaches the host kernel, including the rarely needed ones (keyctl, bpf, unshare, mount…) that the engines' default profile blocks and that known escapes use.",
      evidence: `Seccomp: 0 (${describeSeccomp(seccomp)}) in /proc/${f.report.pid}/status${cause}`,
      term: 'seccomp',
    },
  ];
}

function identityFindings(f: ContainerFacts): PrivilegeFinding[] {
  const out: PrivilegeFinding[] = [];
  const status = f.report.status;
  const pid = f.report.pid;
  if (status?.noNewPrivs === false) {
    const root = f.uidInside === 0;
    out.push({
      id: 'no-new-privs-off',
      severity: 'low',
      title: 'no_new_privs is off',
      why: root
        ? 'A program it runs can gain file capabilities up to its bounding set; with no_new_privs an exec can never add privileges.'
        : 'A setuid-root or file-capability binary in the image can make it root again; no_new_privs (--security-opt no-new-privileges) stops that.',
      evidence: `NoNewPrivs: 0 in /proc/${pid}/status`,
      term: 'capabilities',
    });
  }
  if (f.uidInside === 0 && f.rootIsHostRoot === true) {
    out.push({
      id: 'root-is-host-root',
      severity: 'medium',
      title: 'Root inside is root on the host',
      why: 'No user namespace: uid 0 in the container is uid 0 on the host, so whatever gets out (a kernel bug, a mounted socket, a writable host path) is root there. Rootless engines and --userns remap it to an unprivileged host uid.',
      evidence: `/proc/${pid}/uid_map: ${f.report.userMapping?.uid.text ?? ''}`,
      term: 'rootless',
    });
  }
  const label = f.report.lsm;
  if (label?.kind === 'unconfined' && f.report.hostLsm.state === 'listed') {
    out.push({
      id: 'lsm-unconfined',
      severity: 'medium',
      title: `Not confined by ${label.lsm === 'selinux' ? 'SELinux' : 'AppArmor'}`,
      why: `The host runs ${f.report.hostLsm.confining.join(', ')}, but this container has no profile: nothing beyond capabilities and seccomp limits which files and operations it may use.`,
      evidence: `/proc/${pid}/attr: ${label.text}`,
      term: label.lsm === 'selinux' ? 'selinux' : 'apparmor',
    });
  }
  return out;
}

function mountFindings(f: ContainerFacts): PrivilegeFinding[] {
  const out: PrivilegeFinding[] = [];
  for (const m of f.hostMounts) {
    const source = m.source ?? '';
    const socket = ENGINE_SOCKETS.find((s) => source.endsWith(`/${s}`) || m.destination.endsWith(`/${s}`));
    if (socket) {
      out.push({
        id: `engine-socket:${m.destination}`,
        severity: 'high',
        title: `Engine API socket mounted (${socket})`,
        why: "Whoever can talk to the engine can start a privileged container with the host's / mounted: this is full control of the host.",
        evidence: `bind mount ${source} → ${m.destination}`,
      });
      continue;
    }
    const sensitive = source === '/' ? '/' : SENSITIVE_PATHS.find((p) => isUnder(source, p));
    if (!sensitive) continue;
    out.push({
      id: `host-path:${m.destination}`,
      severity: m.readOnly && sensitive !== '/' ? 'medium' : 'high',
      title: `Host ${sensitive === '/' ? 'root filesystem' : sensitive} mounted${m.readOnly ? ' read-only' : ''}`,
      why: m.readOnly
        ? "It can read host configuration and secrets there (keys, tokens, other containers' data)."
        : "It can change the host there: its configuration, its processes' view of the kernel, or other containers' data.",
      evidence: `bind mount ${source} → ${m.destination}${m.readOnly ? ' (ro)' : ''}`,
    });
  }
  const devices = f.request?.devices ?? [];
  if (devices.length > 0 && !f.request?.privileged) {
    out.push({
      id: 'host-devices',
      severity: 'medium',
      title: `Host device${devices.length === 1 ? '' : 's'} passed in`,
      why: 'A device node reaches the hardware or a kernel driver directly, beside the namespaces.',
      evidence: devices.join(', '),
    });
  }
  return out;
}

function settingFindings(f: ContainerFacts): PrivilegeFinding[] {
  const out: PrivilegeFinding[] = [];
  const r = f.request;
  if (r?.privileged) {
    out.push({
      id: 'privileged',
      severity: 'high',
      title: 'Privileged container',
      why: '--privileged gives every capability, turns seccomp and the AppArmor/SELinux profile off, unmasks /proc and /sys and passes every host device: root in it is root on the host.',
      evidence: `${r.engine} inspect: HostConfig.Privileged true`,
      term: 'capabilities',
    });
  } else if (r?.unmaskedPaths) {
    out.push({
      id: 'unmasked-paths',
      severity: 'medium',
      title: '/proc and /sys are not masked',
      why: 'The engines hide /proc/kcore, /proc/keys, /sys/firmware and others from containers; here they are visible.',
      evidence:
        r.engine === 'containerd' ? 'OCI spec: no linux.maskedPaths' : 'SecurityOpt systempaths=unconfined / unmask',
    });
  }
  for (const kind of f.context.hostNamespaces ?? []) {
    const risk = HOST_NAMESPACE_RISK[kind];
    if (!risk) continue;
    out.push({
      id: `host-namespace:${kind}`,
      severity: risk.severity,
      title: `Host ${kind} namespace`,
      why: `It shares the host's ${kind} namespace: ${risk.why}`,
      evidence: `/proc/${f.report.pid}/ns/${kind} is the host's`,
      term: 'namespace',
    });
  }
  if (f.context.memoryLimited === false) {
    out.push({
      id: 'no-memory-limit',
      severity: 'low',
      title: 'No memory limit',
      why: "It can take all the host's memory, and the kernel's OOM killer then picks victims on the host too.",
      evidence: 'cgroup memory limit: none',
      term: 'cgroup-memory',
    });
  }
  if (f.context.pidsLimited === false) {
    out.push({
      id: 'no-pids-limit',
      severity: 'low',
      title: 'No process limit',
      why: "A fork bomb inside can exhaust the host's process table.",
      evidence: 'cgroup pids.max: max',
      term: 'cgroup-pids',
    });
  }
  if (r && !r.readonlyRootfs) {
    out.push({
      id: 'writable-rootfs',
      severity: 'low',
      title: 'Writable root filesystem',
      why: "Code that gets in can change the container's own programs and persist there; --read-only stops that.",
      evidence: `${r.engine === 'containerd' ? 'OCI spec root.readonly' : 'HostConfig.ReadonlyRootfs'} false`,
    });
  }
  if (f.runtime.sandbox !== 'none') {
    out.push({
      id: 'sandbox',
      severity: 'info',
      title: f.runtime.sandbox === 'vm' ? 'Runs in a VM (Kata)' : 'Sandboxed by gVisor',
      why: f.runtime.text,
      evidence: `runtime ${f.runtime.name ?? ''}`,
      term: f.runtime.family === 'kata' ? 'kata' : 'gvisor',
    });
  }
  return out;
}

/** Every weak spot of one container, the most serious first. */
export function findWeakSpots(f: ContainerFacts): PrivilegeFinding[] {
  const all = [
    ...settingFindings(f),
    ...capabilityFindings(f),
    ...seccompFinding(f),
    ...identityFindings(f),
    ...mountFindings(f),
    ...mismatchFindings(f),
  ];
  if (f.runtime.sandbox !== 'none') {
    for (const finding of all) {
      if (KERNEL_FINDINGS.some((id) => finding.id.startsWith(id)))
        finding.evidence += "; this is the sandbox's process";
    }
  }
  return all.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}
