/**
 * Podman as an EngineSource, rootful (`podman`) or rootless (`podman-rootless`): the libpod REST API
 * on the unix socket when it answers, else the podman CLI (`cli:podman`). Both give the same
 * records: the list carries PIDs, pods and the infra flag; inspect adds the requested namespace
 * modes, once per container id (modes never change for an id), so a refresh costs one list, one
 * pod list and one info, plus one inspect per container not seen before.
 */
import type { ContainerInfo, RuntimeInfo, RuntimeStatus } from '../../model';
import type {
  ContainerEvent,
  EngineReading,
  EngineSource,
  EngineWatchStatus,
  SingleContainerReading,
} from '../../snapshot/engineSource';
import { describeEndpoint, disposeAgents, httpGet, httpGetJson } from '../unixHttp';
import type { HttpEndpoint, HttpError, ShapeError } from '../unixHttp';
import { describeCli, runPodmanJson, type CliError, type PodmanCliTarget } from './cli';
import { resolvePodmanEndpoint, type PodmanEndpoint, type PodmanEndpointOptions } from './endpoint';
import { LIBPOD_PREFIX, PodmanEventWatcher } from './events';
import {
  detectPodmanInVm,
  inspectAsListRecord,
  podmanContainerInfo,
  podmanRuntimeChain,
  validatePodmanContainerList,
  validatePodmanInfo,
  validatePodmanInspect,
  validatePodmanInspectList,
  validatePodmanPodList,
  type PodmanContainerRecord,
  type PodmanInfoRecord,
  type PodmanInspectRecord,
  type PodmanPodRecord,
} from './records';

export interface PodmanSourceOptions extends PodmanEndpointOptions {
  /** Use the CLI even when the socket answers. */
  preferCli?: boolean;
  /** Deadline per HTTP call or CLI run (default 10 s for HTTP, 15 s for the CLI). */
  timeoutMs?: number;
  /** Inspect containers for their requested namespace modes (default true). */
  inspectModes?: boolean;
}

export const INSPECT_CONCURRENCY = 4;
/** How long `info` is reused: ~1 s through the CLI, seconds through the API on a busy host. */
export const INFO_TTL_MS = 5 * 60_000;

type Via = 'socket' | 'cli';
interface Fail {
  kind: HttpError['kind'] | CliError['kind'] | 'not-podman' | 'wrong-mode';
  detail: string;
  status?: number;
}
type R<T> = { ok: true; value: T } | { ok: false; error: Fail };

interface RawRead {
  info: PodmanInfoRecord;
  containers: PodmanContainerRecord[];
  pods: PodmanPodRecord[];
  apiVersion?: string;
}

function toStatus(e: Fail): RuntimeStatus {
  switch (e.kind) {
    case 'missing':
    case 'denied':
    case 'not-running':
    case 'timeout':
      return { state: e.kind, detail: e.detail };
    default:
      return { state: 'error', detail: e.detail };
  }
}

/** Failures after which the CLI is tried: nobody listens, or the socket is not ours to read. */
const socketUnavailable = (e: Fail): boolean => e.kind === 'missing' || e.kind === 'not-running' || e.kind === 'denied';

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
}

export class PodmanSource implements EngineSource {
  readonly kind: 'podman' | 'podman-rootless';
  readonly endpointInfo: PodmanEndpoint;
  private readonly socket: HttpEndpoint | undefined;
  private readonly httpOptions: { timeoutMs?: number; connectTimeoutMs?: number };
  private readonly cliOptions: { timeoutMs?: number };
  /** Modes and cgroup path per container id, from inspect. */
  private readonly inspected = new Map<string, PodmanInspectRecord>();
  private pods: PodmanPodRecord[] = [];
  private lastVia: Via | undefined;
  /** Version, chain, cgroup manager: slow to ask (`info`), rarely changing. */
  private infoCache: { at: number; info: PodmanInfoRecord; via: Via } | undefined;
  private lastInfo: PodmanInfoRecord | undefined;
  private readonly watchers = new Set<PodmanEventWatcher>();

  constructor(private readonly options: PodmanSourceOptions) {
    this.kind = options.kind;
    this.endpointInfo = resolvePodmanEndpoint(options);
    this.socket = this.endpointInfo.socketPath ? { kind: 'unix', socketPath: this.endpointInfo.socketPath } : undefined;
    this.httpOptions = {
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.timeoutMs !== undefined ? Math.min(options.timeoutMs, 2_000) : undefined,
    };
    this.cliOptions = { timeoutMs: options.timeoutMs };
  }

