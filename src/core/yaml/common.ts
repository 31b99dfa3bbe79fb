/** Facts the compose and Kubernetes rows share: capabilities, byte limits, host paths, sysctls. */
import { BASELINE_CAPABILITIES, SAFE_SYSCTLS } from '../privileges/podSecurity';
import { code, stringsOf } from './shown';
import type { PodSecurityBreak, Written } from './types';
import { composeBytes, cpuMax, kubeQuantity } from './values';

/** `NET_ADMIN`, `cap_net_admin` and `CAP_NET_ADMIN` are one capability. */
export function capabilityKey(name: string): string {
  return name.toUpperCase().replace(/^CAP_/, '');
}

/** Pod Security for added capabilities: baseline allows its list, restricted only NET_BIND_SERVICE. */
export function addedCapabilitiesBreak(w: Written): PodSecurityBreak | undefined {
  const names = (w.item !== undefined ? stringsOf(w.item) : stringsOf(w.value)).map(capabilityKey);
  const beyondBaseline = names.filter((n) => n === 'ALL' || !BASELINE_CAPABILITIES.has(n));
  if (beyondBaseline.length > 0) {
    return {
      level: 'baseline',
      why: `baseline allows adding only its list; not ${beyondBaseline.map(code).join(', ')}`,
    };
  }
  const beyondRestricted = names.filter((n) => n !== 'NET_BIND_SERVICE');
  if (beyondRestricted.length > 0)
    return { level: 'restricted', why: 'restricted allows adding only `NET_BIND_SERVICE`' };
  return undefined;
}

export function droppedCapabilitiesBreak(w: Written): PodSecurityBreak | undefined {
  if (stringsOf(w.value).map(capabilityKey).includes('ALL')) return undefined;
  return { level: 'restricted', why: 'restricted requires dropping `ALL`' };
}

export function capabilitiesDetail(w: Written, verb: 'adds' | 'removes'): string | undefined {
  const names = w.item !== undefined ? stringsOf(w.item) : stringsOf(w.value);
  if (names.length === 0) return undefined;
  const set =
    verb === 'adds' ? 'bounding, permitted and effective sets' : 'bounding set (so no process can regain them)';
  return `${verb === 'adds' ? 'Adds' : 'Removes'} ${names.map((n) => code(`CAP_${capabilityKey(n)}`)).join(', ')} ${verb === 'adds' ? 'to' : 'from'} the ${set}.`;
}

/** `memory.max` on v2, `memory.limit_in_bytes` on v1, with the bytes the value becomes. */
export function bytesDetail(bytes: number | undefined, v2File: string, v1File: string): string | undefined {
  if (bytes === undefined) return undefined;
  return `Writes \`${bytes}\` to \`${v2File}\` (cgroup v2) or \`${v1File}\` (v1).`;
}

export const composeBytesDetail =
  (v2File: string, v1File: string) =>
  (w: Written): string | undefined =>
    bytesDetail(composeBytes(w.value), v2File, v1File);

export const kubeBytesDetail =
  (v2File: string, v1File: string) =>
  (w: Written): string | undefined => {
    const bytes = kubeQuantity(w.value);
    return bytesDetail(bytes === undefined ? undefined : Math.floor(bytes), v2File, v1File);
  };

export function cpuLimitDetail(cpus: number | undefined): string | undefined {
  if (cpus === undefined || cpus <= 0) return undefined;
  const { quotaUs, periodUs } = cpuMax(cpus);
  return `Writes \`${quotaUs} ${periodUs}\` to \`cpu.max\` (v2), or \`cpu.cfs_quota_us\` ${quotaUs} with \`cpu.cfs_period_us\` ${periodUs} (v1): ${quotaUs} µs of CPU time every ${periodUs} µs.`;
}

/** Engine sockets: whoever can write one can start a privileged container, i.e. is root on the host. */
const ENGINE_SOCKETS =
  /(?:^|\/)(?:docker|podman|containerd|crio|cri-dockerd)\.sock$|^\/var\/run\/docker\.sock$|^\/run\/podman/;

export function hostPathDetail(path: string | undefined): string | undefined {
  if (!path) return undefined;
  if (ENGINE_SOCKETS.test(path)) {
    return `${code(path)} is a container engine's socket: the container can ask the engine for a privileged container, which is root on this host.`;
  }
  if (path === '/') return 'The whole host file system, inside the container.';
  return `The host's ${code(path)} appears in the container's mount namespace: changes go both ways.`;
}

export function sysctlNames(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.map((v) =>
      typeof v === 'string' ? v.split('=')[0].trim() : typeof v === 'object' && v && 'name' in v ? String(v.name) : '',
    );
  }
  return value && typeof value === 'object' ? Object.keys(value) : [];
}

export function sysctlsBreak(names: readonly string[]): PodSecurityBreak | undefined {
  const unsafe = names.filter((n) => n && !SAFE_SYSCTLS.has(n));
  if (unsafe.length === 0) return undefined;
  return { level: 'baseline', why: `baseline allows only its safe sysctls; not ${unsafe.map(code).join(', ')}` };
}

export const SYSCTLS_KERNEL =
  "Writes these `/proc/sys` values inside the container's namespaces before it starts. Only namespaced sysctls are accepted (`net.*` in its network namespace, `kernel.shm*`, `kernel.msg*`, `kernel.sem`, `fs.mqueue.*` in its IPC namespace); with a host namespace the write lands on the host.";
