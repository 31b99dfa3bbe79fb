/**
 * A counting unix-socket proxy in front of the Docker socket. Every byte is passed through
 * unchanged; the client→engine direction is scanned for HTTP request lines, so each request on a
 * kept-alive connection is counted once, with its method and path.
 */
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface SeenRequest {
  at: number;
  method: string;
  path: string;
}

export class CountingProxy {
  readonly socketPath: string;
  readonly requests: SeenRequest[] = [];
  connections = 0;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly target = '/var/run/docker.sock') {
    this.socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-bench-')), 'docker.sock');
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      this.connections++;
      const upstream = net.connect(this.target);
      this.sockets.add(client);
      this.sockets.add(upstream);
      let carry = '';
      client.on('data', (chunk) => {
        const text = carry + chunk.toString('latin1');
        const re = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD|PATCH) (\S+) HTTP\/1\.[01]\r\n/g;
        let m: RegExpExecArray | null;
        while ((m = re.exec(text))) this.requests.push({ at: performance.now(), method: m[1], path: m[2] });
        // Keep only the unfinished last line: a complete request line ends in CRLF, so none is counted twice.
        const eol = text.lastIndexOf('\r\n');
        carry = (eol < 0 ? text : text.slice(eol + 2)).slice(-4096);
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close);
      upstream.on('close', close);
      client.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.socketPath, resolve));
  }

  /** Requests seen since `since` (performance.now() time). */
  since(since: number): SeenRequest[] {
    return this.requests.filter((r) => r.at >= since);
  }

  reset(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    fs.rmSync(path.dirname(this.socketPath), { recursive: true, force: true });
  }
}
