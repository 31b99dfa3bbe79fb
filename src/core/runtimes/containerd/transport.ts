/**
 * gRPC plumbing for containerd: one grpc-js channel per address, unary and server-streaming calls
 * with protobufjs as the (de)serializer, a deadline on every call, the caller's AbortSignal, and
 * every failure returned as a value. Engines can be absent, root-only, stopped, hung or hostile;
 * each case must end as a clear status, never as a rejection in the extension host.
 */
import * as grpc from '@grpc/grpc-js';
import net = require('node:net');
import type { EngineError, Result } from '../shared/result';
import { normalizeAddress, socketPathOf } from './endpoint';
import { decodeMessage, encodeMessage, type MethodPath } from './schema';

export type ContainerdErrorKind = Extract<
  EngineError['kind'],
  'missing' | 'denied' | 'not-running' | 'timeout' | 'not-found' | 'garbage' | 'rpc' | 'aborted'
>;

export interface ContainerdError extends EngineError {
  kind: ContainerdErrorKind;
}

export type CtrResult<T> = Result<T, ContainerdError>;

export const DEFAULT_CONTAINERD_TIMEOUT_MS = 5_000;
/** containerd's own default receive limit is 16 MiB; specs of hundreds of containers can pass 4. */
const MAX_RECEIVE_BYTES = 16 * 1024 * 1024;
export const DENIED_HINT = 'the containerd socket is root-only by default';

/** Maps a socket errno to the status a user can act on. */
export function classifySocketError(code: string | undefined, where: string, message?: string): ContainerdError {
  switch (code) {
    case 'ENOENT':
      return { kind: 'missing', detail: `${where} does not exist` };
    case 'EACCES':
    case 'EPERM':
      return { kind: 'denied', detail: `permission denied on ${where} (${code}): ${DENIED_HINT}` };
    case 'ECONNREFUSED':
      return { kind: 'not-running', detail: `nothing listens on ${where} (ECONNREFUSED)` };
    case 'ENOTSOCK':
      return { kind: 'not-running', detail: `${where} is not a socket (ENOTSOCK)` };
    default:
      return { kind: 'garbage', detail: `${where}: ${message ?? 'connection failed'}${code ? ` (${code})` : ''}` };
  }
}

/**
 * Connects to the socket and hangs up at once. grpc-js folds every connection failure into
 * UNAVAILABLE with a message; this gets the precise errno (missing, denied, stale) in under a
 * millisecond, so the status can say what to do.
 */
export function probeSocket(socketPath: string, timeoutMs: number, signal?: AbortSignal): Promise<CtrResult<void>> {
  const where = `unix://${socketPath}`;
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ ok: false, error: { kind: 'aborted', detail: `connecting to ${where} cancelled` } });
      return;
    }
    let done = false;
    const finish = (result: CtrResult<void>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void =>
      finish({ ok: false, error: { kind: 'aborted', detail: `connecting to ${where} cancelled` } });
    const socket = net.connect({ path: socketPath });
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: { kind: 'timeout', detail: `could not connect to ${where} within ${timeoutMs} ms` },
        }),
      Math.max(1, timeoutMs),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ ok: true, value: undefined }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      finish({ ok: false, error: classifySocketError(err.code, where, err.message) }),
    );
  });
}

/** A gRPC status → error value. `where` names the endpoint, `what` the method. */
export function classifyStatus(err: Partial<grpc.ServiceError>, where: string, what: string): ContainerdError {
  const code = err.code ?? grpc.status.UNKNOWN;
  const details = (err.details ?? err.message ?? '').slice(0, 300);
  switch (code) {
    case grpc.status.DEADLINE_EXCEEDED:
      return { kind: 'timeout', code, detail: `${where} did not answer ${what} before the deadline` };
    case grpc.status.CANCELLED:
      return { kind: 'aborted', code, detail: `${what} cancelled` };
    case grpc.status.NOT_FOUND:
      return { kind: 'not-found', code, detail: `${what}: ${details || 'not found'}` };
    case grpc.status.PERMISSION_DENIED:
    case grpc.status.UNAUTHENTICATED:
      return { kind: 'denied', code, detail: `${where} refused ${what}: ${details}; ${DENIED_HINT}` };
    case grpc.status.UNAVAILABLE: {
      const errno = /\b(ENOENT|EACCES|EPERM|ECONNREFUSED|ENOTSOCK)\b/.exec(details)?.[1];
      if (errno) return { ...classifySocketError(errno, where), code };
      return { kind: 'garbage', code, detail: `${where} did not speak gRPC for ${what}: ${details || 'unavailable'}` };
    }
    case grpc.status.INTERNAL:
      if (/pars|decod|protocol|invalid|wire/i.test(details)) {
        return {
          kind: 'garbage',
          code,
          detail: `${where} sent an answer to ${what} that is not containerd's message: ${details}`,
        };
      }
      return { kind: 'rpc', code, detail: `${where} ${what} → INTERNAL: ${details}` };
    default:
      return { kind: 'rpc', code, detail: `${where} ${what} → ${grpc.status[code] ?? code}: ${details}` };
  }
}

