/**
 * Read-only client for the Docker Engine API: ping/version negotiation, the container list,
 * inspect (for the PID and namespace modes the list lacks), /info and /version. Every failure is a
 * value; the connection (and its keep-alive pool) belongs to the client and closes with dispose.
 */
import { headerValue, type ShapeError } from '../shared/json';
import { HttpConnection, type GetOptions, type HttpEndpoint } from '../shared/http';
import { mapLimited } from '../shared/limit';
import type { Result } from '../shared/result';
import {
  hasProcess,
  validateContainerList,
  validateInfo,
  validateInspect,
  validateVersion,
  type DockerContainerRecord,
  type DockerInfoRecord,
  type DockerInspectRecord,
  type DockerPing,
  type DockerVersionRecord,
} from './records';

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

export interface DockerClientOptions extends Pick<GetOptions, 'connectTimeoutMs' | 'timeoutMs' | 'maxBodyBytes'> {
  /** Skip negotiation and use this version (tests, or a caller that already pinged). */
  apiVersion?: string;
}

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

export class DockerClient {
  private negotiated: Promise<Result<DockerPing>> | undefined;
  /** The client's own connection and keep-alive pool. */
  readonly http: HttpConnection;

  constructor(
    readonly endpoint: HttpEndpoint,
    options: DockerClientOptions = {},
  ) {
    this.http = new HttpConnection(endpoint, {
      connectTimeoutMs: options.connectTimeoutMs,
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
    });
    if (options.apiVersion) {
      const v = options.apiVersion;
      this.negotiated = Promise.resolve({ ok: true, value: { apiVersion: v, serverApiVersion: v } });
    }
  }

  get url(): string {
    return this.http.url;
  }

  /** Closes the client's pooled connections. */
  dispose(): void {
    this.http.dispose();
  }

  /**
   * `GET /_ping`, negotiating the API version: min(engine's Api-Version, CLIENT_MAX_API_VERSION).
   * Always asks the engine (it is the liveness check) and updates the version later calls use.
   */
  async ping(signal?: AbortSignal): Promise<Result<DockerPing>> {
    const attempt = this.doPing(signal);
    const result = await attempt;
    // Only a successful negotiation is remembered; a failed one is retried by the next call.
    if (result.ok) this.negotiated = attempt;
    return result;
  }

  private async doPing(signal?: AbortSignal): Promise<Result<DockerPing>> {
    const res = await this.http.get('/_ping', { signal, headers: { Accept: 'text/plain' } });
    if (!res.ok) return res;
    const header = (name: string): string | undefined => headerValue(res.headers, name);
    const serverApiVersion = header('api-version') || API_VERSION_WHEN_UNSAID;
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
  async versionPrefix(signal?: AbortSignal): Promise<Result<string>> {
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
  ): Promise<Result<T>> {
    const prefix = await this.versionPrefix(signal);
    if (!prefix.ok) return prefix;
    const res = await this.http.getJson(`${prefix.value}${path}`, validate, { signal });
    return res.ok ? { ok: true, value: res.value } : res;
  }

  /** Every container, stopped ones included. The list carries no PID: see inspectRunning. */
  listContainers(signal?: AbortSignal): Promise<Result<DockerContainerRecord[]>> {
    return this.getJson('/containers/json?all=1', validateContainerList, signal);
  }

  /** The list row of one container (the engine filters by id prefix, so the caller matches exactly). */
  listOne(id: string, signal?: AbortSignal): Promise<Result<DockerContainerRecord[]>> {
    const filters = encodeURIComponent(JSON.stringify({ id: [id] }));
    return this.getJson(`/containers/json?all=1&filters=${filters}`, validateContainerList, signal);
  }

  /** One container's PID, namespace modes and labels. A vanished container gives kind `http`, status 404. */
  inspect(id: string, signal?: AbortSignal): Promise<Result<DockerInspectRecord>> {
    return this.getJson(`/containers/${encodeURIComponent(id)}/json`, validateInspect, signal);
  }

  info(signal?: AbortSignal): Promise<Result<DockerInfoRecord>> {
    return this.getJson('/info', validateInfo, signal);
  }

  version(signal?: AbortSignal): Promise<Result<DockerVersionRecord>> {
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
  ): Promise<Map<string, Result<DockerInspectRecord>>> {
    const ids = containers.filter((c) => hasProcess(c.state)).map((c) => c.id);
    const concurrency = options.concurrency ?? DEFAULT_INSPECT_CONCURRENCY;
    const results = await mapLimited(ids, concurrency, (id) => this.inspect(id, options.signal));
    return new Map(ids.map((id, i) => [id, results[i]]));
  }
}
