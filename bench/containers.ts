/**
 * The bench's own Docker containers: `anatomy-bench-<i>`, label `anatomy.bench=1`, busybox running
 * `sleep 1000000`, on `--network none` (creating 300 veth pairs would only slow set-up; the
 * namespaces and cgroups read are the same). Created with `docker create` 4 at a time, then started
 * with `docker start` in batches of 25, 2 batches at a time. Reused when already there.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const BENCH_LABEL = 'anatomy.bench=1';
export const IMAGE = 'anatomy-busybox:latest';
export const benchName = (i: number) => `anatomy-bench-${i}`;

export async function docker(args: string[], timeoutMs = 120_000): Promise<string> {
  const { stdout } = await run('docker', args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

interface Existing {
  name: string;
  state: string;
}

async function existing(): Promise<Map<string, Existing>> {
  const out = await docker(['ps', '-a', '--filter', `label=${BENCH_LABEL}`, '--format', '{{.Names}}\t{{.State}}']);
  const map = new Map<string, Existing>();
  for (const line of out.split('\n')) {
    const [name, state] = line.split('\t');
    if (name) map.set(name, { name, state });
  }
  return map;
}

export interface EnsureResult {
  n: number;
  created: number;
  started: number;
  reused: number;
  ms: number;
  /** Bench containers beyond n, removed so the engine lists exactly the n asked for (plus the others on the host). */
  removedExtra: number;
  failedToStart: number;
}

/** Makes exactly `n` running bench containers (0..n-1), creating, starting or removing as needed. */
export async function ensureContainers(n: number): Promise<EnsureResult> {
  const t = performance.now();
  const have = await existing();
  const wanted = new Set(Array.from({ length: n }, (_, i) => benchName(i)));
  const extra = [...have.keys()].filter((name) => !wanted.has(name));
  for (let i = 0; i < extra.length; i += 50) await docker(['rm', '-f', ...extra.slice(i, i + 50)]);
  const toCreate = [...wanted].filter((name) => !have.has(name));
  await pool(toCreate, 4, async (name) => {
    await docker(['create', '--name', name, '--label', BENCH_LABEL, '--network', 'none', IMAGE, 'sleep', '1000000']);
  });
  const toStart = [...wanted].filter((name) => have.get(name)?.state !== 'running');
  const batches: string[][] = [];
  for (let i = 0; i < toStart.length; i += 25) batches.push(toStart.slice(i, i + 25));
  let failed = 0;
  await pool(batches, 2, async (batch) => {
    // A batch fails as a whole on one container's error (seen: containerd `task … already exists`
    // right after a dockerd restart): start the rest one by one, and go on without the ones that fail.
    await docker(['start', ...batch], 300_000).catch(async () => {
      for (const name of batch) await docker(['start', name], 60_000).catch(() => failed++);
    });
  });
  return {
    n,
    created: toCreate.length,
    started: toStart.length - failed,
    failedToStart: failed,
    reused: n - toCreate.length,
    ms: performance.now() - t,
    removedExtra: extra.length,
  };
}

/** Removes every container carrying the bench label. */
export async function removeAllBenchContainers(): Promise<number> {
  const ids = (await docker(['ps', '-aq', '--filter', `label=${BENCH_LABEL}`])).split('\n').filter(Boolean);
  await pool(
    Array.from({ length: Math.ceil(ids.length / 50) }, (_, i) => ids.slice(i * 50, i * 50 + 50)),
    2,
    async (batch) => {
      await docker(['rm', '-f', ...batch], 300_000);
    },
  );
  return ids.length;
}