export interface CallOptions {
  /** containerd namespace sent as the `containerd-namespace` header. */
  namespace?: string;
  /** Absolute deadline (ms since the epoch). */
  deadline: number;
  signal?: AbortSignal;
}

export interface StreamHandlers<T> {
  onMessage(message: T): void;
  /** Called exactly once: the stream ended, failed or was closed. */
  onEnd(error: ContainerdError | undefined): void;
}

/** One channel to one containerd. Methods never throw and never reject. */
export class ContainerdTransport {
  readonly address: string;
  private client: grpc.Client | undefined;

  constructor(address: string) {
    this.address = normalizeAddress(address);
  }

  get socketPath(): string | undefined {
    return socketPathOf(this.address);
  }

  private channel(): grpc.Client {
    this.client ??= new grpc.Client(this.address, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
      // Keep the channel cheap when idle; it reconnects on the next call.
      'grpc.client_idle_timeout_ms': 60_000,
      // A fresh attempt for every call: an engine that just came back should be seen at once.
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1_000,
    });
    return this.client;
  }

  /** Probes the socket (unix addresses only) so connection failures carry their errno. */
  async probe(deadline: number, signal?: AbortSignal): Promise<CtrResult<void>> {
    const socketPath = this.socketPath;
    if (!socketPath) return { ok: true, value: undefined };
    return probeSocket(socketPath, deadline - Date.now(), signal);
  }

  unary<T>(
    method: MethodPath,
    requestType: string,
    request: Record<string, unknown>,
    responseType: string,
    options: CallOptions,
  ): Promise<CtrResult<T>> {
    const what = method;
    return new Promise((resolve) => {
      if (options.signal?.aborted) {
        resolve({ ok: false, error: { kind: 'aborted', detail: `${what} cancelled` } });
        return;
      }
      if (Date.now() >= options.deadline) {
        resolve({ ok: false, error: { kind: 'timeout', detail: `${this.address}: no time left for ${what}` } });
        return;
      }
      let settled = false;
      const settle = (result: CtrResult<T>): void => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const metadata = new grpc.Metadata();
      if (options.namespace !== undefined) metadata.set('containerd-namespace', options.namespace);
      let call: grpc.ClientUnaryCall | undefined;
      const onAbort = (): void => {
        call?.cancel();
        settle({ ok: false, error: { kind: 'aborted', detail: `${what} cancelled` } });
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        call = this.channel().makeUnaryRequest<Record<string, unknown>, T>(
          method,
          (value) => encodeMessage(requestType, value),
          (bytes) => decodeMessage<T>(responseType, bytes),
          request,
          metadata,
          { deadline: options.deadline },
          (err, value) => {
            if (err) settle({ ok: false, error: classifyStatus(err, this.address, what) });
            else if (value === undefined)
              settle({ ok: false, error: { kind: 'garbage', detail: `${this.address} ${what}: empty answer` } });
            else settle({ ok: true, value });
          },
        );
      } catch (err) {
        settle({ ok: false, error: { kind: 'garbage', detail: `${this.address} ${what}: ${(err as Error).message}` } });
      }
    });
  }

  /**
   * Opens a server stream. It has no deadline (events may not come for hours); the caller closes
   * it. Returns a close function; `onEnd` is called exactly once.
   */
  serverStream<T>(
    method: MethodPath,
    requestType: string,
    request: Record<string, unknown>,
    responseType: string,
    handlers: StreamHandlers<T>,
  ): { close(): void } {
    let ended = false;
    const end = (error: ContainerdError | undefined): void => {
      if (ended) return;
      ended = true;
      handlers.onEnd(error);
    };
    let call: grpc.ClientReadableStream<T> | undefined;
    try {
      call = this.channel().makeServerStreamRequest<Record<string, unknown>, T>(
        method,
        (value) => encodeMessage(requestType, value),
        (bytes) => decodeMessage<T>(responseType, bytes),
        request,
        new grpc.Metadata(),
        {},
      );
    } catch (err) {
      queueMicrotask(() => end({ kind: 'garbage', detail: `${this.address} ${method}: ${(err as Error).message}` }));
      return { close: () => undefined };
    }
    call.on('data', (message: T) => {
      if (!ended) handlers.onMessage(message);
    });
    call.on('error', (err: grpc.ServiceError) => end(classifyStatus(err, this.address, method)));
    call.on('end', () => end(undefined));
    call.on('status', (status: grpc.StatusObject) => {
      if (status.code !== grpc.status.OK) end(classifyStatus(status, this.address, method));
    });
    return {
      close: () => {
        if (ended) return;
        ended = true; // the caller asked for it: no onEnd
        call?.cancel();
      },
    };
  }

  /** Waits until the channel is connected (or the deadline passes). */
  waitReady(deadline: number): Promise<CtrResult<void>> {
    return new Promise((resolve) => {
      try {
        this.channel().waitForReady(deadline, (err) => {
          if (err)
            resolve({ ok: false, error: { kind: 'timeout', detail: `${this.address} not ready: ${err.message}` } });
          else resolve({ ok: true, value: undefined });
        });
      } catch (err) {
        resolve({ ok: false, error: { kind: 'garbage', detail: `${this.address}: ${(err as Error).message}` } });
      }
    });
  }

  close(): void {
    this.client?.close();
    this.client = undefined;
  }
}
