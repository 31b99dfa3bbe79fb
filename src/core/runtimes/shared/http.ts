/**
 * The smallest HTTP/1.1 client the engine clients need: GET only (the extension never changes an
 * engine), over a unix socket or plain TCP, with every failure returned as a value instead of
 * thrown. Engines can be absent, stopped, forbidden, slow or simply wrong; each of those must end
 * up as a clear status in the tree, never as an unhandled rejection in the extension host.
 */
import http = require('node:http');
import { parseAndValidate, type ShapeError } from './json';
import type { EngineError, Result } from './result';

/** Where an engine listens. Unix sockets are the norm; TCP is what `DOCKER_HOST=tcp://…` asks for. */
export type HttpEndpoint = { kind: 'unix'; socketPath: string } | { kind: 'tcp'; host: string; port: number };

export type HttpErrorKind = Extract<
  EngineError['kind'],
  'missing' | 'denied' | 'not-running' | 'timeout' | 'too-large' | 'http' | 'garbage' | 'aborted'
>;

export interface HttpError extends EngineError {
  kind: HttpErrorKind;
}

export interface HttpResponse {
  ok: true;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type HttpResult = HttpResponse | { ok: false; error: HttpError };

export interface GetOptions {
  /** Deadline for the socket to connect. */
  connectTimeoutMs?: number;
  /** Deadline for the whole exchange, from the call to the last body byte. */
  timeoutMs?: number;
  /** Larger bodies are refused with `too-large` and the socket is destroyed. */
  maxBodyBytes?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** The keep-alive pool to use; without one the request gets a connection of its own. */
  agent?: http.Agent;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Bounds concurrent requests per endpoint (e.g. inspecting many running containers at once). */
const MAX_SOCKETS_PER_ENDPOINT = 8;

/** `Host` header: Docker ignores it on the socket, but HTTP/1.1 requires one. */
export function hostHeader(endpoint: HttpEndpoint): string {
  return endpoint.kind === 'unix' ? 'docker' : `${endpoint.host}:${endpoint.port}`;
}

export function requestTarget(endpoint: HttpEndpoint): { socketPath: string } | { host: string; port: number } {
  return endpoint.kind === 'unix' ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };
}

export function describeEndpoint(endpoint: HttpEndpoint): string {
  return endpoint.kind === 'unix' ? `unix://${endpoint.socketPath}` : `tcp://${endpoint.host}:${endpoint.port}`;
}

/** Maps a Node socket error to the status a user can act on. */
export function classifyNetworkError(err: unknown, endpoint: HttpEndpoint): HttpError {
  const e = err as NodeJS.ErrnoException;
  const where = describeEndpoint(endpoint);
  const code = e?.code ?? '';
  switch (code) {
    case 'ENOENT':
      return { kind: 'missing', detail: `${where} does not exist` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'missing', detail: `host of ${where} not found (${code})` };
    case 'EACCES':
    case 'EPERM':
      return {
        kind: 'denied',
        detail: `permission denied on ${where} (${code}); a user outside the socket's group cannot read it`,
      };
    case 'ECONNREFUSED':
      return { kind: 'not-running', detail: `nothing listens on ${where} (ECONNREFUSED)` };
    case 'ENOTSOCK':
      return { kind: 'not-running', detail: `${where} is not a socket (ENOTSOCK)` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { kind: 'not-running', detail: `${where} unreachable (${code})` };
    default:
      break;
  }
  if (typeof code === 'string' && code.startsWith('HPE_')) {
    return { kind: 'garbage', detail: `${where} did not answer HTTP (${code})` };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return { kind: 'garbage', detail: `${where} closed the connection before a complete response (${code})` };
  }
  return { kind: 'garbage', detail: `${where}: ${e?.message ?? String(err)}${code ? ` (${code})` : ''}` };
}

/** Pulls `message` out of an engine's JSON error body (`{"message":"No such container: x"}`). */
export function errorMessageFromBody(body: Buffer): string {
  const text = body.toString('utf8').trim();
  if (!text) return '';
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
      return (parsed as { message: string }).message;
    }
  } catch {
    /* not JSON: fall through to the raw text */
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * GET `path` from `endpoint`. Resolves with a 2xx response or an error value; never rejects.
 * A non-2xx answer becomes kind `http` carrying the status and the engine's message.
 */
export async function httpGet(endpoint: HttpEndpoint, path: string, options: GetOptions = {}): Promise<HttpResult> {
  const first = await httpGetOnce(endpoint, path, options);
  // A pooled keep-alive socket may have been closed by the server while idle; Node then reports
  // ECONNRESET on the reused socket. GET is idempotent, so one retry on a fresh socket is safe.
  if (first.staleSocket) return (await httpGetOnce(endpoint, path, options)).result;
  return first.result;
}

interface Attempt {
  result: HttpResult;
  /** ECONNRESET on a reused pooled socket: the server dropped it while idle. */
  staleSocket?: boolean;
}

function httpGetOnce(endpoint: HttpEndpoint, path: string, options: GetOptions): Promise<Attempt> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const where = describeEndpoint(endpoint);

  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ result: { ok: false, error: { kind: 'aborted', detail: `GET ${path} cancelled` } } });
      return;
    }
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    let req: http.ClientRequest | undefined;

    const settle = (result: HttpResult, destroySocket: boolean, staleSocket = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      if (connectTimer) clearTimeout(connectTimer);
      options.signal?.removeEventListener('abort', onAbort);
      // Destroying (not just aborting) the socket keeps a half-read or unanswered connection out
      // of the keep-alive pool, where the next call would read the leftover bytes.
      if (destroySocket && req) req.destroy();
      resolve({ result, staleSocket });
    };
    const fail = (error: HttpError, destroySocket = true): void => settle({ ok: false, error }, destroySocket);

    const onAbort = (): void => fail({ kind: 'aborted', detail: `GET ${path} cancelled` });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const totalTimer = setTimeout(
      () => fail({ kind: 'timeout', detail: `${where} did not answer GET ${path} within ${timeoutMs} ms` }),
      timeoutMs,
    );

    try {
      req = http.request({
        ...requestTarget(endpoint),
        method: 'GET',
        path,
        agent: options.agent ?? false,
        headers: {
          Host: hostHeader(endpoint),
          Accept: 'application/json',
          ...options.headers,
        },
      });
    } catch (err) {
      fail(classifyNetworkError(err, endpoint));
      return;
    }

    req.on('socket', (socket) => {
      if (!socket.connecting) return; // reused keep-alive socket: already connected
      connectTimer = setTimeout(
        () => fail({ kind: 'timeout', detail: `could not connect to ${where} within ${connectTimeoutMs} ms` }),
        connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(connectTimer));
    });

    req.on('error', (err) => {
      const stale = (err as NodeJS.ErrnoException).code === 'ECONNRESET' && req?.reusedSocket === true;
      settle({ ok: false, error: classifyNetworkError(err, endpoint) }, true, stale);
    });

    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        fail({
          kind: 'too-large',
          detail: `response too large: ${where} GET ${path} declared ${declared} bytes, limit ${maxBodyBytes}`,
        });
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.length;
        if (received > maxBodyBytes) {
          fail({
            kind: 'too-large',
            detail: `response too large: ${where} GET ${path} sent more than ${maxBodyBytes} bytes`,
          });
          return;
        }
        chunks.push(chunk);
      });
      res.on('aborted', () => {
        fail({
          kind: 'garbage',
          detail: `${where} closed the connection before the response to GET ${path} was complete`,
        });
      });
      res.on('error', (err) => settle({ ok: false, error: classifyNetworkError(err, endpoint) }, true));
      res.on('end', () => {
        if (settled) return;
        if (!res.complete) {
          fail({
            kind: 'garbage',
            detail: `${where} closed the connection before the response to GET ${path} was complete`,
          });
          return;
        }
        const body = Buffer.concat(chunks);
        if (status < 200 || status > 299) {
          const message = errorMessageFromBody(body);
          fail(
            { kind: 'http', status, detail: `${where} GET ${path} → HTTP ${status}${message ? `: ${message}` : ''}` },
            false,
          );
          return;
        }
        settle({ ok: true, status, headers: res.headers, body }, false);
      });
    });

    req.end();
  });
}

