/** The extension host's CPU profile around activation: recorded through its inspector, then summarized. */

export interface ActivationProfileFigures {
  file: string;
  /** Sampled time from the click to the extension's activation. */
  windowMs: number;
  /** Samples whose stack passes through the extension's bundle: its module code and activate(). */
  inOwnCodeMs: number;
  /** The heaviest functions by self time in the window, `name file:line ms`. */
  topSelf: string[];
  /** The heaviest frames of the extension's own bundle, inclusive time. */
  topOwn: string[];
}

export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools Protocol client over Node's WebSocket (Node 20: --experimental-websocket). */
export class InspectorClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
      if (!waiter) return;
      this.pending.delete(msg.id!);
      if (msg.error) waiter.reject(new Error(msg.error.message));
      else waiter.resolve(msg.result);
    });
  }

  static async connect(port: number, deadlineMs: number): Promise<InspectorClient> {
    const WebSocketCtor = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    if (!WebSocketCtor) throw new Error('no WebSocket in this Node (run with --experimental-websocket)');
    const until = Date.now() + deadlineMs;
    let target: string | undefined;
    while (!target && Date.now() < until) {
      try {
        const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
          webSocketDebuggerUrl?: string;
        }>;
        target = list.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    if (!target) throw new Error(`the extension host's inspector did not answer on port ${port}`);
    const socket = new WebSocketCtor(target);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`could not connect to ${target}`)), { once: true });
    });
    return new InspectorClient(socket);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

export function frameName(n: CpuProfile['nodes'][number]): string {
  return `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
}

/** Where the window's time went, and how much of it the extension's own bundle took. */
export function summarizeActivationProfile(
  profile: CpuProfile,
  ownUrlPart: string,
  file: string,
): ActivationProfileFigures {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<string, number>();
  const ownInclusiveUs = new Map<string, number>();
  let windowUs = 0;
  let ownUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    windowUs += dt;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName !== '(idle)') selfUs.set(frameName(leaf), (selfUs.get(frameName(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur)!;
      if (!node.callFrame.url.includes(ownUrlPart)) continue;
      const key = frameName(node);
      if (seen.size === 0) ownUs += dt;
      if (!seen.has(key)) ownInclusiveUs.set(key, (ownInclusiveUs.get(key) ?? 0) + dt);
      seen.add(key);
    }
  });
  const top = (m: Map<string, number>, count: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([k, us]) => `${k} ${(us / 1000).toFixed(1)} ms`);
  return {
    file,
    windowMs: windowUs / 1000,
    inOwnCodeMs: ownUs / 1000,
    topSelf: top(selfUs, 12),
    topOwn: top(ownInclusiveUs, 8),
  };
}
