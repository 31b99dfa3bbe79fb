/**
 * Plain data shared by every view of the host: the tree, the live diagram and the CLI all read one
 * HostSnapshot. Nothing here knows about VS Code, sockets or files; it is what the kernel readers
 * and the runtime clients produce.
 */
import type { EngineRequest, PrivilegeExplanation, PrivilegeReport } from './privileges/types';

export type RuntimeKind = 'docker' | 'podman' | 'podman-rootless' | 'containerd';

/** Why an engine could or could not be read. `ok` is the only state with containers. */
export type RuntimeStatus =
  | { state: 'ok' }
  | { state: 'missing'; detail: string }
  | { state: 'denied'; detail: string }
  | { state: 'not-running'; detail: string }
  | { state: 'timeout'; detail: string }
  | { state: 'too-old'; detail: string }
  | { state: 'error'; detail: string };

export interface RuntimeInfo {
  kind: RuntimeKind;
  /** How the engine was reached: `unix:///var/run/docker.sock`, `tcp://…`, `cli:podman`. */
  endpoint: string;
  status: RuntimeStatus;
  /** Engine version as the engine reports it, e.g. `20.10.24+dfsg1`. */
  version?: string;
  apiVersion?: string;
  /** The chain below the engine as found on this host, outermost first: dockerd → containerd → runc. */
  chain: RuntimeChainLink[];
  /** The engine runs in a VM (Docker Desktop, Podman machine): its PIDs are not on this kernel. */
  inVm?: { reason: string };
  rootless?: boolean;
  cgroupDriver?: string;
  cgroupVersion?: '1' | '2';
}

export interface RuntimeChainLink {
  name: string;
  version?: string;
  role: 'cli' | 'engine' | 'cri' | 'oci' | 'shim' | 'monitor';
}

export type ContainerState = 'running' | 'paused' | 'restarting' | 'created' | 'exited' | 'dead' | 'unknown';

export interface ContainerInfo {
  /** Stable across refreshes: `${runtime}:${namespace ?? ''}:${id}`. */
  key: string;
  runtime: RuntimeKind;
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  /** Human status from the engine, e.g. `Up 3 minutes`. */
  status?: string;
  labels: Record<string, string>;
  /** containerd namespace (`default`, `moby`, `k8s.io`). */
  containerdNamespace?: string;
  /** Pod this container belongs to (Podman pod, Kubernetes pod from CRI labels). */
  pod?: { id?: string; name: string; namespace?: string; infra?: boolean };
  /** Host PID of the container's init process; absent when stopped or not on this kernel. */
  pid?: number;
  /** Uid owning that process on this host (/proc/PID/status), read with the kernel detail. */
  initUid?: number;
  /** Namespace modes the engine was asked for (`host`, `container:<id>`, `private`…), keyed by kind. */
  requestedModes?: Partial<Record<NamespaceKind, string>>;
  namespaces?: NamespaceReport;
  cgroup?: CgroupReport;
  /** Why kernel details are missing (stopped, in a VM, denied). */
  kernelDetailNote?: string;
  /**
   * What the container may do: the kernel's view of its init process (capability sets, seccomp,
   * no_new_privs, LSM label, user mapping) and what follows from it with the engine's request
   * (weak spots, Pod Security level, capabilities against the engine's default).
   */
  privileges?: ContainerPrivileges;
  /** What the engine was asked (inspect's HostConfig, Podman's EffectiveCaps, containerd's OCI spec), where it was read. */
  privilegeRequest?: EngineRequest;
  /** Same container as seen by another engine (Docker's container in containerd's `moby`). */
  alsoSeenAs?: string[];
}

export interface ContainerPrivileges {
  report?: PrivilegeReport;
  explanation: PrivilegeExplanation;
}

export const NAMESPACE_KINDS = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
export type NamespaceKind = (typeof NAMESPACE_KINDS)[number];

export type NamespaceVerdict =
  | { kind: 'isolated' }
  | { kind: 'host' }
  /**
   * `engine` is set when the namespace is the engine's own (rootless Podman's user namespace, which
   * every one of its containers is in): nobody asked to join another container's, and views do not
   * draw it as a pair of containers sharing.
   */
  | { kind: 'shared'; withKeys: string[]; engine?: RuntimeKind }
  | { kind: 'unknown'; reason: string };

