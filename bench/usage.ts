/**
 * What watching usage costs: up to 50 bench containers sampled every 2 s, as the feed's usage timer
 * samples expanded containers (Snapshotter.refreshUsage, the real UsageSampler over the real
 * cgroupfs and /proc), against the same process doing nothing on the same timer for as long, in
 * the same run. Engine requests during sampling are counted on the proxy socket the snapshot was
 * taken through; files per sample through the sampler's readFile seam.
 */
import { performance } from 'node:perf_hooks';
import { readCgroupMounts, readProcCgroup } from '../src/core/kernel';
import { defaultReadFile } from '../src/core/kernel/cgroupValues';
import type { HostSnapshot } from '../src/core/model';
import { createDefaultSources } from '../src/core/snapshot/defaultSources';
import { Snapshotter } from '../src/core/snapshot/snapshotter';
import { UsageSampler } from '../src/core/usage/sampler';
import { log } from './common';
import { benchName } from './containers';
import type { Options } from './options';
import type { CountingProxy } from './proxy';
import { summarize, type Stats } from './stats';

export const USAGE_INTERVAL_MS = 2000;
export const USAGE_CONTAINERS = 50;

export interface UsageFigures {
  containers: number;
  intervalMs: number;
  seconds: number;
  rounds: number;
  /** One round of samples of every container (the feed's timer body). */
  roundMs: Stats;
  /** process.cpuUsage over wall time, in percent of one core. */
  samplingCpuPercent: number;
  idleCpuPercent: number;
  /** Sampling less idle: what the sampling itself costs. */
  costCpuPercent: number;
  engineRequests: number;
  requestPaths: string[];
  /** Files read by one container's first sample (finding its cgroup folders, its limits) and by a later one. */
  filesFirstSample: number;
  filesPerSample: number;
  filesRead: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Process CPU (user + system) over wall time while `body` runs on a 2 s timer for `seconds`. */
async function cpuPercentOver(seconds: number, body: () => void): Promise<{ percent: number; rounds: number[] }> {
  const rounds: number[] = [];
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const end = wallBefore + seconds * 1000;
  while (performance.now() + USAGE_INTERVAL_MS <= end + 1) {
    await sleep(USAGE_INTERVAL_MS);
    const t = performance.now();
    body();
    rounds.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  return { percent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100, rounds };
}

/** Files one container's samples read, through the sampler's own seam. */
function filesPerSample(snapshot: HostSnapshot, key: string): { first: number; later: number; files: string[] } {
  const mounts = readCgroupMounts('/proc');
  const own = readProcCgroup('/proc', 'self');
  let files: string[] = [];
  const sampler = new UsageSampler({
    procRoot: '/proc',
    fsRoot: '/',
    mounts: mounts.ok ? mounts.mounts : undefined,
    ownCgroup: own.ok ? own.cgroup : undefined,
    readFile: (p) => {
      files.push(p);
      return defaultReadFile(p);
    },
  });
  const c = snapshot.containers.find((x) => x.key === key)!;
  sampler.sample(c);
  const first = files.length;
  files = [];
  sampler.sample(c);
  return { first, later: files.length, files };
}

export async function measureUsage(opts: Options, n: number, proxy: CountingProxy): Promise<UsageFigures> {
  const seconds = opts.quick ? 10 : 30;
  const env = { ...process.env, DOCKER_HOST: `unix://${proxy.socketPath}` };
  const snapshotter = new Snapshotter({ sources: createDefaultSources({ engines: ['docker'], env }) });
  const snapshot = await snapshotter.take();
  for (const s of snapshotter.sources) s.dispose();
  const wanted = new Set(Array.from({ length: Math.min(n, USAGE_CONTAINERS) }, (_, i) => benchName(i)));
  const keys = new Set(
    snapshot.containers.filter((c) => wanted.has(c.name) && c.state === 'running' && c.pid).map((c) => c.key),
  );
  // The first round finds each container's cgroup folders, as expanding a container does; the
  // timed rounds are the steady state the timer repeats.
  let current = snapshotter.refreshUsage(snapshot, keys);

  log(`usage: the same process idle on a ${USAGE_INTERVAL_MS / 1000} s timer for ${seconds} s…`);
  const idle = await cpuPercentOver(seconds, () => {});
  log(`usage: sampling ${keys.size} containers every ${USAGE_INTERVAL_MS / 1000} s for ${seconds} s…`);
  const since = performance.now();
  const sampling = await cpuPercentOver(seconds, () => {
    current = snapshotter.refreshUsage(current, keys);
  });
  const requests = proxy.since(since);
  const files = filesPerSample(current, [...keys][0]);
  return {
    containers: keys.size,
    intervalMs: USAGE_INTERVAL_MS,
    seconds,
    rounds: sampling.rounds.length,
    roundMs: summarize(sampling.rounds),
    samplingCpuPercent: sampling.percent,
    idleCpuPercent: idle.percent,
    costCpuPercent: sampling.percent - idle.percent,
    engineRequests: requests.length,
    requestPaths: requests.map((r) => `${r.method} ${r.path}`),
    filesFirstSample: files.first,
    filesPerSample: files.later,
    filesRead: files.files,
  };
}
