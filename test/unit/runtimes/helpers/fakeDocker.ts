// A FAKE dockerd: a node:http server on a unix socket (or TCP) whose routes a test sets; it records
// every request. Routes match the path with any `/v1.xx` prefix removed.
import * as http from 'node:http';
import type * as net from 'node:net';

/** One client connection as the server saw it: what was asked on it, and whether it is closed. */
export interface FakeConnection {
  urls: string[];
  closed: boolean;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A hostile stand-in for dockerd. Routes match the path with any `/v1.xx` prefix removed. */
export class FakeEngine {
  readonly requests: { method: string; url: string }[] = [];
  readonly routes = new Map<string, Handler>();
  readonly connections: FakeConnection[] = [];
  private readonly bySocket = new Map<net.Socket, FakeConnection>();
  apiVersionHeader: string | undefined = '1.41';
  private readonly server: http.Server;

  /** A unix socket path, or a TCP port on 127.0.0.1 (0: any free one, see `port`). */
  constructor(
    readonly socketPath: string,
    private readonly tcpPort?: number,
  ) {
    this.server = http.createServer((req, res) => {
      this.requests.push({ method: req.method ?? '', url: req.url ?? '' });
      this.bySocket.get(req.socket)?.urls.push(req.url ?? '');
      const bare = (req.url ?? '').replace(/^\/v\d+\.\d+(?=\/)/, '').replace(/\?.*$/, '');
      if (bare === '/_ping' && !this.routes.has('/_ping')) {
        if (this.apiVersionHeader !== undefined) res.setHeader('Api-Version', this.apiVersionHeader);
        res.end('OK');
        return;
      }
      const handler = this.routes.get(bare);
      if (handler) handler(req, res);
      else {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: `page not found: ${bare}` }));
      }
    });
    this.server.on('connection', (socket) => {
      const connection: FakeConnection = { urls: [], closed: false };
      this.connections.push(connection);
      this.bySocket.set(socket, connection);
      socket.once('close', () => (connection.closed = true));
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve) => {
      if (this.tcpPort === undefined) this.server.listen(this.socketPath, resolve);
      else this.server.listen(this.tcpPort, '127.0.0.1', resolve);
    });
  }

  /** The TCP port listened on (TCP fakes only). */
  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Requests whose path (without the `/v1.xx` prefix and query) matches. */
  count(pattern: RegExp): number {
    return this.requests.filter((r) => pattern.test(r.url.replace(/^\/v\d+\.\d+/, '').replace(/\?.*$/, ''))).length;
  }

  json(route: string, body: unknown, status = 200): void {
    this.routes.set(route, (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
