/**
 * How Podman is asked: the libpod REST API on the unix socket when it answers, else the podman CLI
 * (`cli:podman`), where the CLI shows the same engine. Both give the same records. `info` is slow
 * to ask (store statistics: seconds on a busy host) and rarely changes, so it is kept a while.
 */
import { HttpConnection, type HttpEndpoint } from '../shared/http';
import { headerValue, type ShapeError } from '../shared/json';
import { mapLimited } from '../shared/limit';
import type { EngineError, Result } from '../shared/result';
import { describeCli, runPodmanJson, type PodmanCliTarget } from './cli';
import type { PodmanEndpoint } from './endpoint';
import {
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

export const LIBPOD_PREFIX = '/v4.0.0/libpod';
export const INSPECT_CONCURRENCY = 4;
/** How long `info` is reused before it is asked again. */
export const INFO_TTL_MS = 5 * 60_000;

export type Via = 'socket' | 'cli';

export interface RawRead {
  info: PodmanInfoRecord;
  containers: PodmanContainerRecord[];
  pods: PodmanPodRecord[];
  apiVersion?: string;
}

/** Failures after which the CLI is tried: nobody listens, or the socket is not ours to read. */
export const socketUnavailable = (e: EngineError): boolean =>
  e.kind === 'missing' || e.kind === 'not-running' || e.kind === 'denied';

const PS_ARGS = ['ps', '-a', '--ns', '--no-trunc', '--format', 'json'];
const POD_PS_ARGS = ['pod', 'ps', '--no-trunc', '--format', 'json'];
const INSPECT_ARGS = ['inspect', '--type', 'container'];

export class PodmanClient {
  readonly socket: HttpConnection | undefined;
  private readonly cliOptions: { timeoutMs?: number };
  private infoCache: { at: number; info: PodmanInfoRecord; via: Via } | undefined;

  constructor(
    readonly endpointInfo: PodmanEndpoint,
    private readonly options: { preferCli?: boolean; timeoutMs?: number } = {},
  ) {
    this.socket = endpointInfo.socketPath
      ? new HttpConnection(
          { kind: 'unix', socketPath: endpointInfo.socketPath },
          {
            timeoutMs: options.timeoutMs,
            connectTimeoutMs: options.timeoutMs !== undefined ? Math.min(options.timeoutMs, 2_000) : undefined,
          },
        )
      : undefined;
    this.cliOptions = { timeoutMs: options.timeoutMs };
  }

  get socketUrl(): string | undefined {
    return this.socket?.url;
  }

  get cliUrl(): string | undefined {
    return this.endpointInfo.cli ? describeCli(this.endpointInfo.cli) : undefined;
  }

  /** The CLI is the only way (configured so, or no socket to try). */
  get cliFirst(): boolean {
    return !!this.options.preferCli || !!this.endpointInfo.cliOnly || !this.socket;
  }

  /** `_ping` with the Libpod-API-Version header: without it the socket is Docker, not Podman. */
  async ping(signal?: AbortSignal): Promise<Result<string>> {
    if (!this.socket) return { ok: false, error: { kind: 'missing', detail: 'no Podman socket to try' } };
    const res = await this.socket.get(`${LIBPOD_PREFIX}/_ping`, { signal, headers: { Accept: 'text/plain' } });
    if (!res.ok) return res;
    const libpod = headerValue(res.headers, 'libpod-api-version');
    if (!libpod) {
      const detail = `${this.socket.url} answers without a Libpod-API-Version header: it is not Podman (Docker?)`;
      return { ok: false, error: { kind: 'not-podman', detail } };
    }
    return { ok: true, value: libpod };
  }

  getJson<T>(path: string, validate: (raw: unknown) => T | ShapeError, signal?: AbortSignal): Promise<Result<T>> {
    if (!this.socket) return Promise.resolve({ ok: false, error: { kind: 'missing', detail: 'no Podman socket' } });
    return this.socket.getJson(`${LIBPOD_PREFIX}${path}`, validate, { signal });
  }

  cli(): Result<PodmanCliTarget> {
    const t = this.endpointInfo.cli;
    if (!t) {
      const detail = `no CLI fallback: ${this.endpointInfo.cliRefusal ?? 'not configured'}`;
      return { ok: false, error: { kind: 'missing', detail } };
    }
    return { ok: true, value: t };
  }

  private runCli<T>(args: string[], validate: (raw: unknown) => T | ShapeError, signal?: AbortSignal) {
    const t = this.cli();
    if (!t.ok) return Promise.resolve(t);
    return runPodmanJson(t.value, args, validate, { ...this.cliOptions, signal });
  }

  private cachedInfo(via: Via): PodmanInfoRecord | undefined {
    const c = this.infoCache;
    return c && c.via === via && Date.now() - c.at < INFO_TTL_MS ? c.info : undefined;
  }

  private async readViaSocket(signal?: AbortSignal): Promise<Result<RawRead>> {
    const cached = this.cachedInfo('socket');
    const [ping, list, pods, fetchedInfo] = await Promise.all([
      this.ping(signal),
      this.getJson('/containers/json?all=true&namespace=true', validatePodmanContainerList, signal),
      this.getJson('/pods/json', validatePodmanPodList, signal),
      cached ? Promise.resolve(undefined) : this.getJson('/info', validatePodmanInfo, signal),
    ]);
    if (!ping.ok) return ping;
    let info: Result<PodmanInfoRecord> = fetchedInfo ?? { ok: true, value: cached as PodmanInfoRecord };
    if (info.ok && info.value.version !== ping.value && info.value.apiVersion !== ping.value) {
      info = await this.getJson('/info', validatePodmanInfo, signal); // the engine was upgraded or replaced
    }
    if (!info.ok) return info;
    if (!list.ok) return list;
    if (!pods.ok) return pods;
    if (!cached || info.value !== cached) this.infoCache = { at: Date.now(), info: info.value, via: 'socket' };
    return { ok: true, value: { info: info.value, containers: list.value, pods: pods.value, apiVersion: ping.value } };
  }

  private async readViaCli(signal?: AbortSignal): Promise<Result<RawRead>> {
    const cached = this.cachedInfo('cli');
    const [info, list, pods] = await Promise.all([
      cached
        ? Promise.resolve<Result<PodmanInfoRecord>>({ ok: true, value: cached })
        : this.runCli(['info', '--format', 'json'], validatePodmanInfo, signal),
      this.runCli(PS_ARGS, validatePodmanContainerList, signal),
      this.runCli(POD_PS_ARGS, validatePodmanPodList, signal),
    ]);
    if (!info.ok) return info;
    if (!list.ok) return list;
    if (!pods.ok) return pods;
    if (!cached) this.infoCache = { at: Date.now(), info: info.value, via: 'cli' };
    const value = { info: info.value, containers: list.value, pods: pods.value, apiVersion: info.value.apiVersion };
    return { ok: true, value };
  }

  /** A full read, by the socket, falling back to the CLI where the CLI shows the same engine. */
  async read(signal?: AbortSignal): Promise<{ via: Via; endpoint: string; result: Result<RawRead> }> {
    const cliUrl = this.cliUrl ?? 'cli:podman';
    const socketUrl = this.socketUrl ?? '';
    if (this.cliFirst) {
      if (!this.endpointInfo.cli && this.socket) {
        // preferCli where the CLI would show another engine: the socket is the only honest way.
        return { via: 'socket', endpoint: socketUrl, result: await this.readViaSocket(signal) };
      }
      return { via: 'cli', endpoint: cliUrl, result: await this.readViaCli(signal) };
    }
    const viaSocket = await this.readViaSocket(signal);
    if (viaSocket.ok || !socketUnavailable(viaSocket.error) || !this.endpointInfo.cli || signal?.aborted) {
      if (viaSocket.ok || this.endpointInfo.cli) return { via: 'socket', endpoint: socketUrl, result: viaSocket };
      const detail = `${viaSocket.error.detail}; ${this.endpointInfo.cliRefusal ?? ''}`.replace(/; $/, '');
      return { via: 'socket', endpoint: socketUrl, result: { ok: false, error: { ...viaSocket.error, detail } } };
    }
    const viaCli = await this.readViaCli(signal);
    if (viaCli.ok) return { via: 'cli', endpoint: cliUrl, result: viaCli };
    const detail = `${viaCli.error.detail} (and the socket: ${viaSocket.error.detail})`;
    return { via: 'cli', endpoint: cliUrl, result: { ok: false, error: { ...viaCli.error, detail } } };
  }

  /** Which way to go for one container when no full read has said yet. */
  async chooseVia(signal?: AbortSignal): Promise<Via> {
    if (this.cliFirst) return 'cli';
    return (await this.ping(signal)).ok || !this.endpointInfo.cli ? 'socket' : 'cli';
  }

  /** Inspects several containers: in parallel on the socket, in one run of the CLI. */
  async inspectMany(via: Via, ids: string[], signal?: AbortSignal): Promise<PodmanInspectRecord[]> {
    if (ids.length === 0) return [];
    if (via === 'cli') {
      const r = await this.runCli([...INSPECT_ARGS, ...ids], validatePodmanInspectList, signal);
      return r.ok ? r.value : [];
    }
    const path = (id: string) => `/containers/${encodeURIComponent(id)}/json`;
    const results = await mapLimited(ids, INSPECT_CONCURRENCY, (id) =>
      this.getJson(path(id), validatePodmanInspect, signal),
    );
    return results.flatMap((r) => (r.ok ? [r.value] : []));
  }

  /** One container's inspect; `gone` when the engine says it does not exist. */
  async inspectOne(via: Via, id: string, signal?: AbortSignal): Promise<Result<PodmanInspectRecord> | 'gone'> {
    if (via === 'socket') {
      const rec = await this.getJson(`/containers/${encodeURIComponent(id)}/json`, validatePodmanInspect, signal);
      if (!rec.ok && rec.error.kind === 'http' && rec.error.status === 404) return 'gone';
      return rec;
    }
    const list = await this.runCli([...INSPECT_ARGS, id], validatePodmanInspectList, signal);
    if (!list.ok && list.error.kind === 'exit' && /no such (container|object)/i.test(list.error.detail)) return 'gone';
    if (!list.ok) return list;
    if (!list.value[0])
      return { ok: false, error: { kind: 'garbage', detail: `podman inspect ${id} printed an empty list` } };
    return { ok: true, value: list.value[0] };
  }

  pods(via: Via, signal?: AbortSignal): Promise<Result<PodmanPodRecord[]>> {
    return via === 'socket'
      ? this.getJson('/pods/json', validatePodmanPodList, signal)
      : this.runCli(POD_PS_ARGS, validatePodmanPodList, signal);
  }

  /** The transport for the events of the next (re)connection: the socket when it answers, else the CLI. */
  async eventTransport(): Promise<
    | { via: 'socket'; endpoint: HttpEndpoint }
    | { via: 'cli'; target: PodmanCliTarget }
    | { via: 'none'; reason: string }
  > {
    const cli = this.endpointInfo.cli;
    if (this.socket && !this.options.preferCli && !this.endpointInfo.cliOnly) {
      const ping = await this.ping();
      if (ping.ok) return { via: 'socket', endpoint: this.socket.endpoint };
      if (!cli || !socketUnavailable(ping.error)) return { via: 'none', reason: ping.error.detail };
    }
    if (cli) return { via: 'cli', target: cli };
    return { via: 'none', reason: this.endpointInfo.cliRefusal ?? 'no Podman socket and no CLI' };
  }

  dispose(): void {
    this.socket?.dispose();
  }
}
