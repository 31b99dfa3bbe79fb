/**
 * Which privilege a capability or seccomp setting names, so its hover can count the running
 * containers that hold it (core/privileges/holders): `cap_add: [NET_ADMIN]`, `capabilities.drop`,
 * `security_opt: [seccomp=unconfined]`, `seccompProfile.type: RuntimeDefault`.
 */
import { capabilityQuery, type PrivilegeQuery } from '../privileges/holders';
import type { Setting } from './classify';
import { stringsOf } from './shown';

/** More than this many capabilities in one list: the hover names the first ones only. */
const MAX_QUERIES = 4;

const CAPABILITY_KEYS = /(^cap_(add|drop)$|\.capabilities\.(add|drop)$)/;
const SECCOMP_PROFILE_KEYS = /(^|\.)seccompProfile(\.type)?$/;

function seccompOfProfileType(type: unknown): PrivilegeQuery | undefined {
  if (type === 'Unconfined') return { seccomp: 'disabled' };
  if (type === 'RuntimeDefault' || type === 'Localhost') return { seccomp: 'filter' };
  return undefined;
}

/** `seccomp=unconfined`, `seccomp:unconfined` → off; `seccomp=<profile>` → a filter. */
function seccompOfSecurityOpt(option: string): PrivilegeQuery | undefined {
  const m = /^seccomp[=:](.*)$/s.exec(option.trim());
  if (!m) return undefined;
  return m[1] === 'unconfined' ? { seccomp: 'disabled' } : { seccomp: 'filter' };
}

export function privilegeQueriesOf(setting: Setting): PrivilegeQuery[] {
  const { key, written } = setting;
  const items = stringsOf(written.item ?? written.value);
  let found: (PrivilegeQuery | undefined)[] = [];
  if (CAPABILITY_KEYS.test(key)) found = items.map(capabilityQuery);
  else if (key === 'security_opt') found = items.map(seccompOfSecurityOpt);
  else if (SECCOMP_PROFILE_KEYS.test(key)) {
    const v = written.value;
    found = [seccompOfProfileType(v && typeof v === 'object' ? (v as { type?: unknown }).type : v)];
  }
  const seen = new Set<string>();
  const out: PrivilegeQuery[] = [];
  for (const q of found) {
    const id = q && JSON.stringify(q);
    if (!q || seen.has(id!)) continue;
    seen.add(id!);
    out.push(q);
  }
  return out.slice(0, MAX_QUERIES);
}
