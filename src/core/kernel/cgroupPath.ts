/**
 * Recognises who made a cgroup path, and whether it names a given container.
 *
 *   cgroupfs driver   /docker/<id>                      /libpod_parent/libpod-<id>
 *   systemd driver    /system.slice/docker-<id>.scope   /machine.slice/libpod-<id>.scope[/container]
 *   containerd (ctr)  /<namespace>/<id>
 *   Kubernetes        /kubepods/burstable/pod<uid>/<id>
 *                     /kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod<uid>.slice/cri-containerd-<id>.scope
 *
 * The second question matters for engines in a VM (Docker Desktop, Podman machine): a PID that the
 * engine reports but whose cgroup does not name the container is not that container's process on
 * this kernel.
 */

export type CgroupEngineHint = 'docker' | 'podman' | 'containerd' | 'cri-o' | 'kubernetes';

export interface CgroupPathInfo {
  /** systemd drivers name units (`.scope`, `.slice`); cgroupfs drivers make plain directories. */
  driver: 'cgroupfs' | 'systemd' | 'unknown';
  engine?: CgroupEngineHint;
  containerId?: string;
  /** The first segment of a containerd `/<namespace>/<id>` path. */
  containerdNamespace?: string;
  /** Podman pod id from `machine-libpod_pod_<id>.slice` or `/libpod_parent/<id>/…`. */
  podId?: string;
  kubepods?: { qos?: 'guaranteed' | 'burstable' | 'besteffort'; podUid?: string };
}

export interface RecogniseOptions {
  /**
   * containerd namespaces known to exist. `/<ns>/<id>` is a weak shape (any two-level path has it),
   * so when this list is given only those first segments count; without it any name does.
   */
  containerdNamespaces?: readonly string[];
}

/** Unit-name prefixes of a scope made for a container, with the engine that makes them. */
const SCOPE_PREFIXES: ReadonlyArray<[string, CgroupEngineHint]> = [
  ['cri-containerd-', 'containerd'],
  ['docker-', 'docker'],
  ['libpod-', 'podman'],
  ['crio-', 'cri-o'],
];

const UNIT_SUFFIX = /\.(scope|slice|service)$/;

export function recogniseCgroupPath(cgroupPath: string, options: RecogniseOptions = {}): CgroupPathInfo {
  const segs = cgroupPath.split('/').filter((s) => s !== '');
  const kubepods = kubepodsOf(segs);

  // Look from the leaf up: Podman adds `/container` below its scope, Docker-in-Docker nests.
  for (let i = segs.length - 1; i >= 0; i--) {
    const seg = segs[i];
    if (seg.startsWith('libpod-conmon-')) continue; // conmon's own scope, not the container's
    if (seg.endsWith('.scope')) {
      const unit = seg.slice(0, -'.scope'.length);
      for (const [prefix, engine] of SCOPE_PREFIXES) {
        if (unit.startsWith(prefix) && unit.length > prefix.length) {
          const info: CgroupPathInfo = { driver: 'systemd', engine, containerId: unit.slice(prefix.length) };
          const pod = segs
            .slice(0, i)
            .map((s) => /^machine-libpod_pod_([^.]+)\.slice$/.exec(s)?.[1])
            .find((m) => m !== undefined);
          if (pod !== undefined) info.podId = pod;
          if (kubepods) info.kubepods = kubepods;
          return info;
        }
      }
      continue;
    }
    if (seg.startsWith('libpod-') && !UNIT_SUFFIX.test(seg)) {
      const info: CgroupPathInfo = { driver: 'cgroupfs', engine: 'podman', containerId: seg.slice('libpod-'.length) };
      if (segs[0] === 'libpod_parent' && i === 2) info.podId = segs[1];
      return info;
    }
    if (i > 0 && segs[i - 1] === 'docker' && /^[0-9a-f]{64}$/.test(seg)) {
      return { driver: 'cgroupfs', engine: 'docker', containerId: seg };
    }
  }

  if (kubepods && segs[0] === 'kubepods' && /^pod/.test(segs[segs.length - 2] ?? '')) {
    // cgroupfs kubelet: /kubepods[/<qos>]/pod<uid>/<container id>; the CRI is not in the path.
    return { driver: 'cgroupfs', engine: 'kubernetes', containerId: segs[segs.length - 1], kubepods };
  }

  if (segs.length === 2 && !UNIT_SUFFIX.test(segs[0]) && !UNIT_SUFFIX.test(segs[1])) {
    const [ns, id] = segs;
    if (options.containerdNamespaces === undefined || options.containerdNamespaces.includes(ns)) {
      return { driver: 'cgroupfs', engine: 'containerd', containerId: id, containerdNamespace: ns };
    }
  }

  const last = segs[segs.length - 1];
  const info: CgroupPathInfo = { driver: last !== undefined && UNIT_SUFFIX.test(last) ? 'systemd' : 'unknown' };
  if (kubepods) info.kubepods = kubepods;
  return info;
}

/** QoS class and pod UID from either kubelet driver's layout. */
function kubepodsOf(segs: string[]): CgroupPathInfo['kubepods'] | undefined {
  if (segs[0] !== 'kubepods' && segs[0] !== 'kubepods.slice') return undefined;
  const out: NonNullable<CgroupPathInfo['kubepods']> = {};
  for (const seg of segs) {
    const qos = /(?:^|-)(burstable|besteffort)(?:\.slice)?$/.exec(seg)?.[1];
    if (qos === 'burstable' || qos === 'besteffort') out.qos ??= qos;
    // systemd writes the UID with '_' for '-' (a '-' in a unit name means nesting).
    const pod = /^(?:kubepods-(?:(?:burstable|besteffort)-)?)?pod([0-9a-f_-]+?)(?:\.slice)?$/.exec(seg)?.[1];
    if (pod !== undefined) out.podUid = pod.replace(/_/g, '-');
  }
  // Guaranteed pods sit directly under kubepods, with no QoS level.
  if (out.qos === undefined && out.podUid !== undefined) out.qos = 'guaranteed';
  return out;
}

/**
 * Whether some segment of the path names the container: the whole segment is the id, or the id
 * ends a unit/directory name after `-`, `_` or `:` (`docker-<id>.scope`, `libpod-<id>`). Bounded
 * so that an id does not match inside a longer one.
 */
export function cgroupPathNamesContainer(cgroupPath: string, containerId: string): boolean {
  if (containerId === '') return false;
  for (const seg of cgroupPath.split('/')) {
    const name = seg.endsWith('.scope') ? seg.slice(0, -'.scope'.length) : seg;
    if (name === containerId) return true;
    if (name.endsWith(containerId) && '-_:'.includes(name[name.length - containerId.length - 1] ?? 'x')) return true;
  }
  return false;
}

/**
 * The cgroup of a login session or of the user's service manager rather than of a container: where
 * a rootless container stays on cgroup v1, as an unprivileged user cannot create v1 cgroups. Any
 * path under `/user.slice` that names no container counts (a terminal's `vte-spawn-….scope` too).
 */
export function isUserSessionPath(cgroupPath: string): boolean {
  return /^\/user\.slice(\/|$)/.test(cgroupPath) && recogniseCgroupPath(cgroupPath).containerId === undefined;
}
