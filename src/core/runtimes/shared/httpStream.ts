/**
 * A long-lived GET whose body is consumed as it arrives: the engines' event streams.
 */
import http = require('node:http');
import {
  classifyNetworkError,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  describeEndpoint,
  errorMessageFromBody,
  hostHeader,
  requestTarget,
  type HttpEndpoint,
  type HttpError,
} from './http';

/** Callbacks for a long-lived GET whose body is consumed as it arrives (the events stream). */
export interface StreamHandlers {
  onResponse(status: number, headers: http.IncomingHttpHeaders): void;
  onData(chunk: Buffer): void;
  /** Called exactly once: the body ended, the connection failed, or the stream was closed. */
  onEnd(error: HttpError | undefined): void;
}

export interface StreamHandle {
  close(): void;
}

/**
 * Opens a streaming GET. Only connecting and the response headers have a deadline; the body may
 * stay silent for hours (no events while nothing changes). It uses its own socket, outside the
 * keep-alive pool, so it never occupies a slot the request/response calls need.
 */
export function httpGetStream(
  endpoint: HttpEndpoint,
  path: string,
  handlers: StreamHandlers,
  options: { connectTimeoutMs?: number; headersTimeoutMs?: number } = {},
): StreamHandle {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = describeEndpoint(endpoint);
  let ended = false;
  const end = (error: HttpError | undefined): void => {
    if (ended) return;
    ended = true;
    clearTimeout(headersTimer);
    req.destroy();
    handlers.onEnd(error);
  };
  const headersTimer = setTimeout(
    () => end({ kind: 'timeout', detail: `${where} did not answer GET ${path} within ${headersTimeoutMs} ms` }),
    headersTimeoutMs,
  );
  const req = http.request({
    ...requestTarget(endpoint),
    method: 'GET',
    path,
    agent: false,
    headers: {
      Host: hostHeader(endpoint),
      Accept: 'application/json',
    },
  });
  req.on('socket', (socket) => {
    const timer = setTimeout(
      () => end({ kind: 'timeout', detail: `could not connect to ${where} within ${connectTimeoutMs} ms` }),
      connectTimeoutMs,
    );
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
  req.on('error', (err) => end(classifyNetworkError(err, endpoint)));
  req.on('response', (res) => {
    clearTimeout(headersTimer);
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (chunks.length < 16) chunks.push(c);
      });
      res.on('end', () => {
        const message = errorMessageFromBody(Buffer.concat(chunks));
        end({ kind: 'http', status, detail: `${where} GET ${path} → HTTP ${status}${message ? `: ${message}` : ''}` });
      });
      res.on('error', (err) => end(classifyNetworkError(err, endpoint)));
      return;
    }
    handlers.onResponse(status, res.headers);
    res.on('data', (chunk: Buffer) => {
      if (!ended) handlers.onData(chunk);
    });
    res.on('aborted', () => end({ kind: 'garbage', detail: `${where} closed the events stream` }));
    res.on('error', (err) => end(classifyNetworkError(err, endpoint)));
    res.on('end', () => end(undefined));
  });
  req.end();
  return { close: () => end({ kind: 'aborted', detail: 'closed by the caller' }) };
}