/**
 * How a verdict is known. `inode`: the /proc/PID/ns link was read and compared (proof). `evidence`:
 * other kernel files readable by anyone (`NSpid` in status, `uid_map`, `mountinfo`, `net/dev` with
 * the addresses): strong, but not proof. `engine`: what the engine recorded it was asked for.
 */
export type VerdictSource = 'inode' | 'evidence' | 'engine';

export interface VerdictBasis {
  source: VerdictSource;
  /** The one word the views show: `inode`, `NSpid`, `uid_map`, `mountinfo`, `net/dev`, `engine`. */
  word: string;
  /** What exactly was compared or recorded, for tooltips. */
  detail?: string;
}

export type NamespaceReadStatus =
  /** `via: 'sudo'`: read as root through `sudo -n` (containerAnatomy.namespaces.readInodesWithSudo). */
  | { state: 'ok'; inode: number; via?: 'sudo' }
  | { state: 'denied'; detail: string }
  | { state: 'missing'; detail: string }
  | { state: 'error'; detail: string };

export interface NamespaceEntry {
  kind: NamespaceKind;
  read: NamespaceReadStatus;
  verdict: NamespaceVerdict;
  /** How the verdict is known; absent only in snapshots made before provenance was recorded. */
  basis?: VerdictBasis;
  /** The other source's verdict where the kernel's evidence and the engine's record disagree. */
  disagreement?: { verdict: NamespaceVerdict; basis: VerdictBasis };
}

export interface NamespaceReport {
  entries: NamespaceEntry[];
  /** Said once per container: why the inodes could not be read (`inodes need root: …`). */
  inodesNote?: string;
  /** What the verdicts without inodes were built from, kept so one container can be re-read alone. */
  evidence?: ProcessEvidence;
}

/**
 * Namespace facts an ordinary user can read about any process (see kernel/evidence.ts). Compact on
 * purpose: long files are kept as a digest, as only equality matters.
 */
export interface ProcessEvidence {
  /** Levels in `NSpid` (1 = the reader's own pid namespace when the reader is at the top). */
  nspidDepth?: number;
  /** The PID in the innermost pid namespace: 1 for a namespace's init, other for a joiner. */
  innerPid?: number;
  /** The parent process (the engine's monitor: conmon, containerd-shim). */
  ppid?: number;
  /** `uid_map`, whitespace-normalised (`0 0 4294967295` is the initial user namespace). */
  uidMap?: string;
  /** The parent's `uid_map`: equal to the container's and not the identity = the engine's user namespace. */
  parentUidMap?: string;
  /** The parent's user namespace inode, where readable. */
  parentUserNs?: number;
  /** Digest of the mount IDs in `mountinfo`: mount IDs are unique, so equal sets are one namespace. */
  mounts?: string;
  net?: NetEvidence;
  /**
   * Whether `net` matched the reader's own network read right after it: the host's interfaces
   * change whenever a container starts, so comparing with a reading taken earlier could miss it.
   */
  netIsReaders?: boolean;
}

export interface NetEvidence {
  /** Digest of interface names, local addresses (fib_trie) and if_inet6. */
  structure: string;
  /** Digest of the net/dev counters. */
  counters: string;
  /** Only a loopback with 127.0.0.1/::1: every `--network none` namespace looks like this. */
  loopbackOnly: boolean;
  /** Every counter is zero. */
  idle: boolean;
}

/** The host's reference namespaces: this process's own and PID 1's where readable. */
export interface HostNamespaces {
  self: Partial<Record<NamespaceKind, number>>;
  pid1: Partial<Record<NamespaceKind, number>>;
  /** Set when PID 1's links could not be read (EACCES even for root on some hosts). */
  pid1Unreadable?: string;
  /** This process's own evidence (NSpid, uid_map, mountinfo, net), read when it is not root. */
  evidence?: ProcessEvidence;
}

export type CgroupVersion = '1' | '2' | 'hybrid';

