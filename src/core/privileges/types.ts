/**
 * Plain data for "what a container may do": what the kernel says (PrivilegeReport) and what that
 * means given what the engine was asked (PrivilegeExplanation). JSON-safe throughout (masks are hex
 * strings, never BigInt), so the tree, the CLI text and `--json` can show it as it is.
 */

/** One capability set as read: the mask as the kernel printed it, and its names (`cap_N` for unknown bits). */
export interface CapabilitySet {
  mask: string;
  names: string[];
}

/** The five sets of /proc/PID/status; a set is absent when the line is (never on a kernel this new, but handled). */
export interface CapabilitySets {
  inheritable?: CapabilitySet;
  permitted?: CapabilitySet;
  effective?: CapabilitySet;
  bounding?: CapabilitySet;
  /** CapAmb exists since Linux 4.3. */
  ambient?: CapabilitySet;
}

export type SeccompMode = 'disabled' | 'strict' | 'filter';

export interface SeccompState {
  /** Absent when the kernel has no `Seccomp:` line (built without CONFIG_SECCOMP) or prints a value unknown here. */
  mode?: SeccompMode;
  /** The number as printed, kept when it is not 0/1/2. */
  raw?: string;
  /** `Seccomp_filters:` (Linux 5.9+): how many filters are stacked. */
  filters?: number;
}

/** Real, effective, saved set and filesystem ids, as seen from the reader's user namespace (the host's). */
export interface IdSet {
  real: number;
  effective: number;
  saved: number;
  fs: number;
}

export interface ProcStatusPrivileges {
  capabilities: CapabilitySets;
  /** `NoNewPrivs:` (Linux 4.10+); absent on older kernels. */
  noNewPrivs?: boolean;
  seccomp: SeccompState;
  uid?: IdSet;
  gid?: IdSet;
}

/** One `inside outside count` line of uid_map / gid_map. */
export interface IdMapRange {
  inside: number;
  outside: number;
  count: number;
}

export interface IdMapping {
  /** `initial`: the identity map of the initial user namespace (no user namespace at all). */
  kind: 'initial' | 'mapped' | 'root-unmapped';
  ranges: IdMapRange[];
  /** The host id that id 0 inside maps to; absent when 0 is not mapped. */
  rootOnHost?: number;
  /** Id 0 inside is id 0 on the host (true in the initial namespace, and for a namespace mapping 0 to 0). */
  rootIsHostRoot: boolean;
  /** Plain words: `root inside is root on the host (no user namespace)`, `root inside is host uid 100000 (65536 ids)`. */
  text: string;
}

export interface UserMapping {
  uid: IdMapping;
  gid: IdMapping;
}

export type LsmLabel =
  | { kind: 'apparmor'; profile: string; mode?: string; text: string }
  | { kind: 'selinux'; user: string; role: string; type: string; level?: string; text: string }
  | { kind: 'unconfined'; lsm?: 'apparmor' | 'selinux'; text: string }
  | { kind: 'other'; label: string; text: string }
  | { kind: 'none'; text: string };

/** Which LSMs the host kernel runs. `confining` keeps those that label processes (AppArmor, SELinux, Smack, TOMOYO). */
export type HostLsm =
  | { state: 'listed'; lsms: string[]; confining: string[]; source: string }
  | { state: 'none'; detail: string }
  | { state: 'unknown'; detail: string };

/** A file that could not be read; the rest of the report still stands. */
export interface PrivilegeReadIssue {
  file: string;
  state: 'denied' | 'missing' | 'error';
  detail: string;
}

/** The kernel's truth about one process (a container's init): read by readPrivileges(). */
export interface PrivilegeReport {
  pid: number;
  status?: ProcStatusPrivileges;
  userMapping?: UserMapping;
  lsm?: LsmLabel;
  hostLsm: HostLsm;
  /** The host's bounding set (PID 1's, else this process's): the most any container here can hold. */
  hostBounding?: CapabilitySet;
  issues: PrivilegeReadIssue[];
}

export type SandboxKind = 'none' | 'user-space-kernel' | 'vm';

/** The OCI runtime and what it means for everything else shown. */
export interface RuntimeSandbox {
  /** As the engine names it: `runc`, `io.containerd.runsc.v1`, `kata`. */
  name?: string;
  family: 'runc' | 'crun' | 'youki' | 'gvisor' | 'kata' | 'other' | 'unknown';
  sandbox: SandboxKind;
  text: string;
}