/**
 * GET and parse JSON, then run `validate` over it. `validate` returns the typed value or a
 * ShapeError saying what was wrong with the shape; both invalid JSON and a wrong shape become
 * `garbage`, so a hostile or broken engine shows up as a status rather than as `undefined` deep in
 * a view.
 */
export async function httpGetJson<T>(
  endpoint: HttpEndpoint,
  path: string,
  validate: (value: unknown) => T | ShapeError,
  options: GetOptions = {},
): Promise<Result<T> & { headers?: http.IncomingHttpHeaders }> {
  const res = await httpGet(endpoint, path, options);
  if (!res.ok) return res;
  const checked = parseAndValidate(res.body, `${describeEndpoint(endpoint)} GET ${path}`, validate);
  return checked.ok ? { ...checked, headers: res.headers } : checked;
}

/**
 * One endpoint with the keep-alive pool its owner uses: a refresh makes one list call plus one
 * inspect per new container, and reconnecting a unix socket each time is wasted work. Each source
 * owns its own, so disposing one (a changed setting, another engine on the same socket) never
 * closes a connection another still uses. Idle sockets are unref'd by Node, so the pool never keeps
 * the process alive.
 */
export class HttpConnection {
  private agent: http.Agent | undefined;

  constructor(
    readonly endpoint: HttpEndpoint,
    private readonly defaults: Omit<GetOptions, 'agent' | 'signal' | 'headers'> = {},
  ) {}

  get url(): string {
    return describeEndpoint(this.endpoint);
  }

  private pool(): http.Agent {
    this.agent ??= new http.Agent({
      keepAlive: true,
      maxSockets: MAX_SOCKETS_PER_ENDPOINT,
      maxFreeSockets: MAX_SOCKETS_PER_ENDPOINT,
    });
    return this.agent;
  }

  get(path: string, options: GetOptions = {}): Promise<HttpResult> {
    return httpGet(this.endpoint, path, { ...this.defaults, ...options, agent: this.pool() });
  }

  getJson<T>(path: string, validate: (value: unknown) => T | ShapeError, options: GetOptions = {}) {
    return httpGetJson(this.endpoint, path, validate, { ...this.defaults, ...options, agent: this.pool() });
  }

  /** Closes the pooled sockets; a later call opens a new pool. */
  dispose(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}
