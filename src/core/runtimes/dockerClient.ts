/**
 * Read-only client for the Docker Engine API: ping/version negotiation, the container list,
 * inspect (for the PID and namespace modes the list lacks), /info and /version. Every raw answer
 * is validated at this boundary into a small normalized record; every failure is a value.
 */
import type { ContainerState, NamespaceKind, RuntimeChainLink, RuntimeStatus } from '../model';
import { describeEndpoint, httpGet, httpGetJson, ShapeError } from './unixHttp';
import { isObject, optString, stringMap } from './json';
import type { GetOptions, HttpEndpoint, HttpError, HttpErrorKind } from './unixHttp';

/**
 * Highest API version this client asks for. Newer engines answer older versions, and Docker 29
 * refuses anything below 1.44, so this must not be pinned low; the fields read here exist from
 * 1.41 on (Containerd.Address from 1.46 is optional).
 */
export const CLIENT_MAX_API_VERSION = '1.51';
/** Below this the engine is reported `too-old` (the docker CLI's own floor). */
export const MIN_API_VERSION = '1.24';
/** Docker's own assumption when /_ping has no Api-Version header. */
const API_VERSION_WHEN_UNSAID = '1.24';
/** How many inspect calls run at once when collecting PIDs. */
export const DEFAULT_INSPECT_CONCURRENCY = 8;

export type DockerErrorKind = HttpErrorKind | 'too-old';
export interface DockerError extends Omit<HttpError, 'kind'> {
  kind: DockerErrorKind;
}
export type DockerResult<T> = { ok: true; value: T } | { ok: false; error: DockerError };

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
export interface DockerContainerRecord {
  id: string;
  /** Without Docker's leading slash. */
  names: string[];
  /** First name, or the short id when the engine sent none. */
  name: string;
  image: string;
  imageId?: string;
  /** Raw engine state (`running`, `exited`…); see mapDockerState. */
  state: string;
  /** Human status, e.g. `Up 3 minutes`. */
  status: string;
  labels: Record<string, string>;
  /** HostConfig.NetworkMode: `default`, `bridge`, `host`, `none`, `container:<id>`. */
  networkMode?: string;
  /** Unix seconds. */
  created?: number;
}

