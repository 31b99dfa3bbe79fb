/**
 * The one result and error shape every engine client returns, and the one mapping from an error to
 * the status a user reads. Transports narrow `kind` to what they can produce; the snapshot and the
 * views see only RuntimeStatus.
 */
import type { RuntimeStatus } from '../../model';

export type EngineErrorKind =
  | 'missing' // socket path or binary absent, host unknown
  | 'denied' // EACCES / EPERM: the socket is not ours to read
  | 'not-running' // a socket file nobody listens on
  | 'timeout' // a deadline passed
  | 'too-old' // the engine speaks an API below the floor
  | 'too-large' // an answer bigger than the limit
  | 'http' // a non-2xx HTTP status
  | 'not-found' // the object asked for is gone (gRPC NOT_FOUND)
  | 'rpc' // any other gRPC status
  | 'exit' // a CLI exited non-zero
  | 'not-podman' // a socket that answers, but as another engine
  | 'garbage' // not the protocol, invalid JSON, an unexpected shape
  | 'aborted'; // the caller's AbortSignal fired

export interface EngineError {
  kind: EngineErrorKind;
  detail: string;
  /** HTTP status, for kind `http`. */
  status?: number;
  /** gRPC status code, when the failure came from a call. */
  code?: number;
  /** Exit status of a CLI, for kind `exit`. */
  exitCode?: number;
}

export type Result<T, E extends EngineError = EngineError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = (kind: EngineErrorKind, detail: string): { ok: false; error: EngineError } => ({
  ok: false,
  error: { kind, detail },
});

/** Client errors → the model's runtime status: the states a user can act on keep their name. */
export function toRuntimeStatus(error: EngineError): RuntimeStatus {
  switch (error.kind) {
    case 'missing':
    case 'denied':
    case 'not-running':
    case 'timeout':
    case 'too-old':
      return { state: error.kind, detail: error.detail };
    case 'aborted':
      return { state: 'error', detail: `read cancelled: ${error.detail}` };
    default:
      return { state: 'error', detail: error.detail };
  }
}

/** The text a user sees for an error (the status detail). */
export function errorDetail(error: EngineError): string {
  const status = toRuntimeStatus(error);
  return status.state === 'ok' ? error.detail : status.detail;
}