export interface CgroupReport {
  version: '1' | '2';
  /** Path inside the hierarchy, e.g. `/docker/<id>` or `/system.slice/docker-<id>.scope`. */
  path: string;
  driver?: 'cgroupfs' | 'systemd' | 'unknown';
  /** v1 only: path per controller / named hierarchy (`memory`, `cpu`, `name=systemd`), which can differ. */
  controllerPaths?: Record<string, string>;
  /** The figures beside the hard limit are present only when set (they differ from the kernel's default). */
  memory?: {
    limitBytes: number | null;
    /** The raw charge (v2 memory.current, v1 memory.usage_in_bytes): page cache included. */
    usageBytes?: number;
    /**
     * What `docker stats` shows: the charge minus the inactive file cache (reclaimed before any
     * OOM kill), v1 `total_inactive_file`, v2 `inactive_file` from memory.stat.
     */
    workingSetBytes?: number;
    /** memory.stat, in bytes: what the charge is made of. */
    breakdown?: {
      anonBytes: number;
      /** Page cache, shmem included (v1 `cache`). */
      fileBytes: number;
      activeFileBytes: number;
      inactiveFileBytes: number;
      /** tmpfs and shared memory: counted as file, but not reclaimable without swap. */
      shmemBytes: number;
      /** v2 `kernel`; v1: the charge less anon, cache and swap (memory.stat has no kernel line). */
      kernelBytes?: number;
      /** v1 `total_swap` (with swap accounting). */
      swapBytes?: number;
    };
    /** v2 memory.events; v1 memory.oom_control has only `oomKills`. */
    events?: { oomKills: number; oom?: number; max?: number; high?: number };
    /** v2 memory.pressure (PSI): % of time some task (or all: full) waited for memory. */
    pressure?: { someAvg10: number; someAvg60: number; fullAvg10?: number; someTotalUs: number };
    /** v2 memory.high: above it the processes are throttled and reclaimed hard, not killed. */
    highBytes?: number;
    /** What `--memory-reservation` sets: v2 memory.low (protected), v1 memory.soft_limit_in_bytes. */
    reservationBytes?: number;
    /** v2 memory.swap.max: swap alone (0: no swap). */
    swapLimitBytes?: number;
    /** v1 memory.memsw.limit_in_bytes: memory plus swap (Docker's `--memory-swap`). */
    memswLimitBytes?: number;
  };
  /** CPUs as quota / period; null when unlimited. */
  cpu?: {
    cpus: number | null;
    quotaUs?: number;
    periodUs?: number;
    cpuset?: string;
    /** CPU time used so far, µs (v2 cpu.stat `usage_usec`, v1 cpuacct.usage / 1000); read only with usage. */
    usageUsec?: number;
    /** v2 cpu.weight (1–10000, default 100): the share of CPU time under contention. */
    weight?: number;
    /** v1 cpu.shares (default 1024): the same under contention, `--cpu-shares`. */
    shares?: number;
    /** cpu.stat: CFS periods, those in which the quota ran out, and the time spent waiting (µs). */
    throttling?: { periods: number; throttledPeriods: number; throttledUsec: number };
    /**
     * Percent of one CPU over the last sampling interval (100 = one CPU busy, as `docker stats`),
     * and over how long; set by the usage sampler, which needs two samples.
     */
    percent?: number;
    percentWindowMs?: number;
  };
  pids?: { limit: number | null; current?: number };
  io?: {
    lines: string[];
    /** Summed over devices: v2 io.stat; v1 blkio.throttle.io_service_bytes (no operation counts). */
    usage?: { readBytes: number; writeBytes: number; readOps?: number; writeOps?: number };
  };
  /**
   * Not a cgroup figure, but sampled with them: /proc/PID/net/dev of the container's network
   * namespace, loopback apart. `hostNetwork`: the container uses the host's, so these are the host's.
   */
  network?: {
    rxBytes: number;
    txBytes: number;
    rxErrors: number;
    txErrors: number;
    loopbackBytes: number;
    interfaces: string[];
    hostNetwork?: boolean;
  };
  /** Why there is no per-container cgroup (rootless on v1) or a part could not be read. */
  note?: string;
}

export interface HostSnapshot {
  takenAt: string;
  host: {
    cgroupVersion: CgroupVersion;
    namespaces: HostNamespaces;
    isRoot: boolean;
  };
  runtimes: RuntimeInfo[];
  containers: ContainerInfo[];
}
