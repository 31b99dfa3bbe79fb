/**
 * Which running containers hold a privilege, from the kernel's truth already in a snapshot: an
 * effective capability (the bit of CapEff, not the engine's request) or a seccomp mode. Hovers on
 * a capability or seccomp term count them and link to a pick of them; nothing here reads an engine
 * or a file, so a hover stays as cheap as a lookup over the snapshot the feed holds.
 */
import type { ContainerInfo, HostSnapshot } from '../model';
import { CAPABILITY_NAMES, capabilityBit, parseCapabilityMask } from './capabilities';
import type { SeccompMode } from './types';

/** A capability by its name without `CAP_` (`NET_ADMIN`), or a seccomp mode. */
export type PrivilegeQuery = { readonly capability: string } | { readonly seccomp: SeccompMode };

const SECCOMP_MODES: readonly SeccompMode[] = ['disabled', 'strict', 'filter'];

/** A query for a capability name in any spelling (`CAP_NET_ADMIN`, `net_admin`); undefined for `ALL` or unknown names. */
export function capabilityQuery(raw: string): PrivilegeQuery | undefined {
  const bit = capabilityBit(raw);
  const name = bit === undefined ? undefined : CAPABILITY_NAMES[bit];
  return name ? { capability: name } : undefined;
}

/** Checks a command argument (it arrives from a markdown link): a known capability or a seccomp mode, else undefined. */
export function parsePrivilegeQuery(arg: unknown): PrivilegeQuery | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { capability, seccomp } = arg as { capability?: unknown; seccomp?: unknown };
  if (typeof capability === 'string') {
    const q = capabilityQuery(capability);
    return q && 'capability' in q && q.capability === capability ? q : undefined;
  }
  if (typeof seccomp === 'string' && (SECCOMP_MODES as readonly string[]).includes(seccomp))
    return { seccomp: seccomp as SeccompMode };
  return undefined;
}

/** Whether the kernel says this running container's init process holds what the query asks. */
export function holds(c: ContainerInfo, q: PrivilegeQuery): boolean {
  if (c.state !== 'running' || c.pid === undefined) return false;
  const status = c.privileges?.report?.status;
  if (!status) return false;
  if ('seccomp' in q) return status.seccomp.mode === q.seccomp;
  const mask = status.capabilities.effective && parseCapabilityMask(status.capabilities.effective.mask);
  const bit = capabilityBit(q.capability);
  return mask !== undefined && bit !== undefined && ((mask >> BigInt(bit)) & 1n) === 1n;
}

/** Per snapshot (a new object on every change) and query: a hover asked again costs one lookup. */
const found = new WeakMap<HostSnapshot, Map<string, ContainerInfo[]>>();

/** The containers of the snapshot that hold it, in the snapshot's order. */
export function holdersOf(snapshot: HostSnapshot | undefined, q: PrivilegeQuery): ContainerInfo[] {
  if (!snapshot) return [];
  let bySnapshot = found.get(snapshot);
  if (!bySnapshot) found.set(snapshot, (bySnapshot = new Map()));
  const key = 'capability' in q ? `cap:${q.capability}` : `seccomp:${q.seccomp}`;
  let holders = bySnapshot.get(key);
  if (!holders) bySnapshot.set(key, (holders = snapshot.containers.filter((c) => holds(c, q))));
  return holders;
}

/** `CAP_NET_ADMIN`, `seccomp off`: how the hover and the pick name what they look for. */
export function queryTitle(q: PrivilegeQuery): string {
  if ('capability' in q) return `CAP_${q.capability}`;
  return { disabled: 'seccomp off', strict: 'seccomp strict mode', filter: 'a seccomp filter' }[q.seccomp];
}

/** What one holder shows in the pick: the kernel's figure the match was made on. */
export function holderEvidence(c: ContainerInfo, q: PrivilegeQuery): string {
  const status = c.privileges?.report?.status;
  if ('capability' in q) return `CapEff ${status?.capabilities.effective?.mask ?? '?'}`;
  const filters = status?.seccomp.filters;
  return `Seccomp ${q.seccomp}${filters ? ` (${filters} ${filters === 1 ? 'filter' : 'filters'})` : ''}`;
}

/**
 * The queries a glossary term stands for: a capability term (`cap_net_admin`) its capability, the
 * seccomp term the two modes that matter (off, and a filter); other terms none.
 */
export function queriesForTerm(termId: string): PrivilegeQuery[] {
  if (termId === 'seccomp') return [{ seccomp: 'disabled' }, { seccomp: 'filter' }];
  if (!termId.startsWith('cap_')) return [];
  const q = capabilityQuery(termId);
  return q ? [q] : [];
}
