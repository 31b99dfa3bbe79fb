/** Listing every container four ways, and the refresh after one event with its engine requests. */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { DockerClient as MsDockerClient, ShellStreamCommandRunnerFactory } from '@microsoft/vscode-container-client';
import type { HostSnapshot } from '../src/core/model';
import { createDefaultSources } from '../src/core/snapshot/defaultSources';
import { Snapshotter } from '../src/core/snapshot/snapshotter';
import { DOCKER_SOCK, execFileP } from './common';
import { benchName, type EnsureResult } from './containers';
import { iterations, type Options } from './options';
import type { CountingProxy } from './proxy';
import { summarize, timeIt, type Stats } from './stats';

/** The floor: one GET /containers/json?all=1 on the socket with node:http (keep-alive), JSON parsed. */
export function makeBareList(socketPath: string, query = 'all=1'): () => Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return () =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { socketPath, path: `/containers/json?${query}`, method: 'GET', agent, headers: { Host: 'docker' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]).length));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
}

export async function cliList(): Promise<number> {
  const { stdout } = await execFileP(
    'docker',
    ['container', 'ls', '--all', '--no-trunc', '--format', '{{json .}}', '--size=false'],
    { maxBuffer: 64 * 2 ** 20 },
  );
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown).length;
}

export function makeMsClient() {
  const client = new MsDockerClient();
  const factory = new ShellStreamCommandRunnerFactory({ strict: true });
  const runner = factory.getCommandRunner();
  return {
    async list(): Promise<number> {
      const items = await runner(client.listContainers({ all: true }));
      return items?.length ?? 0;
    },
    async listAndInspect(): Promise<number> {
      const items = (await runner(client.listContainers({ all: true }))) ?? [];
      const inspected = (await runner(client.inspectContainers({ containers: items.map((c) => c.id) }))) ?? [];
      return inspected.length;
    },
  };
}

export interface ListingFigures {
  n: number;
  containersListed: number;
  ensure: EnsureResult;
  bare: Stats;
  ours: Stats;
  /** The same warm snapshot with `privileges: false`, in the same rounds: what reading privileges costs. */
  oursNoPrivileges: Stats;
  oursCold: Stats;
  cli: Stats;
  msList: Stats;
  msListInspect: Stats;
  ratios: {
    oursVsBare: number;
    cliVsBare: number;
    msListVsBare: number;
    msListInspectVsBare: number;
    oursVsMsListInspect: number;
    /** ours ÷ oursNoPrivileges: the privileges' share of the warm snapshot. */
    privilegesCost: number;
  };
  oursRequestsPerWarmTake?: number;
}

export async function measureListing(
  opts: Options,
  n: number,
  ensure: EnsureResult,
): Promise<{ figures: ListingFigures; snapshot: HostSnapshot }> {
  const { warmup, runs } = iterations(opts, n);
  const bare = makeBareList(DOCKER_SOCK);
  const containersListed = await bare();

  // Ours, warm: one Snapshotter kept across runs, as the extension keeps it (inspect answers are
  // kept per running container; namespaces and cgroups are read from /proc and /sys every time).
  const snapshotter = new Snapshotter({ sources: createDefaultSources({ engines: ['docker'] }) });
  let snapshot: HostSnapshot = await snapshotter.take();
  // The same, without privileges: its own sources, so each keeps its own inspect answers as the extension would.
  const withoutPrivileges = new Snapshotter({
    sources: createDefaultSources({ engines: ['docker'] }),
    privileges: false,
  });
  await withoutPrivileges.take();
  const ms = makeMsClient();

  // Interleaved rounds (bare, ours, ours without privileges, CLI, client list, client list + inspect,
  // once each per round), so a load spike from elsewhere on the machine hits every method alike and
  // the ratios hold.
  const samples: Record<'bare' | 'ours' | 'oursNoPrivileges' | 'cli' | 'msList' | 'msListInspect', number[]> = {
    bare: [],
    ours: [],
    oursNoPrivileges: [],
    cli: [],
    msList: [],
    msListInspect: [],
  };
  const msInspectEvery = n >= 300 ? 2 : 1; // list + inspect all at N=300 takes seconds: every other round
  const methods: Array<[keyof typeof samples, () => Promise<unknown>]> = [
    ['bare', bare],
    ['ours', async () => (snapshot = await snapshotter.take())],
    ['oursNoPrivileges', () => withoutPrivileges.take()],
    ['cli', cliList],
    ['msList', () => ms.list()],
    ['msListInspect', () => ms.listAndInspect()],
  ];
  for (let round = 0; round < warmup + runs; round++) {
    for (const [name, fn] of methods) {
      if (name === 'msListInspect' && round % msInspectEvery !== 0) continue;
      const t = performance.now();
      await fn();
      if (round >= warmup) samples[name].push(performance.now() - t);
    }
  }
  const bareStats = summarize(samples.bare);
  const oursStats = summarize(samples.ours);
  const oursNoPrivilegesStats = summarize(samples.oursNoPrivileges);
  for (const s of withoutPrivileges.sources) s.dispose();
  const cliStats = summarize(samples.cli);
  const msListStats = summarize(samples.msList);
  const msListInspectStats = summarize(samples.msListInspect);

  // Ours, cold: a new source each time (no kept inspect answers, new sockets): what the first
  // refresh after activation costs.
  const coldSamples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const fresh = new Snapshotter({ sources: createDefaultSources({ engines: ['docker'] }) });
    const t = performance.now();
    await fresh.take();
    coldSamples.push(performance.now() - t);
    for (const s of fresh.sources) s.dispose();
  }

  const figures: ListingFigures = {
    n,
    containersListed,
    ensure,
    bare: bareStats,
    ours: oursStats,
    oursNoPrivileges: oursNoPrivilegesStats,
    oursCold: summarize(coldSamples),
    cli: cliStats,
    msList: msListStats,
    msListInspect: msListInspectStats,
    ratios: {
      oursVsBare: oursStats.median / bareStats.median,
      cliVsBare: cliStats.median / bareStats.median,
      msListVsBare: msListStats.median / bareStats.median,
      msListInspectVsBare: msListInspectStats.median / bareStats.median,
      oursVsMsListInspect: oursStats.median / msListInspectStats.median,
      privilegesCost: oursStats.median / oursNoPrivilegesStats.median,
    },
  };
  return { figures, snapshot };
}