/** HostConfig namespace modes as the engine was asked for them; empty means the engine's default. */
export interface DockerNamespaceModes {
  network: string;
  pid: string;
  ipc: string;
  uts: string;
  userns: string;
  cgroupns: string;
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
  modes: DockerNamespaceModes;
  labels: Record<string, string>;
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

export interface DockerClientOptions extends Pick<GetOptions, 'connectTimeoutMs' | 'timeoutMs' | 'maxBodyBytes'> {
  /** Skip negotiation and use this version (tests, or a caller that already pinged). */
  apiVersion?: string;
}

// ---------------------------------------------------------------------------------------------
// Small validation helpers: each returns a ShapeError naming the offending field.

/** Compares `1.41` style versions numerically. */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number(n) || 0);
  const pb = b.split('.').map((n) => Number(n) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Docker states → model. `removing` is a short transition with no model state: `unknown`. */
export function mapDockerState(state: string | undefined): ContainerState {
  switch ((state ?? '').trim().toLowerCase()) {
    case 'running':
      return 'running';
    case 'paused':
      return 'paused';
    case 'restarting':
      return 'restarting';
    case 'created':
      return 'created';
    case 'exited':
      return 'exited';
    case 'dead':
      return 'dead';
    default:
      return 'unknown';
  }
}

/** States in which the container has an init process, so inspect yields a PID. */
export function hasProcess(state: string): boolean {
  const s = mapDockerState(state);
  return s === 'running' || s === 'paused' || s === 'restarting';
}

/** HostConfig modes → model namespace kinds; empty modes (engine default) are left out. */
export function requestedModes(modes: DockerNamespaceModes): Partial<Record<NamespaceKind, string>> {
  const out: Partial<Record<NamespaceKind, string>> = {};
  const pairs: [NamespaceKind, string][] = [
    ['net', modes.network],
    ['pid', modes.pid],
    ['ipc', modes.ipc],
    ['uts', modes.uts],
    ['user', modes.userns],
    ['cgroup', modes.cgroupns],
  ];
  for (const [kind, mode] of pairs) if (mode) out[kind] = mode;
  return out;
}

/** Client errors → the model's runtime status. */
export function toRuntimeStatus(error: DockerError): RuntimeStatus {
  switch (error.kind) {
    case 'missing':
    case 'denied':
    case 'not-running':
    case 'timeout':
    case 'too-old':
      return { state: error.kind, detail: error.detail };
    default:
      return { state: 'error', detail: error.detail };
  }
}

// ---------------------------------------------------------------------------------------------
// Validators from raw JSON to records.

export function validateContainerList(raw: unknown): DockerContainerRecord[] | ShapeError {
  if (!Array.isArray(raw)) return new ShapeError('the container list is not an array');
  const out: DockerContainerRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c: unknown = raw[i];
    if (!isObject(c)) return new ShapeError(`item ${i} is not an object`);
    if (typeof c.Id !== 'string' || !c.Id) return new ShapeError(`item ${i} has no Id`);
    const names: string[] = [];
    if (c.Names !== undefined && c.Names !== null) {
      if (!Array.isArray(c.Names) || !c.Names.every((n) => typeof n === 'string'))
        return new ShapeError(`item ${i}.Names is not a list of strings`);
      for (const n of c.Names as string[]) names.push(n.replace(/^\//, ''));
    }
    const labels = stringMap(c.Labels, `item ${i}.Labels`);
    if (labels instanceof ShapeError) return labels;
    const hostConfig = isObject(c.HostConfig) ? c.HostConfig : {};
    out.push({
      id: c.Id,
      names,
      // Docker lists links as extra names (`/web/db`); the container's own name has no inner slash.
      name: names.find((n) => !n.includes('/')) ?? names[0] ?? c.Id.slice(0, 12),
      image: optString(c.Image) ?? '',
      imageId: optString(c.ImageID),
      state: optString(c.State) ?? '',
      status: optString(c.Status) ?? '',
      labels,
      networkMode: optString(hostConfig.NetworkMode),
      created: typeof c.Created === 'number' ? c.Created : undefined,
    });
  }
  return out;
}

export function validateInspect(raw: unknown): DockerInspectRecord | ShapeError {
  if (!isObject(raw)) return new ShapeError('inspect answer is not an object');
  if (typeof raw.Id !== 'string' || !raw.Id) return new ShapeError('no Id');
  if (!isObject(raw.State)) return new ShapeError('no State');
  const pid = raw.State.Pid;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid < 0)
    return new ShapeError('State.Pid is not a non-negative integer');
  const hc = isObject(raw.HostConfig) ? raw.HostConfig : {};
  const config = isObject(raw.Config) ? raw.Config : {};
  const labels = stringMap(config.Labels, 'Config.Labels');
  if (labels instanceof ShapeError) return labels;
  return {
    id: raw.Id,
    name: (optString(raw.Name) ?? '').replace(/^\//, ''),
    pid,
    running: raw.State.Running === true,
    paused: raw.State.Paused === true,
    status: optString(raw.State.Status) ?? '',
    modes: {
      network: optString(hc.NetworkMode) ?? '',
      pid: optString(hc.PidMode) ?? '',
      ipc: optString(hc.IpcMode) ?? '',
      uts: optString(hc.UTSMode) ?? '',
      userns: optString(hc.UsernsMode) ?? '',
      cgroupns: optString(hc.CgroupnsMode) ?? '',
    },
    labels,
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

/**
 * The chain below the CLI as the engine reports it: dockerd → containerd → OCI runtime. The OCI
 * link names the default runtime when it is not runc (crun, runsc), whose version /version omits.
 */
export function dockerRuntimeChain(version: DockerVersionRecord, info?: DockerInfoRecord): RuntimeChainLink[] {
  const find = (name: string) => version.components.find((c) => c.name.toLowerCase() === name);
  const chain: RuntimeChainLink[] = [
    { name: 'dockerd', version: find('engine')?.version ?? version.version, role: 'engine' },
  ];
  const containerd = find('containerd');
  if (containerd) chain.push({ name: 'containerd', version: containerd.version, role: 'cri' });
  const runc = find('runc');
  const defaultRuntime = info?.defaultRuntime;
  if (defaultRuntime && defaultRuntime !== 'runc' && !defaultRuntime.startsWith('io.containerd.runc')) {
    chain.push({ name: defaultRuntime, role: 'oci' });
  } else if (runc) {
    chain.push({ name: 'runc', version: runc.version, role: 'oci' });
  }
  return chain;
}

/** Docker Desktop (and similar) run the engine in a VM: its PIDs are not on this kernel. */
export function detectDockerInVm(
  version?: DockerVersionRecord,
  info?: DockerInfoRecord,
): { reason: string } | undefined {
  if (version && /docker desktop/i.test(version.platformName)) {
    return { reason: `engine runs inside Docker Desktop's VM (${version.platformName})` };
  }
  if (info?.operatingSystem && /docker desktop/i.test(info.operatingSystem)) {
    return { reason: `engine runs inside Docker Desktop's VM (OperatingSystem: ${info.operatingSystem})` };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

export class DockerClient {
  private negotiated: Promise<DockerResult<DockerPing>> | undefined;
  private readonly getOptions: GetOptions;

  constructor(
    readonly endpoint: HttpEndpoint,
    options: DockerClientOptions = {},
  ) {
    this.getOptions = {
      connectTimeoutMs: options.connectTimeoutMs,
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
    };
    if (options.apiVersion) {
      const v = options.apiVersion;
      this.negotiated = Promise.resolve({ ok: true, value: { apiVersion: v, serverApiVersion: v } });
    }
  }

  get url(): string {
    return describeEndpoint(this.endpoint);
  }

  /**
   * `GET /_ping`, negotiating the API version: min(engine's Api-Version, CLIENT_MAX_API_VERSION).
   * Always asks the engine (it is the liveness check) and updates the version later calls use.
   */
  async ping(signal?: AbortSignal): Promise<DockerResult<DockerPing>> {
    const attempt = this.doPing(signal);
    const result = await attempt;
    // Only a successful negotiation is remembered; a failed one is retried by the next call.
    if (result.ok) this.negotiated = attempt;
    return result;
  }

  private async doPing(signal?: AbortSignal): Promise<DockerResult<DockerPing>> {
    const res = await httpGet(this.endpoint, '/_ping', {
      ...this.getOptions,
      signal,
      headers: { Accept: 'text/plain' },
    });
    if (!res.ok) return res;
    const header = (name: string): string | undefined => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const serverApiVersion = header('api-version')?.trim() || API_VERSION_WHEN_UNSAID;
    if (!/^\d+\.\d+$/.test(serverApiVersion)) {
      return {
        ok: false,
        error: { kind: 'garbage', detail: `${this.url}: /_ping sent Api-Version ${JSON.stringify(serverApiVersion)}` },
      };
    }
    if (compareApiVersions(serverApiVersion, MIN_API_VERSION) < 0) {
      return {
        ok: false,
        error: {
          kind: 'too-old',
          detail: `${this.url} speaks Docker API ${serverApiVersion}; at least ${MIN_API_VERSION} is needed`,
        },
      };
    }
    const apiVersion =
      compareApiVersions(serverApiVersion, CLIENT_MAX_API_VERSION) < 0 ? serverApiVersion : CLIENT_MAX_API_VERSION;
    return {
      ok: true,
      value: {
        apiVersion,
        serverApiVersion,
        osType: header('ostype'),
        libpodApiVersion: header('libpod-api-version'),
        server: header('server'),
      },
    };
  }

  /** The `/v1.xx` prefix, pinging once first if nobody has. */
  async versionPrefix(signal?: AbortSignal): Promise<DockerResult<string>> {
    if (!this.negotiated) this.negotiated = this.doPing(signal);
    const attempt = this.negotiated;
    const ping = await attempt;
    if (!ping.ok) {
      if (this.negotiated === attempt) this.negotiated = undefined;
      return ping;
    }
    return { ok: true, value: `/v${ping.value.apiVersion}` };
  }

  private async getJson<T>(
    path: string,
    validate: (raw: unknown) => T | ShapeError,
    signal?: AbortSignal,
  ): Promise<DockerResult<T>> {
    const prefix = await this.versionPrefix(signal);
    if (!prefix.ok) return prefix;
    const res = await httpGetJson(this.endpoint, `${prefix.value}${path}`, validate, { ...this.getOptions, signal });
    return res.ok ? { ok: true, value: res.value } : res;
  }

  /** Every container, stopped ones included. The list carries no PID: see pidsOfRunning. */
  listContainers(signal?: AbortSignal): Promise<DockerResult<DockerContainerRecord[]>> {
    return this.getJson('/containers/json?all=1', validateContainerList, signal);
  }

  /** The list row of one container (the engine filters by id prefix, so the caller matches exactly). */
  listOne(id: string, signal?: AbortSignal): Promise<DockerResult<DockerContainerRecord[]>> {
    const filters = encodeURIComponent(JSON.stringify({ id: [id] }));
    return this.getJson(`/containers/json?all=1&filters=${filters}`, validateContainerList, signal);
  }

  /** One container's PID, namespace modes and labels. A vanished container gives kind `http`, status 404. */
  inspect(id: string, signal?: AbortSignal): Promise<DockerResult<DockerInspectRecord>> {
    return this.getJson(`/containers/${encodeURIComponent(id)}/json`, validateInspect, signal);
  }

  info(signal?: AbortSignal): Promise<DockerResult<DockerInfoRecord>> {
    return this.getJson('/info', validateInfo, signal);
  }

  version(signal?: AbortSignal): Promise<DockerResult<DockerVersionRecord>> {
    return this.getJson('/version', validateVersion, signal);
  }

  /**
   * Inspects the containers that have a process (running, paused, restarting), at most
   * `concurrency` at a time, and returns the result per id. Stopped containers are skipped: they
   * have no PID, and on hosts with hundreds of exited containers inspecting them would dominate
   * the refresh. Inspect is used (rather than guessing from cgroup.procs) because it is the only
   * authoritative source of the init PID and also yields the namespace modes.
   */
  async inspectRunning(
    containers: readonly Pick<DockerContainerRecord, 'id' | 'state'>[],
    options: { concurrency?: number; signal?: AbortSignal } = {},
  ): Promise<Map<string, DockerResult<DockerInspectRecord>>> {
    const ids = containers.filter((c) => hasProcess(c.state)).map((c) => c.id);
    const results = new Map<string, DockerResult<DockerInspectRecord>>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++];
        results.set(id, await this.inspect(id, options.signal));
      }
    };
    const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_INSPECT_CONCURRENCY, ids.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return results;
  }
}
