/**
 * The Kubernetes Pod Security Standards level a container's settings meet, by the controls
 * kubernetes.io documents ("Pod Security Standards"), applied to a local container:
 *
 * Baseline forbids: host namespaces (network, PID, IPC); privileged; adding capabilities beyond
 * AUDIT_WRITE CHOWN DAC_OVERRIDE FOWNER FSETID KILL MKNOD NET_BIND_SERVICE SETFCAP SETGID SETPCAP
 * SETUID SYS_CHROOT; hostPath volumes (a bind mount); host ports; AppArmor set to unconfined;
 * SELinux types other than container_t/container_init_t/container_kvm_t/container_engine_t, or a
 * custom user or role; an unmasked /proc; seccomp set to Unconfined; sysctls outside the safe set.
 * Restricted adds: no privilege escalation (no_new_privs), running as non-root (uid ≠ 0), seccomp
 * RuntimeDefault or Localhost (a filter is loaded), and capabilities: drop ALL, add back at most
 * NET_BIND_SERVICE.
 *
 * "Adding" is measured against the engine's own default, as Kubernetes measures `capabilities.add`
 * against the runtime's default: Docker's default NET_RAW is not an addition.
 */
import type { ContainerFacts } from './facts';
import type { PodSecurityVerdict, PodSecurityViolation } from './types';

export const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

const BASELINE_HOST_NAMESPACES = ['net', 'pid', 'ipc'] as const;

/** `label=` entries that break baseline: disable, a type outside the allowed set, any user or role. */
function selinuxViolation(entries: readonly string[]): string | undefined {
  for (const e of entries) {
    const [key, value = ''] = e.split(/:(.*)/s);
    if (key === 'disable') return 'label=disable';
    if (key === 'type' && !SELINUX_TYPES.has(value)) return `label=type:${value}`;
    if (key === 'user' || key === 'role') return `label=${e}`;
  }
  return undefined;
}

function baselineViolations(f: ContainerFacts): PodSecurityViolation[] {
  const out: PodSecurityViolation[] = [];
  const add = (control: string, detail: string): void => void out.push({ breaks: 'baseline', control, detail });
  const r = f.request;
  const shared = BASELINE_HOST_NAMESPACES.filter((k) => f.context.hostNamespaces?.includes(k));
  if (shared.length > 0) add('Host Namespaces', `shares the host's ${shared.join(', ')} namespace`);
  if (r?.privileged) add('Privileged Containers', 'privileged');
  const added = (f.capabilities?.diff.added ?? []).filter((c) => !BASELINE_CAPABILITIES.has(c));
  if (added.length > 0) add('Capabilities', `adds ${added.join(', ')} beyond the baseline set`);
  if (f.hostMounts.length > 0)
    add('HostPath Volumes', `bind-mounts ${f.hostMounts.map((m) => m.source ?? '?').join(', ')}`);
  if (r && r.hostPorts.length > 0) add('Host Ports', `publishes host port ${r.hostPorts.join(', ')}`);
  const label = f.report.lsm;
  if (r?.apparmor === 'unconfined' || (label?.kind === 'unconfined' && label.lsm === 'apparmor')) {
    add('AppArmor', 'AppArmor profile unconfined');
  }
  const selinux = r ? selinuxViolation(r.selinux) : undefined;
  if (selinux) add('SELinux', selinux);
  else if (label?.kind === 'unconfined' && label.lsm === 'selinux') add('SELinux', label.text);
  else if (label?.kind === 'selinux' && !SELINUX_TYPES.has(label.type)) add('SELinux', `type ${label.type}`);
  if (r?.unmaskedPaths && !r.privileged) add('/proc Mount Type', '/proc is not masked');
  if (r?.seccomp === 'unconfined') add('Seccomp', 'seccomp=unconfined');
  const unsafe = (r?.sysctls ?? []).filter((s) => !SAFE_SYSCTLS.has(s));
  if (unsafe.length > 0) add('Sysctls', `sets ${unsafe.join(', ')}`);
  return out;
}

function restrictedViolations(f: ContainerFacts, unchecked: string[]): PodSecurityViolation[] {
  const out: PodSecurityViolation[] = [];
  const add = (control: string, detail: string): void => void out.push({ breaks: 'restricted', control, detail });
  const status = f.report.status;
  if (status?.noNewPrivs === undefined) unchecked.push('Privilege Escalation');
  else if (!status.noNewPrivs) add('Privilege Escalation', 'no_new_privs is off (allowPrivilegeEscalation)');
  if (f.uidInside === undefined) unchecked.push('Running as Non-root');
  else if (f.uidInside === 0) add('Running as Non-root', 'runs as uid 0 inside');
  if (status?.seccomp.mode === undefined) unchecked.push('Seccomp');
  else if (status.seccomp.mode !== 'filter')
    add('Seccomp', `seccomp ${status.seccomp.mode}: RuntimeDefault or Localhost required`);
  if (f.capabilityNames === undefined) unchecked.push('Capabilities');
  else {
    const kept = f.capabilityNames.filter((c) => c !== 'NET_BIND_SERVICE');
    if (kept.length > 0)
      add('Capabilities', `keeps ${kept.length} capabilities; restricted drops ALL but NET_BIND_SERVICE`);
  }
  return out;
}

export function podSecurityLevel(f: ContainerFacts): PodSecurityVerdict {
  const unchecked: string[] = [];
  const baseline = baselineViolations(f);
  const restricted = restrictedViolations(f, unchecked);
  const level = baseline.length > 0 ? 'privileged' : restricted.length > 0 ? 'baseline' : 'restricted';
  const verdict: PodSecurityVerdict = { level, violations: [...baseline, ...restricted] };
  // Without the kernel's answers a container cannot be called restricted.
  if (unchecked.length > 0) {
    verdict.unchecked = unchecked;
    if (level === 'restricted') verdict.level = 'baseline';
  }
  return verdict;
}