// ------------------------------------------------------------------------------------------------
// Refresh after one event, and engine requests per operation (through the counting proxy)

export interface RefreshFigures {
  n: number;
  refreshOne: Stats;
  fullTake: Stats;
  requestsPerRefreshOne: Record<string, number>;
  requestsPerFullTake: Record<string, number>;
  requestsPerColdTake: Record<string, number>;
  /** The two GETs refreshContainer makes, alone: the full list it re-reads, and the one-row list that would do. */
  bareFullList: Stats;
  bareFilteredList: Stats;
  bareInspect: Stats;
}

export function groupPaths(reqs: { method: string; path: string }[], calls: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reqs) {
    const key = `${r.method} ${decodeURIComponent(r.path)
      .replace(/^\/v[\d.]+/, '')
      .replace(/[0-9a-f]{64}/g, '{id}')}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  for (const k of Object.keys(out)) out[k] = Math.round((out[k] / calls) * 100) / 100;
  return out;
}

export async function measureRefresh(opts: Options, n: number, proxy: CountingProxy): Promise<RefreshFigures> {
  const { warmup, runs } = iterations(opts, n);
  const env = { ...process.env, DOCKER_HOST: `unix://${proxy.socketPath}` };
  let since = performance.now();
  const snapshotter = new Snapshotter({ sources: createDefaultSources({ engines: ['docker'], env }) });
  let snap = await snapshotter.take();
  const requestsPerColdTake = groupPaths(proxy.since(since), 1);
  const target = snap.containers.find((c) => c.name === benchName(0));
  if (!target) throw new Error(`${benchName(0)} is not in the snapshot`);

  for (let i = 0; i < warmup; i++) snap = await snapshotter.refreshContainer(snap, 'docker', target.id);
  since = performance.now();
  const oneSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    snap = await snapshotter.refreshContainer(snap, 'docker', target.id);
    oneSamples.push(performance.now() - t);
  }
  const requestsPerRefreshOne = groupPaths(proxy.since(since), runs);

  for (let i = 0; i < warmup; i++) await snapshotter.take();
  since = performance.now();
  const fullSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await snapshotter.take();
    fullSamples.push(performance.now() - t);
  }
  const requestsPerFullTake = groupPaths(proxy.since(since), runs);
  const bareFullList = await timeIt(makeBareList(DOCKER_SOCK), warmup, runs);
  const bareFilteredList = await timeIt(
    makeBareList(DOCKER_SOCK, `all=1&filters=${encodeURIComponent(JSON.stringify({ id: [target.id] }))}`),
    warmup,
    runs,
  );
  const inspectAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const bareInspect = await timeIt(
    () =>
      new Promise<void>((resolve, reject) => {
        http
          .get(
            {
              socketPath: DOCKER_SOCK,
              path: `/containers/${target.id}/json`,
              agent: inspectAgent,
              headers: { Host: 'docker' },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve());
            },
          )
          .on('error', reject);
      }),
    warmup,
    runs,
  );
  return {
    n,
    refreshOne: summarize(oneSamples),
    fullTake: summarize(fullSamples),
    requestsPerRefreshOne,
    requestsPerFullTake,
    requestsPerColdTake,
    bareFullList,
    bareFilteredList,
    bareInspect,
  };
}
