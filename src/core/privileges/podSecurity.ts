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
import type { EngineRequest } from './engineRequest';
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

export const SAFE_SYSCTLS = new Set([
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

export const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

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

type RestrictedControl = 'Privilege Escalation' | 'Running as Non-root' | 'Seccomp' | 'Capabilities';
/** A control met (`true`), broken (the detail), or not answerable from this source (undefined). */
type Answers = Partial<Record<RestrictedControl, true | string>>;

const RESTRICTED_CONTROLS: RestrictedControl[] = [
  'Privilege Escalation',
  'Running as Non-root',
  'Seccomp',
  'Capabilities',
];

function keptCapabilities(names: readonly string[]): true | string {
  const kept = names.filter((c) => c !== 'NET_BIND_SERVICE');
  return kept.length === 0 ? true : `keeps ${kept.length} capabilities; restricted drops ALL but NET_BIND_SERVICE`;
}

/** The kernel's answers, unless a sandbox stands between: then the process shown is the sandbox's. */
function kernelAnswers(f: ContainerFacts): Answers {
  const status = f.report.status;
  if (f.runtime.sandbox !== 'none') return {};
  const a: Answers = {};
  if (status?.noNewPrivs !== undefined)
    a['Privilege Escalation'] = status.noNewPrivs || 'no_new_privs is off (allowPrivilegeEscalation)';
  if (f.uidInside !== undefined) a['Running as Non-root'] = f.uidInside !== 0 || 'runs as uid 0 inside';
  const mode = status?.seccomp.mode;
  if (mode !== undefined) a.Seccomp = mode === 'filter' || `seccomp ${mode}: RuntimeDefault or Localhost required`;
  if (f.capabilityNames) a.Capabilities = keptCapabilities(f.capabilityNames);
  return a;
}

/** `""`, `root`, `0`, `0:0` → 0; `1000:1000` → 1000; a user name other than root cannot be resolved here. */
function requestedUid(user: string | undefined): number | undefined {
  const name = (user ?? '').split(':')[0];
  if (name === '' || name === 'root') return 0;
  return /^\d+$/.test(name) ? Number(name) : undefined;
}

/** What the request says, for a container the kernel cannot answer for (created, sandboxed, unreadable). */
function requestAnswers(r: EngineRequest | undefined): Answers {
  if (!r) return {};
  if (r.privileged) {
    const detail = 'privileged';
    return { 'Privilege Escalation': detail, 'Running as Non-root': detail, Seccomp: detail, Capabilities: detail };
  }
  const a: Answers = {
    'Privilege Escalation': r.noNewPrivileges || 'no-new-privileges not set',
    Seccomp: (r.seccomp !== 'unconfined' && r.seccomp !== 'unset') || `seccomp ${r.seccomp}`,
  };
  const uid = requestedUid(r.user);
  if (uid !== undefined) a['Running as Non-root'] = uid !== 0 || 'runs as root (no --user)';
  if (r.capabilities) a.Capabilities = keptCapabilities(r.capabilities);
  else {
    const onlyBind = r.capAdd.every((c) => c === 'NET_BIND_SERVICE');
    a.Capabilities = (r.capDrop.includes('ALL') && onlyBind) || 'does not drop ALL capabilities';
  }
  return a;
}

function restrictedViolations(f: ContainerFacts, unchecked: string[]): PodSecurityViolation[] {
  const kernel = kernelAnswers(f);
  const request = requestAnswers(f.request);
  const out: PodSecurityViolation[] = [];
  for (const control of RESTRICTED_CONTROLS) {
    const answer = kernel[control] ?? request[control];
    if (answer === undefined) unchecked.push(control);
    else if (answer !== true) out.push({ breaks: 'restricted', control, detail: answer });
  }
  return out;
}

export function podSecurityLevel(f: ContainerFacts): PodSecurityVerdict {
  const unchecked: string[] = [];
  const baseline = baselineViolations(f);
  const restricted = restrictedViolations(f, unchecked);
  const level = baseline.length > 0 ? 'privileged' : restricted.length > 0 ? 'baseline' : 'restricted';
  const verdict: PodSecurityVerdict = { level, violations: [...baseline, ...restricted] };
  // A control nobody could answer keeps a container from being called restricted.
  if (unchecked.length > 0) {
    verdict.unchecked = unchecked;
    if (level === 'restricted') verdict.level = 'baseline';
  }
  return verdict;
}