  get socketUrl(): string | undefined {
    return this.socket ? describeEndpoint(this.socket) : undefined;
  }

  get cliUrl(): string | undefined {
    return this.endpointInfo.cli ? describeCli(this.endpointInfo.cli) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Socket (libpod REST API)

  /** `_ping` with the Libpod-API-Version header: without it the socket is Docker, not Podman. */
  async ping(signal?: AbortSignal): Promise<R<string>> {
    if (!this.socket) return { ok: false, error: { kind: 'missing', detail: 'no Podman socket to try' } };
    const res = await httpGet(this.socket, `${LIBPOD_PREFIX}/_ping`, {
      ...this.httpOptions,
      signal,
      headers: { Accept: 'text/plain' },
    });
    if (!res.ok) return res;
    const libpod = header(res.headers, 'libpod-api-version');
    if (!libpod) {
      return {
        ok: false,
        error: {
          kind: 'not-podman',
          detail: `${describeEndpoint(this.socket)} answers without a Libpod-API-Version header: it is not Podman (Docker?)`,
        },
      };
    }
    return { ok: true, value: libpod };
  }

  private async getJson<T>(
    path: string,
    validate: (raw: unknown) => T | ShapeError,
    signal?: AbortSignal,
  ): Promise<R<T>> {
    if (!this.socket) return { ok: false, error: { kind: 'missing', detail: 'no Podman socket' } };
    const res = await httpGetJson(this.socket, `${LIBPOD_PREFIX}${path}`, validate, { ...this.httpOptions, signal });
    return res.ok ? { ok: true, value: res.value } : res;
  }

  private cachedInfo(via: Via): PodmanInfoRecord | undefined {
    const c = this.infoCache;
    return c && c.via === via && Date.now() - c.at < INFO_TTL_MS ? c.info : undefined;
  }

  private async readViaSocket(signal?: AbortSignal): Promise<R<RawRead>> {
    // /libpod/info computes store statistics and is by far the slowest call (seconds on a busy
    // host, against ~10 ms for the list), so it is cached; the rest goes out at once.
    const cached = this.cachedInfo('socket');
    const [ping, list, pods, fetchedInfo] = await Promise.all([
      this.ping(signal),
      this.getJson('/containers/json?all=true&namespace=true', validatePodmanContainerList, signal),
      this.getJson('/pods/json', validatePodmanPodList, signal),
      cached ? Promise.resolve(undefined) : this.getJson('/info', validatePodmanInfo, signal),
    ]);
    if (!ping.ok) return ping;
    let info: R<PodmanInfoRecord> = fetchedInfo ?? { ok: true, value: cached as PodmanInfoRecord };
    if (info.ok && info.value.version !== ping.value && info.value.apiVersion !== ping.value) {
      info = await this.getJson('/info', validatePodmanInfo, signal); // the engine was upgraded or replaced
    }
    if (!info.ok) return info;
    if (!list.ok) return list;
    if (!pods.ok) return pods;
    if (!cached || info.value !== cached) this.infoCache = { at: Date.now(), info: info.value, via: 'socket' };
    return { ok: true, value: { info: info.value, containers: list.value, pods: pods.value, apiVersion: ping.value } };
  }

  private async inspectViaSocket(ids: string[], signal?: AbortSignal): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++];
        const r = await this.getJson(`/containers/${encodeURIComponent(id)}/json`, validatePodmanInspect, signal);
        if (r.ok) this.inspected.set(id, r.value);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(INSPECT_CONCURRENCY, ids.length)) }, worker));
  }

  // -------------------------------------------------------------------------------------------
  // CLI

  private cli(): R<PodmanCliTarget> {
    const t = this.endpointInfo.cli;
    if (!t)
      return {
        ok: false,
        error: { kind: 'missing', detail: `no CLI fallback: ${this.endpointInfo.cliRefusal ?? 'not configured'}` },
      };
    return { ok: true, value: t };
  }

  private async readViaCli(signal?: AbortSignal): Promise<R<RawRead>> {
    const t = this.cli();
    if (!t.ok) return t;
    const opts = { ...this.cliOptions, signal };
    const cached = this.cachedInfo('cli');
    const [info, list, pods] = await Promise.all([
      cached
        ? Promise.resolve<R<PodmanInfoRecord>>({ ok: true, value: cached })
        : runPodmanJson(t.value, ['info', '--format', 'json'], validatePodmanInfo, opts),
      runPodmanJson(t.value, ['ps', '-a', '--ns', '--no-trunc', '--format', 'json'], validatePodmanContainerList, opts),
      runPodmanJson(t.value, ['pod', 'ps', '--no-trunc', '--format', 'json'], validatePodmanPodList, opts),
    ]);
    if (!info.ok) return info;
    if (!list.ok) return list;
    if (!pods.ok) return pods;
    if (!cached) this.infoCache = { at: Date.now(), info: info.value, via: 'cli' };
    return {
      ok: true,
      value: { info: info.value, containers: list.value, pods: pods.value, apiVersion: info.value.apiVersion },
    };
  }

  private async inspectViaCli(ids: string[], signal?: AbortSignal): Promise<void> {
    const t = this.cli();
    if (!t.ok || !ids.length) return;
    const r = await runPodmanJson(t.value, ['inspect', '--type', 'container', ...ids], validatePodmanInspectList, {
      ...this.cliOptions,
      signal,
    });
    if (r.ok) for (const rec of r.value) this.inspected.set(rec.id, rec);
  }

  // -------------------------------------------------------------------------------------------

  /** Which way to go now: the socket, falling back to the CLI where the CLI shows the same engine. */
  private async readRaw(signal?: AbortSignal): Promise<{ via: Via; endpoint: string; result: R<RawRead> }> {
    const cliUrl = this.cliUrl ?? 'cli:podman';
    if (this.options.preferCli || this.endpointInfo.cliOnly || !this.socket) {
      if (!this.endpointInfo.cli && this.socket) {
        // preferCli where the CLI would show another engine: the socket is the only honest way.
        return { via: 'socket', endpoint: this.socketUrl ?? '', result: await this.readViaSocket(signal) };
      }
      return { via: 'cli', endpoint: cliUrl, result: await this.readViaCli(signal) };
    }
    const viaSocket = await this.readViaSocket(signal);
    if (viaSocket.ok || !socketUnavailable(viaSocket.error) || !this.endpointInfo.cli || signal?.aborted) {
      const result: R<RawRead> =
        viaSocket.ok || this.endpointInfo.cli
          ? viaSocket
          : {
              ok: false,
              error: {
                ...viaSocket.error,
                detail: `${viaSocket.error.detail}; ${this.endpointInfo.cliRefusal ?? ''}`.replace(/; $/, ''),
              },
            };
      return { via: 'socket', endpoint: this.socketUrl ?? '', result };
    }
    const viaCli = await this.readViaCli(signal);
    if (viaCli.ok) return { via: 'cli', endpoint: cliUrl, result: viaCli };
    return {
      via: 'cli',
      endpoint: cliUrl,
      result: {
        ok: false,
        error: { ...viaCli.error, detail: `${viaCli.error.detail} (and the socket: ${viaSocket.error.detail})` },
      },
    };
  }

  async read(signal?: AbortSignal): Promise<EngineReading> {
    const { via, endpoint, result } = await this.readRaw(signal);
    const runtime: RuntimeInfo = { kind: this.kind, endpoint, status: { state: 'ok' }, chain: [] };
    if (!result.ok) {
      runtime.status = toStatus(result.error);
      return { runtime, containers: [] };
    }
    const { info, containers, pods } = result.value;
    const wantRootless = this.kind === 'podman-rootless';
    if (info.rootless !== wantRootless) {
      runtime.status = {
        state: 'error',
        detail: `${endpoint} is ${info.rootless ? 'rootless' : 'rootful'} Podman, but this source reads ${wantRootless ? 'rootless' : 'rootful'} Podman`,
      };
      return { runtime, containers: [] };
    }
    this.lastVia = via;
    this.lastInfo = info;
    this.pods = pods;
    runtime.version = info.version;
    runtime.apiVersion = result.value.apiVersion;
    runtime.chain = podmanRuntimeChain(info, via);
    runtime.rootless = info.rootless;
    if (info.cgroupManager) runtime.cgroupDriver = info.cgroupManager;
    if (info.cgroupVersion) runtime.cgroupVersion = info.cgroupVersion;
    const inVm = detectPodmanInVm(info);
    if (inVm) runtime.inVm = inVm;

    if (this.options.inspectModes !== false && !inVm) {
      const live = new Set(containers.map((c) => c.id));
      for (const id of this.inspected.keys()) if (!live.has(id)) this.inspected.delete(id);
      const todo = containers.filter((c) => !this.inspected.has(c.id)).map((c) => c.id);
      if (todo.length)
        await (via === 'socket' ? this.inspectViaSocket(todo, signal) : this.inspectViaCli(todo, signal));
    }
    const rootlessOnV1 = info.rootless && info.cgroupVersion === '1';
    const ctx = { runtime: this.kind, pods, inspected: this.inspected, inVm, rootlessOnV1 };
    return { runtime, containers: containers.map((c) => podmanContainerInfo(c, ctx)) };
  }

  async readOne(
    id: string,
    options: { namespace?: string; signal?: AbortSignal } = {},
  ): Promise<SingleContainerReading> {
    const signal = options.signal;
    let via = this.lastVia;
    if (!via)
      via =
        this.options.preferCli || this.endpointInfo.cliOnly || !this.socket
          ? 'cli'
          : (await this.ping(signal)).ok || !this.endpointInfo.cli
            ? 'socket'
            : 'cli';
    let rec: R<PodmanInspectRecord>;
    if (via === 'socket') {
      rec = await this.getJson(`/containers/${encodeURIComponent(id)}/json`, validatePodmanInspect, signal);
      if (!rec.ok && rec.error.kind === 'http' && rec.error.status === 404) return { state: 'gone' };
    } else {
      const t = this.cli();
      if (!t.ok) return { state: 'error', detail: t.error.detail };
      const list = await runPodmanJson(t.value, ['inspect', '--type', 'container', id], validatePodmanInspectList, {
        ...this.cliOptions,
        signal,
      });
      if (!list.ok && list.error.kind === 'exit' && /no such (container|object)/i.test(list.error.detail))
        return { state: 'gone' };
      rec = list.ok
        ? list.value[0]
          ? { ok: true, value: list.value[0] }
          : { ok: false, error: { kind: 'garbage', detail: `podman inspect ${id} printed an empty list` } }
        : list;
    }
    if (!rec.ok) return { state: 'error', detail: rec.error.detail };
    this.inspected.set(rec.value.id, rec.value);
    if (rec.value.podId && !this.pods.some((p) => p.id === rec.value.podId)) {
      const pods =
        via === 'socket' ? await this.getJson('/pods/json', validatePodmanPodList, signal) : await this.cliPods(signal);
      if (pods.ok) this.pods = pods.value;
    }
    const container: ContainerInfo = podmanContainerInfo(inspectAsListRecord(rec.value), {
      runtime: this.kind,
      pods: this.pods,
      inspected: this.inspected,
      inVm: this.lastInfo && detectPodmanInVm(this.lastInfo),
      rootlessOnV1: this.lastInfo?.rootless === true && this.lastInfo.cgroupVersion === '1',
    });
    return { state: 'found', container };
  }

  private async cliPods(signal?: AbortSignal): Promise<R<PodmanPodRecord[]>> {
    const t = this.cli();
    if (!t.ok) return t;
    return runPodmanJson(t.value, ['pod', 'ps', '--no-trunc', '--format', 'json'], validatePodmanPodList, {
      ...this.cliOptions,
      signal,
    });
  }

  watch(onEvent: (event: ContainerEvent) => void, onStatus: (status: EngineWatchStatus) => void): { dispose(): void } {
    const watcher = new PodmanEventWatcher({
      runtime: this.kind,
      onEvent,
      onStatus,
      choose: async () => {
        const cli = this.endpointInfo.cli;
        if (this.socket && !this.options.preferCli && !this.endpointInfo.cliOnly) {
          const ping = await this.ping();
          if (ping.ok) return { via: 'socket', endpoint: this.socket };
          if (!cli || !socketUnavailable(ping.error)) return { via: 'none', reason: ping.error.detail };
        }
        if (cli) return { via: 'cli', target: cli };
        return { via: 'none', reason: this.endpointInfo.cliRefusal ?? 'no Podman socket and no CLI' };
      },
    });
    this.watchers.add(watcher);
    watcher.start();
    return {
      dispose: () => {
        watcher.dispose();
        this.watchers.delete(watcher);
      },
    };
  }

  forget(id: string): void {
    this.inspected.delete(id);
  }

  dispose(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers.clear();
    if (this.socket) disposeAgents(this.socket);
  }
}

export function createPodmanSource(options: PodmanSourceOptions): PodmanSource {
  return new PodmanSource(options);
}

/**
 * One source per rootless socket when root reads several users' rootless Podman (each has its own
 * status, endpoint and events); for anything else the single source of createPodmanSource.
 */
export function createPodmanSources(options: PodmanSourceOptions): PodmanSource[] {
  const sockets = options.rootlessSockets ?? [];
  if (options.kind !== 'podman-rootless' || options.socketPath || sockets.length <= 1)
    return [new PodmanSource(options)];
  return sockets.map(
    (socketPath) => new PodmanSource({ ...options, socketPath, cliUser: undefined, rootlessSockets: [socketPath] }),
  );
}