export type FindingSeverity = 'high' | 'medium' | 'low' | 'info';

export interface PrivilegeFinding {
  /** Stable: `privileged`, `capability:SYS_ADMIN`, `seccomp-off`, `engine-socket:/var/run/docker.sock`… */
  id: string;
  severity: FindingSeverity;
  /** One line, plain words: "Seccomp is off". */
  title: string;
  /** Why it matters, for the tooltip. */
  why: string;
  /** What showed it: `Seccomp: 0 in /proc/PID/status`, `HostConfig.Privileged: true`. */
  evidence: string;
  /** Glossary term that explains it (src/core/glossary ids: `seccomp`, `cap_sys_admin`, `gvisor`). */
  term?: string;
}

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export interface PodSecurityViolation {
  /** The lowest level the setting breaks: a `baseline` violation also breaks restricted. */
  breaks: 'baseline' | 'restricted';
  /** The control's name on kubernetes.io: `Capabilities`, `Seccomp`, `Running as Non-root`. */
  control: string;
  detail: string;
}

export interface PodSecurityVerdict {
  level: PodSecurityLevel;
  violations: PodSecurityViolation[];
  /** Restricted controls that could not be checked (the kernel's status was unreadable): the level is then at most baseline. */
  unchecked?: string[];
}

export interface CapabilitySummary {
  engine: EngineKind;
  /** Which set was compared with the engine's default: the bounding set (what the container can ever hold). */
  basis: 'bounding' | 'effective';
  diff: CapabilityDiff;
  effectiveCount?: number;
  boundingCount?: number;
}

/** What the kernel's truth means once the engine's request is known: explainPrivileges(). */
export interface PrivilegeExplanation {
  capabilities?: CapabilitySummary;
  runtime: RuntimeSandbox;
  findings: PrivilegeFinding[];
  podSecurity: PodSecurityVerdict;
}

export type EngineKind = 'docker' | 'podman' | 'containerd';

/** How a container's set differs from its engine's default; `text` is what the tree and the CLI print. */
export interface CapabilityDiff {
  kind: 'default' | 'changed' | 'all' | 'all-but' | 'none';
  /** In the set, not in the default. */
  added: string[];
  /** In the default, not in the set. */
  dropped: string[];
  /** For `all-but`: what the set lacks of every capability the universe has. */
  missing: string[];
  text: string;
}

/** What the engine was asked for a container (engineRequest.ts, ociRequest.ts build it). */
export interface RequestedMount {
  /** `bind`, `volume`, `tmpfs`, `proc`… */
  type: string;
  source?: string;
  destination: string;
  readOnly: boolean;
  /** Files the engine itself puts in every container (hosts, resolv.conf, hostname): not a user's mount. */
  engineManaged?: boolean;
}

export interface EngineRequest {
  engine: EngineKind;
  privileged: boolean;
  /** Normalized names (`NET_ADMIN`, `ALL`). */
  capAdd: string[];
  capDrop: string[];
  /** The full list the engine computed, where it says (Podman's EffectiveCaps, an OCI spec's bounding set). */
  capabilities?: string[];
  /** `default`: the engine's profile; `unconfined`; `profile`: a custom one; `unset`: an OCI spec without linux.seccomp. */
  seccomp: 'default' | 'unconfined' | 'profile' | 'unset';
  /** AppArmor profile asked for or applied (`unconfined`, `docker-default`); absent when none was named. */
  apparmor?: string;
  /** `label=` entries without the prefix (`disable`, `type:svirt_apache_t`). */
  selinux: string[];
  noNewPrivileges: boolean;
  readonlyRootfs: boolean;
  /** `host`, `private`, `keep-id`, `auto`…; empty when the engine's default. */
  usernsMode?: string;
  uidMappings?: IdMapRange[];
  /** OCI runtime name as the engine gives it. */
  runtime?: string;
  /** Host device paths passed in. */
  devices: string[];
  mounts: RequestedMount[];
  /** Host ports published (0 excluded). */
  hostPorts: number[];
  sysctls: string[];
  /** `systempaths=unconfined` / `unmask=ALL`, or an OCI spec with no masked paths: /proc and /sys unmasked. */
  unmaskedPaths: boolean;
  /** `Config.User` or the spec's uid, as given. */
  user?: string;
  /** Every SecurityOpt entry as given. */
  securityOpt: string[];
}
