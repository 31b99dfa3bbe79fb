/**
 * containerd's container spec (the OCI runtime spec as JSON): the namespaces it lists, its
 * cgroupsPath and the limits it asks for. Pure functions over plain data.
 */
import type { NamespaceKind } from '../../model';
import { isObject } from '../shared/json';

/** OCI `linux.namespaces[].type` → the model's kind. */
const OCI_NAMESPACE_TYPES: Record<string, NamespaceKind> = {
  pid: 'pid',
  network: 'net',
  mount: 'mnt',
  ipc: 'ipc',
  uts: 'uts',
  user: 'user',
  cgroup: 'cgroup',
  time: 'time',
};

export interface SpecNamespace {
  kind: NamespaceKind;
  /** Set when the container joins an existing namespace (`/proc/<pid>/ns/net`), absent for a new one. */
  path?: string;
}

/** Limits the spec asked for. A hint only: the kernel's cgroup files are the truth. */
export interface SpecLimits {
  memoryBytes?: number;
  cpuQuotaUs?: number;
  cpuPeriodUs?: number;
  /** quota / period, when both are set and the quota is positive. */
  cpus?: number;
  cpuShares?: number;
  pidsLimit?: number;
}

export interface ParsedSpec {
  namespaces: SpecNamespace[];
  cgroupsPath?: string;
  limits: SpecLimits;
}

const finiteNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Reads the spec `Any`'s value: the OCI runtime spec as JSON. Returns a string saying what was
 * wrong when it is not JSON or not an object; unknown or odd fields are skipped, not fatal.
 */
export function parseOciSpec(value: Uint8Array | string | undefined): ParsedSpec | string {
  const raw = decodeOciSpec(value);
  return typeof raw === 'string' ? raw : specFromDocument(raw);
}

/** The spec's JSON as an object, or what was wrong with it. */
export function decodeOciSpec(value: Uint8Array | string | undefined): Record<string, unknown> | string {
  if (value === undefined || value.length === 0) return 'the container has no spec';
  const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return `the spec is not JSON (${(err as Error).message})`;
  }
  return isObject(raw) ? raw : 'the spec is not a JSON object';
}

/** The namespaces, cgroups path and limits of a decoded spec. */
export function specFromDocument(raw: Record<string, unknown>): ParsedSpec {
  const linux = isObject(raw.linux) ? raw.linux : {};
  const namespaces: SpecNamespace[] = [];
  if (Array.isArray(linux.namespaces)) {
    for (const entry of linux.namespaces) {
      if (!isObject(entry) || typeof entry.type !== 'string') continue;
      const kind = OCI_NAMESPACE_TYPES[entry.type];
      if (!kind || namespaces.some((n) => n.kind === kind)) continue;
      const path = typeof entry.path === 'string' && entry.path.trim() ? entry.path : undefined;
      namespaces.push(path ? { kind, path } : { kind });
    }
  }
  const limits: SpecLimits = {};
  const resources = isObject(linux.resources) ? linux.resources : {};
  const memory = isObject(resources.memory) ? resources.memory : {};
  const memoryLimit = finiteNumber(memory.limit);
  if (memoryLimit !== undefined && memoryLimit > 0) limits.memoryBytes = memoryLimit;
  const cpu = isObject(resources.cpu) ? resources.cpu : {};
  const quota = finiteNumber(cpu.quota);
  const period = finiteNumber(cpu.period);
  if (quota !== undefined && quota > 0) limits.cpuQuotaUs = quota;
  if (period !== undefined && period > 0) limits.cpuPeriodUs = period;
  if (limits.cpuQuotaUs !== undefined) limits.cpus = limits.cpuQuotaUs / (limits.cpuPeriodUs ?? 100_000);
  const shares = finiteNumber(cpu.shares);
  if (shares !== undefined && shares > 0) limits.cpuShares = shares;
  const pids = isObject(resources.pids) ? resources.pids : {};
  const pidsLimit = finiteNumber(pids.limit);
  if (pidsLimit !== undefined && pidsLimit > 0) limits.pidsLimit = pidsLimit;
  const cgroupsPath = typeof linux.cgroupsPath === 'string' && linux.cgroupsPath ? linux.cgroupsPath : undefined;
  return { namespaces, cgroupsPath, limits };
}

/** `/proc/<pid>/ns/<kind>` → pid. */
export function pidOfNamespacePath(path: string): number | undefined {
  const m = /^\/proc\/(\d+)\/ns\/\w+$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/**
 * The namespace modes the spec asked for, keyed by kind, in the words the Docker client uses:
 * `private` (a new namespace: listed without a path), `host` (not listed: inherited from the
 * runtime, i.e. the host's), `container:<id>` (joined by path to a task of this reading), or
 * `path:<path>` (joined to a namespace no listed task owns). `time` is left out when the spec does
 * not list it: every engine inherits it and kernels before 5.6 have none.
 */
export function requestedModesFromSpec(
  namespaces: readonly SpecNamespace[],
  containerByPid?: ReadonlyMap<number, string>,
): Partial<Record<NamespaceKind, string>> {
  const out: Partial<Record<NamespaceKind, string>> = {};
  for (const kind of ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'user', 'uts'] as const) out[kind] = 'host';
  for (const ns of namespaces) {
    if (!ns.path) {
      out[ns.kind] = 'private';
      continue;
    }
    const pid = pidOfNamespacePath(ns.path);
    const owner = pid !== undefined ? containerByPid?.get(pid) : undefined;
    out[ns.kind] = owner ? `container:${owner}` : `path:${ns.path}`;
  }
  return out;
}
