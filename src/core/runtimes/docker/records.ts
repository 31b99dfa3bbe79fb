/**
 * Docker's raw answers (the container list, inspect, /info and /version), validated at the
 * boundary into small normalized records. Every validator returns a record or a ShapeError naming
 * the offending field; nothing throws.
 */
import type { ContainerState } from '../../model';
import { requestFromDockerInspect, type EngineRequest } from '../../privileges/engineRequest';
import { hostConfigModes, isObject, optString, ShapeError, type NamespaceModes } from '../shared/json';
import {
  mapState,
  validateInspectHead,
  validateItems,
  validateListedContainer,
  type ListedContainer,
} from '../shared/records';

export interface DockerPing {
  /** The version this client will use in `/v<apiVersion>/…` paths. */
  apiVersion: string;
  /** What the engine said it supports at most. */
  serverApiVersion: string;
  osType?: string;
  /** Present when Podman answers behind a docker-compatible socket. */
  libpodApiVersion?: string;
  /** The `Server` header, e.g. `Docker/20.10.24+dfsg1 (linux)`. */
  server?: string;
}

/** One row of `GET /containers/json?all=1`, normalized. */
export interface DockerContainerRecord extends ListedContainer {
  /** HostConfig.NetworkMode: `default`, `bridge`, `host`, `none`, `container:<id>`. */
  networkMode?: string;
  /** Unix seconds. */
  created?: number;
}

export interface DockerInspectRecord {
  id: string;
  name: string;
  /** Host PID of the init process; 0 when not running. */
  pid: number;
  running: boolean;
  paused: boolean;
  /** State.Status: `running`, `exited`… */
  status: string;
  modes: NamespaceModes;
  labels: Record<string, string>;
  /** Privileged, CapAdd/CapDrop, SecurityOpt, ReadonlyRootfs, UsernsMode, Runtime, Devices, Mounts as asked. */
  request: EngineRequest;
}

export interface DockerInfoRecord {
  cgroupDriver?: string;
  cgroupVersion?: '1' | '2';
  /** Docker's containerd socket (`Containerd.Address`, API ≥ 1.46); absent on older engines. */
  containerdAddress?: string;
  /** The containerd namespace Docker's containers live in (`moby`), when reported. */
  containerdNamespace?: string;
  securityOptions: string[];
  rootless: boolean;
  runtimes: string[];
  defaultRuntime?: string;
  operatingSystem?: string;
  serverVersion?: string;
  name?: string;
}

export interface DockerVersionRecord {
  version: string;
  apiVersion: string;
  minApiVersion?: string;
  /** Platform.Name: `Docker Desktop 4.x (…)` for Docker Desktop, often empty for dockerd from a distro. */
  platformName: string;
  os?: string;
  arch?: string;
  kernelVersion?: string;
  components: { name: string; version: string }[];
}

/** Docker states → model. `removing` is a short transition with no model state: `unknown`. */
const DOCKER_STATES: Readonly<Record<string, ContainerState>> = {
  running: 'running',
  paused: 'paused',
  restarting: 'restarting',
  created: 'created',
  exited: 'exited',
  dead: 'dead',
};

export function mapDockerState(state: string | undefined): ContainerState {
  return mapState(DOCKER_STATES, state);
}

/** States in which the container has an init process, so inspect yields a PID. */
export function hasProcess(state: string): boolean {
  const s = mapDockerState(state);
  return s === 'running' || s === 'paused' || s === 'restarting';
}

export function validateContainerList(raw: unknown): DockerContainerRecord[] | ShapeError {
  return validateItems(raw, 'the container list', (item, i) => {
    const checked = validateListedContainer(item, i, (id) => id !== '');
    if (checked instanceof ShapeError) return checked;
    const { row, listed } = checked;
    const names = listed.names.map((n) => n.replace(/^\//, ''));
    const hostConfig = isObject(row.HostConfig) ? row.HostConfig : {};
    return {
      ...listed,
      names,
      // Docker lists links as extra names (`/web/db`); the container's own name has no inner slash.
      name: names.find((n) => !n.includes('/')) ?? names[0] ?? listed.id.slice(0, 12),
      networkMode: optString(hostConfig.NetworkMode),
      created: typeof row.Created === 'number' ? row.Created : undefined,
    };
  });
}

export function validateInspect(raw: unknown): DockerInspectRecord | ShapeError {
  const head = validateInspectHead(raw);
  if (head instanceof ShapeError) return head;
  // Docker always sends the PID; its absence means this is not an inspect answer.
  if (typeof head.state.Pid !== 'number') return new ShapeError('State.Pid is not a non-negative integer');
  return {
    id: head.id,
    name: head.name,
    pid: head.pid,
    running: head.state.Running === true,
    paused: head.state.Paused === true,
    status: optString(head.state.Status) ?? '',
    modes: hostConfigModes(head.row.HostConfig),
    labels: head.labels,
    request: requestFromDockerInspect(head.row),
  };
}

export function validateInfo(raw: unknown): DockerInfoRecord | ShapeError {
  if (!isObject(raw)) return new ShapeError('info answer is not an object');
  const securityOptions = Array.isArray(raw.SecurityOptions)
    ? raw.SecurityOptions.filter((s): s is string => typeof s === 'string')
    : [];
  const containerd = isObject(raw.Containerd) ? raw.Containerd : {};
  const namespaces = isObject(containerd.Namespaces) ? containerd.Namespaces : {};
  const cgroupVersion = optString(raw.CgroupVersion);
  return {
    cgroupDriver: optString(raw.CgroupDriver),
    cgroupVersion: cgroupVersion === '1' || cgroupVersion === '2' ? cgroupVersion : undefined,
    containerdAddress: optString(containerd.Address) || undefined,
    containerdNamespace: optString(namespaces.Containers) || undefined,
    securityOptions,
    // `name=rootless` in SecurityOptions is how dockerd announces rootless mode.
    rootless: securityOptions.some((o) => o.split(',').includes('name=rootless')),
    runtimes: isObject(raw.Runtimes) ? Object.keys(raw.Runtimes) : [],
    defaultRuntime: optString(raw.DefaultRuntime),
    operatingSystem: optString(raw.OperatingSystem),
    serverVersion: optString(raw.ServerVersion),
    name: optString(raw.Name),
  };
}

export function validateVersion(raw: unknown): DockerVersionRecord | ShapeError {
  if (!isObject(raw)) return new ShapeError('version answer is not an object');
  if (typeof raw.Version !== 'string') return new ShapeError('no Version');
  if (typeof raw.ApiVersion !== 'string') return new ShapeError('no ApiVersion');
  const components: { name: string; version: string }[] = [];
  if (Array.isArray(raw.Components)) {
    for (const c of raw.Components) {
      if (isObject(c) && typeof c.Name === 'string' && typeof c.Version === 'string')
        components.push({ name: c.Name, version: c.Version });
    }
  }
  const platform = isObject(raw.Platform) ? raw.Platform : {};
  return {
    version: raw.Version,
    apiVersion: raw.ApiVersion,
    minApiVersion: optString(raw.MinAPIVersion),
    platformName: optString(platform.Name) ?? '',
    os: optString(raw.Os),
    arch: optString(raw.Arch),
    kernelVersion: optString(raw.KernelVersion),
    components,
  };
}
