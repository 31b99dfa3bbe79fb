/** Event → snapshot latency through the real HostSnapshotFeed in plain Node, and the engine requests of an idle, watched host. */
import { performance } from 'node:perf_hooks';
import { HostSnapshotFeed } from '../src/core/feed/hostSnapshotFeed';
import type { HostSnapshot } from '../src/core/model';
import { createDockerSource } from '../src/core/runtimes/docker';
import { createDefaultSources } from '../src/core/snapshot/defaultSources';
import * as enginesPart from '../src/parts/engines';
import { DOCKER_SOCK, log } from './common';
import { BENCH_LABEL, IMAGE, docker } from './containers';
import type { Options } from './options';
import type { CountingProxy } from './proxy';
import { summarize, type Stats } from './stats';

export interface EventFigures {
  n: number;
  debounceMs: number;
  /** The engines the feed reads: Docker alone, or every engine as the extension does. */
  engines: 'docker' | 'all';
  runs: number;
  /** From `docker start` (of a created container) returning to the container with its PID in the feed's snapshot; 0 when it was already there. */
  fromRunReturned: Stats;
  alreadyPresentWhenRunReturned: number;
  /** From the `start` event reaching this process (a second /events stream) to the container with its PID in the feed's snapshot. */
  fromStartEvent: Stats;
}

export interface IdleFigures {
  seconds: number;
  requests: number;
  /** Requests not about a container that had an engine event in the window (polling would land here). */
  unexplained: number;
  /** Container events from elsewhere on the machine (other runs) during the window. */
  containerEvents: number;
  containersWithEvents: number;
  paths: string[];
  eventsStreamsOpen: number;
}

export const quietLog = {
  info: () => {},
  warn: () => {},
  error: (m: string) => log(`feed error: ${m}`),
  debug: () => {},
  trace: () => {},
};

export async function measureEvents(
  opts: Options,
  n: number,
  proxy: CountingProxy,
  debounceMs: number,
  engines: 'docker' | 'all' = 'docker',
): Promise<{ events: EventFigures; idle?: IdleFigures }> {
  const env = { ...process.env, DOCKER_HOST: `unix://${proxy.socketPath}` };
  const feed = new HostSnapshotFeed({
    // 'all': Docker, Podman (rootful, rootless) and containerd, as the extension reads them; Docker's
    // containers then also send containerd events from its `moby` namespace.
    engines: () => enginesPart,
    createSources: () => createDefaultSources({ engines: engines === 'docker' ? ['docker'] : undefined, env }),
    log: quietLog,
    debounceMs: () => debounceMs,
    usageIntervalMs: () => 5000,
  });
  // Our own witness of the start events, on the direct socket.
  const startEventAt = new Map<string, number>();
  const allEvents: Array<{ id: string; action: string; at: number }> = [];
  const witness = createDockerSource({ env: { ...process.env, DOCKER_HOST: `unix://${DOCKER_SOCK}` } });
  const watching = witness.watch(
    (e) => {
      allEvents.push({ id: e.id, action: e.action, at: performance.now() });
      if (e.action === 'start' && !startEventAt.has(e.id)) startEventAt.set(e.id, performance.now());
    },
    () => {},
  );
  const waiters: Array<() => void> = [];
  const presentAt = new Map<string, number>();
  const sub = feed.onDidChange((snap) => {
    const now = performance.now();
    for (const c of snap.containers) if (c.pid !== undefined && !presentAt.has(c.id)) presentAt.set(c.id, now);
    for (const w of waiters.splice(0)) w();
  });
  const until = async (cond: (s: HostSnapshot | undefined) => boolean, timeoutMs = 30_000): Promise<number> => {
    const deadline = performance.now() + timeoutMs;
    while (!cond(feed.current)) {
      if (performance.now() > deadline) throw new Error('timed out waiting for the feed');
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return performance.now();
  };
  const lease = feed.acquire('bench');
  await until((s) => s !== undefined && s.containers.length > 0);
  await new Promise((r) => setTimeout(r, 500));

  const runs = opts.quick ? 5 : 10;
  const fromReturned: number[] = [];
  const fromStart: number[] = [];
  let already = 0;
  for (let k = 0; k < runs; k++) {
    // Created first and let the feed settle, so only the `start` event is timed.
    const name = `anatomy-bench-ev-${k}`;
    await docker(['rm', '-f', name]).catch(() => {});
    const id = (
      await docker(['create', '--name', name, '--label', BENCH_LABEL, '--network', 'none', IMAGE, 'sleep', '1000000'])
    ).trim();
    await until((s) => !!s?.containers.some((c) => c.id === id));
    await new Promise((r) => setTimeout(r, 300 + debounceMs));
    await docker(['start', id]);
    const returned = performance.now();
    const present = (s: HostSnapshot | undefined) => !!s?.containers.some((c) => c.id === id && c.pid !== undefined);
    const wasAlready = present(feed.current);
    if (!wasAlready) await until(present);
    const at = presentAt.get(id) ?? performance.now();
    if (wasAlready) already++;
    fromReturned.push(Math.max(0, at - returned));
    const startAt = startEventAt.get(id);
    if (startAt !== undefined) fromStart.push(at - startAt);
    await docker(['rm', '-f', id]);
    await until((s) => !s?.containers.some((c) => c.id === id));
    await new Promise((r) => setTimeout(r, 300 + debounceMs));
  }
  const events: EventFigures = {
    n,
    debounceMs,
    engines,
    runs,
    fromRunReturned: summarize(fromReturned),
    alreadyPresentWhenRunReturned: already,
    fromStartEvent: summarize(fromStart),
  };

  let idle: IdleFigures | undefined;
  if (debounceMs === 150 && engines === 'docker') {
    // The default setting: measure what an idle, watched host costs the engine.
    await new Promise((r) => setTimeout(r, 1000));
    const since = performance.now();
    log(`idle: watching for ${opts.idleSeconds} s, counting engine requests…`);
    await new Promise((r) => setTimeout(r, opts.idleSeconds * 1000));
    const seen = proxy.since(since);
    const eventsStreamsOpen = proxy.requests.filter((r) => r.path.includes('/events')).length;
    // Containers of other engineers' runs come and go on this machine: a request about a container
    // that had an event in the window is the feed doing its job, not polling.
    const evented = new Set(allEvents.filter((e) => e.at >= since - 1000).map((e) => e.id));
    const idOf = (p: string) => /[0-9a-f]{64}/.exec(decodeURIComponent(p))?.[0];
    const unexplained = seen.filter((r) => {
      const id = idOf(r.path);
      return id === undefined || !evented.has(id);
    });
    idle = {
      seconds: opts.idleSeconds,
      requests: seen.length,
      unexplained: unexplained.length,
      containerEvents: allEvents.filter((e) => e.at >= since).length,
      containersWithEvents: evented.size,
      paths: unexplained.map((r) => `${r.method} ${r.path}`),
      eventsStreamsOpen,
    };
  }
  lease.dispose();
  sub.dispose();
  feed.dispose();
  watching.dispose();
  witness.dispose();
  return { events, idle };
}
