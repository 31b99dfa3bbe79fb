/**
 * What the engine was asked for a container, normalized over Docker and Podman inspect (this file)
 * and an OCI runtime spec (ociRequest.ts). The kernel shows what a container got; this shows what
 * its owner asked, so the difference can be explained ("seccomp off because of --privileged").
 *
 * Inspect JSON is untrusted input: every field is checked for its type, a missing or odd field is
 * treated as not set.
 */
import { isObject, optString as asString, type Json } from '../runtimes/shared/json';
import { normalizeCapabilityName } from './capabilities';
import type { EngineKind, EngineRequest, IdMapRange, RequestedMount } from './types';

export type { EngineRequest, RequestedMount } from './types';

/** An object field, or undefined when absent or not an object. */
export function asObject(v: unknown): Json | undefined {
  return isObject(v) ? v : undefined;
}
export function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Each object of a mount list that names its destination under `destinationKey` (inspect's
 * `Destination`, a spec's `destination`), as `toMount` reads it; anything else is skipped.
 */
export function mountList(
  v: unknown,
  destinationKey: string,
  toMount: (m: Json, destination: string) => RequestedMount,
): RequestedMount[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((item) => {
    const m = asObject(item);
    const destination = asString(m?.[destinationKey]);
    return m && destination ? [toMount(m, destination)] : [];
  });
}

function capNames(v: unknown): string[] {
  return asStrings(v).flatMap((raw) => normalizeCapabilityName(raw) ?? []);
}

/** The parts of SecurityOpt this module reads. Docker writes `key=value`; old clients wrote `key:value`. */
export function parseSecurityOpt(
  entries: readonly string[],
): Pick<EngineRequest, 'seccomp' | 'apparmor' | 'selinux' | 'noNewPrivileges' | 'unmaskedPaths'> {
  const out: ReturnType<typeof parseSecurityOpt> = {
    seccomp: 'default',
    selinux: [],
    noNewPrivileges: false,
    unmaskedPaths: false,
  };
  for (const entry of entries) {
    const sep = entry.search(/[=:]/);
    const key = (sep < 0 ? entry : entry.slice(0, sep)).trim().toLowerCase();
    const value = sep < 0 ? '' : entry.slice(sep + 1).trim();
    if (key === 'seccomp') out.seccomp = value === 'unconfined' ? 'unconfined' : 'profile';
    else if (key === 'apparmor') out.apparmor = value;
    else if (key === 'label') out.selinux.push(value);
    else if (key === 'no-new-privileges') out.noNewPrivileges = value === '' || value === 'true';
    else if (key === 'systempaths' && value === 'unconfined') out.unmaskedPaths = true;
    else if (key === 'unmask' && value !== '') out.unmaskedPaths = true;
  }
  return out;
}

/** `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}` → [8080]. */
function hostPorts(bindings: unknown): number[] {
  const ports: number[] = [];
  for (const list of Object.values(asObject(bindings) ?? {})) {
    if (!Array.isArray(list)) continue;
    for (const b of list) {
      const port = Number(asString(asObject(b)?.HostPort) ?? '0');
      if (Number.isInteger(port) && port > 0) ports.push(port);
    }
  }
  return ports;
}

function inspectMounts(v: unknown): RequestedMount[] {
  return mountList(v, 'Destination', (m, destination) => {
    const source = asString(m.Source);
    return { type: asString(m.Type) ?? 'bind', ...(source ? { source } : {}), destination, readOnly: m.RW === false };
  });
}

function inspectDevices(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((d) => asString(asObject(d)?.PathOnHost) ?? []);
}

/** `"0:100000:65536"` (Podman's IDMappings.UidMap entries) → ranges. */
export function parseIdMapEntries(entries: readonly string[]): IdMapRange[] {
  return entries.flatMap((e) => {
    const m = /^(\d+):(\d+):(\d+)$/.exec(e.trim());
    return m ? [{ inside: Number(m[1]), outside: Number(m[2]), count: Number(m[3]) }] : [];
  });
}

/** The fields Docker's and Podman's inspect share (Podman copies Docker's HostConfig). */
function fromInspect(engine: EngineKind, c: Json): EngineRequest {
  const host = asObject(c.HostConfig) ?? {};
  const config = asObject(c.Config) ?? {};
  const securityOpt = asStrings(host.SecurityOpt);
  const opts = parseSecurityOpt(securityOpt);
  const appArmorProfile = asString(c.AppArmorProfile);
  const usernsMode = asString(host.UsernsMode);
  const user = asString(config.User);
  return {
    engine,
    privileged: host.Privileged === true,
    capAdd: capNames(host.CapAdd),
    capDrop: capNames(host.CapDrop),
    ...opts,
    // On an AppArmor host the engine records the profile it applied (docker-default, unconfined).
    ...(opts.apparmor === undefined && appArmorProfile ? { apparmor: appArmorProfile } : {}),
    readonlyRootfs: host.ReadonlyRootfs === true,
    ...(usernsMode ? { usernsMode } : {}),
    devices: inspectDevices(host.Devices),
    mounts: inspectMounts(c.Mounts),
    hostPorts: hostPorts(host.PortBindings),
    sysctls: Object.keys(asObject(host.Sysctls) ?? {}),
    ...(user ? { user } : {}),
    securityOpt,
  };
}

/** One element of `docker inspect` (or GET /containers/{id}/json). */
export function requestFromDockerInspect(inspect: unknown): EngineRequest {
  const c = asObject(inspect) ?? {};
  const runtime = asString(asObject(c.HostConfig)?.Runtime);
  return { ...fromInspect('docker', c), ...(runtime ? { runtime } : {}) };
}

/** One element of `podman inspect` (or libpod's GET /containers/{id}/json). */
export function requestFromPodmanInspect(inspect: unknown): EngineRequest {
  const c = asObject(inspect) ?? {};
  const base = fromInspect('podman', c);
  const effective = capNames(c.EffectiveCaps);
  // HostConfig.Runtime is the literal `oci` in Podman; OCIRuntime names the binary.
  const runtime = asString(c.OCIRuntime);
  const uidMap = parseIdMapEntries(asStrings(asObject(asObject(c.HostConfig)?.IDMappings)?.UidMap));
  return {
    ...base,
    ...(Array.isArray(c.EffectiveCaps) ? { capabilities: effective } : {}),
    ...(runtime ? { runtime } : {}),
    ...(uidMap.length > 0 ? { uidMappings: uidMap } : {}),
  };
}
