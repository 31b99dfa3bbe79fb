/**
 * What an OCI runtime spec (containerd's container spec, a bundle's config.json) asks for, in the
 * same EngineRequest shape as Docker's and Podman's inspect. A spec has no "privileged" or
 * "cap-add": it is the result, so the capability list is the spec's bounding set and the
 * additions are read against containerd's default by the caller (capabilities.ts).
 */
import { isObject, optString as asString } from '../runtimes/shared/json';
import { normalizeCapabilityName } from './capabilities';
import { asObject, asStrings, mountList, type EngineRequest, type RequestedMount } from './engineRequest';
import type { IdMapRange } from './types';

/** Files every engine bind-mounts into each container from its own state folder. */
const ENGINE_FILES = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/run/.containerenv', '/dev/shm']);
const ENGINE_STATE_DIRS = [
  '/var/lib/docker/containers/',
  '/var/lib/containers/',
  '/run/containers/',
  '/var/run/containers/',
];

function isEngineManaged(source: string | undefined, destination: string): boolean {
  if (!source || !ENGINE_FILES.has(destination)) return false;
  return ENGINE_STATE_DIRS.some((dir) => source.startsWith(dir)) || source.startsWith('/run/user/');
}

function specMounts(v: unknown): RequestedMount[] {
  return mountList(v, 'destination', (m, destination) => {
    const options = asStrings(m.options);
    const source = asString(m.source);
    // runc treats a mount as a bind when its options say so, whatever `type` is (often `none`).
    const bind = options.includes('bind') || options.includes('rbind');
    const type = bind ? 'bind' : (asString(m.type) ?? 'none');
    const mount: RequestedMount = { type, destination, readOnly: options.includes('ro') };
    if (source) mount.source = source;
    if (bind && isEngineManaged(source, destination)) mount.engineManaged = true;
    return mount;
  });
}

function specIdMappings(v: unknown): IdMapRange[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((item) => {
    const m = asObject(item);
    const inside = m?.containerID;
    const outside = m?.hostID;
    const count = m?.size;
    if (typeof inside !== 'number' || typeof outside !== 'number' || typeof count !== 'number') return [];
    return [{ inside, outside, count }];
  });
}

/**
 * `spec` is the OCI runtime spec object (containerd's `Spec`, decoded); `runtimeName` the
 * container's runtime (`io.containerd.runc.v2`, `io.containerd.runsc.v1`).
 */
export function requestFromOciSpec(spec: unknown, runtimeName?: string): EngineRequest {
  const s = asObject(spec) ?? {};
  const proc = asObject(s.process) ?? {};
  const linux = asObject(s.linux) ?? {};
  const caps = asObject(proc.capabilities);
  const user = asObject(proc.user);
  const apparmor = asString(proc.apparmorProfile);
  const selinuxLabel = asString(proc.selinuxLabel);
  const uidMappings = specIdMappings(linux.uidMappings);
  const uid = user?.uid;
  const masked = asStrings(linux.maskedPaths);
  const readonlyPaths = asStrings(linux.readonlyPaths);
  const request: EngineRequest = {
    engine: 'containerd',
    privileged: false,
    capAdd: [],
    capDrop: [],
    seccomp: isObject(linux.seccomp) ? 'profile' : 'unset',
    selinux: selinuxLabel ? [selinuxLabel] : [],
    noNewPrivileges: proc.noNewPrivileges === true,
    readonlyRootfs: asObject(s.root)?.readonly === true,
    devices: [],
    mounts: specMounts(s.mounts),
    hostPorts: [],
    sysctls: Object.keys(asObject(linux.sysctl) ?? {}),
    // runc masks /proc/kcore & co. only through these lists: both empty is what --privileged produces.
    unmaskedPaths: masked.length === 0 && readonlyPaths.length === 0,
    securityOpt: [],
  };
  if (caps) {
    request.capabilities = asStrings(caps.bounding).flatMap((c) => normalizeCapabilityName(c) ?? []);
  }
  if (apparmor) request.apparmor = apparmor;
  if (uidMappings.length > 0) {
    request.uidMappings = uidMappings;
    request.usernsMode = 'private';
  }
  if (typeof uid === 'number') request.user = String(uid);
  if (runtimeName) request.runtime = runtimeName;
  return request;
}
