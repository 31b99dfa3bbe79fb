/**
 * `npm run bench`: Container Anatomy against the floor (a bare Docker list on the socket), the docker
 * CLI and Microsoft Container Tools' own client, on real engines with N generated containers.
 * A benchmark, not a test: it never fails on a missed target; it reports ✓/✗ next to each figure.
 * Writes a table to stdout and test-results/bench.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HostSnapshot } from '../src/core/model';
import { measureBundles } from './bundles';
import { cleanup, cleanups, DOCKER_SOCK, log, repo } from './common';
import { ensureContainers, removeAllBenchContainers } from './containers';
import { measureEvents, type EventFigures, type IdleFigures } from './events';
import { measureVsCodeHostSessions } from './hostSessions';
import { measureHovers } from './hovers';
import { measureYamlHovers } from './yamlHovers';
import { measureListing, measureRefresh, type ListingFigures, type RefreshFigures } from './listing';
import { ensureEngines, machineInfo, waitForQuietCpu } from './machine';
import { parseArgs, wants, wantsContainers } from './options';
import { CountingProxy } from './proxy';
import { measurePanelLoad, type PanelLoadFigures } from './panelLoad';
import { panelLoadTargets } from './panelReport';
import { measureRenders, type RenderFigures } from './renders';
import { render, x, type Results } from './report';
import { fmtMs, fmtStats, summarize } from './stats';
import { measureUsage, type UsageFigures } from './usage';
import { measureVsCodeHost, type HostFigures } from './vscodeHost';
import { DEFAULT_MAX_CONTAINERS_PER_RUNTIME } from '../src/core/diagrams/liveHost';

/** The event → snapshot cases: debounce 0 is the floor, 150 ms the default; `all` reads every engine. */
const EVENT_CASES = [
  [0, 'docker'],
  [150, 'docker'],
  [150, 'all'],
] as const;

/** Issue 12: reading what each container may do costs at most a tenth of the warm snapshot. */
const PRIVILEGES_COST_TARGET = 1.1;

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  ensureEngines();
  const machine = machineInfo();
  log(`machine: ${JSON.stringify(machine)}`);
  log(`options: ${JSON.stringify(opts)}`);
  // Only a run that makes the bench containers removes them: `--only hovers,panel` leaves any alone.
  if (!opts.keep && (opts.hostOnly || wantsContainers(opts)))
    cleanups.push(async () => log(`removed ${await removeAllBenchContainers()} bench containers`));
  if (opts.hostOnly) {
    // Only the VS Code host figures, with the bench containers as they are (for trying the host part).
    const host = await measureVsCodeHostSessions(opts.quick ? 1 : 3);
    const profiled = await measureVsCodeHost(repo, { profile: true });
    process.stdout.write(
      `${JSON.stringify({ ...host, activation: activationAgainstFloor(host), activationProfile: profiled.activationProfile, profileProblem: profiled.profileProblem }, null, 2)}\n`,
    );
    return;
  }
  const proxy = new CountingProxy(DOCKER_SOCK);
  await proxy.start();
  cleanups.push(() => proxy.close());

  const notes: string[] = [
    'vscode-container-client loads `vscode` only for the enums ShellQuoting and FileType: the bench is bundled with an esbuild alias `vscode` → bench/vscodeStub.ts, which has those enums (values from @types/vscode); our own code needs no vscode (the feed is in the vscode-free core). Its real DockerClient + ShellStreamCommandRunnerFactory run the real docker CLI.',
    'The Container Anatomy snapshot here is Snapshotter.take() with createDefaultSources({ engines: ["docker"] }): the engine list, inspect of running containers (answers kept while a container runs), and for every running container its 8 namespaces and cgroup read from /proc and /sys, with verdicts across all of them, and its privileges explained: /proc/PID/status read every time, while the engine answers, through a descriptor kept open (its parse kept while its privilege lines read the same; where that descriptor proves the process unchanged, the cgroup file is not read again), uid_map and gid_map kept while PID and user namespace are the same, attr/current where the kernel has an LSM. "Without privileges" is the same with `privileges: false`, in the same interleaved rounds.',
    "Bench containers: busybox `sleep 1000000` on `--network none` (no veth pairs), label anatomy.bench=1; the host's other containers are listed too, so N+others are listed.",
  ];
  const listing: ListingFigures[] = [];
  let host: HostFigures = { reason: 'skipped (--no-host)', treeNote: 'not measured inside VS Code (--no-host)' };
  const snapshots = new Map<number, HostSnapshot>();
  // Largest N first: removing containers down to the next N is much faster than creating them again.
  // The refresh, event and idle figures are taken at the largest N, before shrinking.
  const maxN = opts.ns[opts.ns.length - 1];
  let refresh: RefreshFigures | undefined;
  const events: EventFigures[] = [];
  let idle: IdleFigures | undefined;
  let usage: UsageFigures | undefined;
  for (const n of wantsContainers(opts) ? [...opts.ns].reverse() : []) {
    log(`N=${n}: making ${n} containers…`);
    const ensure = await ensureContainers(n);
    log(`N=${n}: ${ensure.created} created, ${ensure.started} started, ${ensure.reused} reused in ${fmtMs(ensure.ms)}`);
    const settled = await waitForQuietCpu(300_000);
    log(`N=${n}: the machine settled after ${fmtMs(settled.ms)} (${settled.idlePercent.toFixed(0)}% idle)`);
    machine[`settledBeforeN${n}`] = `${(settled.ms / 1000).toFixed(0)} s, ${settled.idlePercent.toFixed(0)}% idle`;
    if (wants(opts, 'listing') || wants(opts, 'renders')) {
      // The renders draw the snapshot the listing took at each N.
      log(`N=${n}: listing…`);
      const { figures, snapshot } = await measureListing(opts, n, ensure);
      listing.push(figures);
      snapshots.set(n, snapshot);
      log(
        `N=${n}: bare ${fmtStats(figures.bare)}, ours ${fmtStats(figures.ours)} (${x(figures.ratios.oursVsBare)}), ours without privileges ${fmtStats(figures.oursNoPrivileges)} (privileges ${x(figures.ratios.privilegesCost)}), cli ${fmtStats(figures.cli)}, ms list ${fmtStats(figures.msList)}, ms list+inspect ${fmtStats(figures.msListInspect)}`,
      );
    }
    if (n !== maxN) continue;

    if (wants(opts, 'refresh')) {
      log(`refresh after one event at N=${maxN}…`);
      refresh = await measureRefresh(opts, maxN, proxy);
      log(
        `refreshContainer ${fmtStats(refresh.refreshOne)} ${JSON.stringify(refresh.requestsPerRefreshOne)}; take ${fmtStats(refresh.fullTake)} ${JSON.stringify(refresh.requestsPerFullTake)}`,
      );
    }
    for (const [d, engines] of wants(opts, 'events') ? EVENT_CASES : []) {
      log(`event → snapshot, debounce ${d} ms, engines: ${engines}…`);
      const r = await measureEvents(opts, maxN, proxy, d, engines);
      events.push(r.events);
      if (r.idle) idle = r.idle;
      log(
        `debounce ${d}, ${engines}: from start event ${fmtStats(r.events.fromStartEvent)}, from docker start returning ${fmtStats(r.events.fromRunReturned)}`,
      );
    }
    if (wants(opts, 'usage')) {
      log(`usage sampling at N=${maxN}…`);
      usage = await measureUsage(opts, maxN, proxy);
      log(
        `usage: ${usage.containers} containers, round ${fmtStats(usage.roundMs)}, cpu ${usage.samplingCpuPercent.toFixed(2)} % vs idle ${usage.idleCpuPercent.toFixed(2)} %, ${usage.engineRequests} engine requests, ${usage.filesPerSample} files per sample (first ${usage.filesFirstSample})`,
      );
    }
    if (!opts.skipHost && wants(opts, 'host')) {
      log(`VS Code host: activation and extension host memory with ${maxN} bench containers…`);
      host = await measureVsCodeHostSessions(opts.quick ? 1 : 3);
      log('VS Code host again, with the V8 profiler on the extension host around activation…');
      const profiled = await measureVsCodeHost(repo, { profile: true }).catch((e: unknown) => ({
        profileProblem: e instanceof Error ? e.message.split('\n')[0] : String(e),
        activationProfile: undefined,
      }));
      host = { ...host, activationProfile: profiled.activationProfile, profileProblem: profiled.profileProblem };
      log(`VS Code host: ${JSON.stringify(host)}`);
    }
  }
  listing.sort((a, b) => a.n - b.n);
  const sortedSnapshots = new Map([...snapshots].sort((a, b) => a[0] - b[0]));

  if (wants(opts, 'hovers')) log('hovers…');
  const hovers = wants(opts, 'hovers') ? measureHovers(opts) : [];
  for (const h of hovers) log(`hover ${h.lines} lines: ours ${fmtStats(h.ours)}, theirs ${fmtStats(h.theirs)}`);
  const yamlHovers = wants(opts, 'hovers') ? measureYamlHovers(opts) : [];
  for (const h of yamlHovers)
    log(`${h.file} hover ${h.lines} lines: ${fmtStats(h.hover)}, first ${fmtStats(h.firstHover)}`);

  if (wants(opts, 'bundles')) log('bundles…');
  const bundles = wants(opts, 'bundles') ? await measureBundles() : [];

  let renders: RenderFigures[] = [];
  if (!opts.skipBrowser && wants(opts, 'renders')) {
    log('live diagram renders in Chromium…');
    renders = await measureRenders(opts, sortedSnapshots);
    for (const r of renders) log(`render N=${r.n}: ${fmtStats(r.renderMs)}`);
  }

  let panel: PanelLoadFigures | undefined;
  if (wants(opts, 'panel')) {
    log('opening the panel: Chromium and VS Code, the split webview against the single bundle…');
    panel = await measurePanelLoad(repo, opts);
    log(`panel: ${JSON.stringify(panel)}`);
  }

  const n100 = renders.find((r) => r.n === 100);
  const ev0 = events.find((e) => e.debounceMs === 0);
  const ev150 = events.find((e) => e.debounceMs === 150 && e.engines === 'docker');
  const ev150all = events.find((e) => e.debounceMs === 150 && e.engines === 'all');
  const activation = activationAgainstFloor(host);
  const targets: Results['targets'] = [
    ...listing.map((l) => ({
      what: `snapshot vs bare list, N=${l.n}`,
      target: '≤ 1.5×',
      value: x(l.ratios.oursVsBare),
      met: l.ratios.oursVsBare <= 1.5,
    })),
    ...listing.map((l) => ({
      what: `privileges cost, warm snapshot with ÷ without, N=${l.n}`,
      target: `≤ ${PRIVILEGES_COST_TARGET}×`,
      value: x(l.ratios.privilegesCost),
      met: l.ratios.privilegesCost <= PRIVILEGES_COST_TARGET,
    })),
    ...hovers.map((h) => ({
      what: `Dockerfile hover median, ${h.lines} lines`,
      target: '≤ 1 ms',
      value: fmtMs(h.ours.median),
      met: h.ours.median <= 1,
    })),
    ...yamlHovers.map((h) => ({
      what: `${h.file === 'compose' ? 'compose' : 'Kubernetes'} hover median, ${h.lines} lines`,
      target: '≤ 1 ms',
      value: fmtMs(h.hover.median),
      met: h.hover.median <= 1,
    })),
    ...(ev0
      ? [
          {
            what: 'event → snapshot, debounce 0 (floor)',
            target: '≤ 100 ms',
            value: fmtMs(ev0.fromStartEvent.median),
            met: ev0.fromStartEvent.median <= 100,
          },
        ]
      : []),
    ...(ev150
      ? [
          {
            what: 'event → snapshot, debounce 150 ms (default setting)',
            target: '≤ 100 ms',
            value: fmtMs(ev150.fromStartEvent.median),
            met: ev150.fromStartEvent.median <= 100,
          },
        ]
      : []),
    ...(ev150all
      ? [
          {
            what: 'event → snapshot, every engine read (as the extension), debounce 150 ms',
            target: '≤ 100 ms',
            value: fmtMs(ev150all.fromStartEvent.median),
            met: ev150all.fromStartEvent.median <= 100,
          },
        ]
      : []),
    ...(idle
      ? [
          {
            what: `engine requests while idle (${idle.seconds} s), not caused by a container event`,
            target: '0',
            value: `${idle.unexplained} (${idle.requests} in all for ${idle.containerEvents} events from other runs)`,
            met: idle.unexplained === 0,
          },
        ]
      : []),
    ...(usage
      ? [
          {
            what: `usage sampling, ${usage.containers} containers every ${usage.intervalMs / 1000} s: CPU less the idle process's, % of one core`,
            target: '≤ 1 %',
            value: `${usage.costCpuPercent.toFixed(2)} % (${usage.samplingCpuPercent.toFixed(2)} % − ${usage.idleCpuPercent.toFixed(2)} % idle)`,
            met: usage.costCpuPercent <= 1,
          },
          {
            what: `engine requests while sampling usage (${usage.seconds} s)`,
            target: '0',
            value: String(usage.engineRequests),
            met: usage.engineRequests === 0,
          },
          {
            what: 'files read by one sample of one container (after its first)',
            target: '≤ 8',
            value: `${usage.filesPerSample} (first sample ${usage.filesFirstSample})`,
            met: usage.filesPerSample <= 8,
          },
        ]
      : []),
    // A section --only left out has no target row (it would only say "not measured").
    ...(wants(opts, 'host')
      ? [
          {
            what: `event → tree in VS Code (docker start → row shows it running), N=${maxN}`,
            target: '≤ 50 ms',
            value: host.eventToTreeMs?.length ? fmtMs(summarize(host.eventToTreeMs).median) : 'not measured',
            met: host.eventToTreeMs?.length ? summarize(host.eventToTreeMs).median <= 50 : undefined,
          },
          {
            what: 'activation (VS Code Running Extensions), median session ÷ the empty extension’s median, same run',
            target: '≤ 1.5×',
            value: activation
              ? `${x(activation.ratio)} (${activation.ours} ms vs ${activation.floor} ms)`
              : 'not measured',
            met: activation ? activation.ratio <= 1.5 : undefined,
          },
        ]
      : []),
    ...(wants(opts, 'renders')
      ? [
          {
            what: 'live diagram render, N=100',
            target: '≤ 1 s',
            value: n100 ? fmtMs(n100.renderMs.median) : 'not measured',
            met: n100 ? !n100.failed && n100.renderMs.median <= 1000 : undefined,
          },
        ]
      : []),
    ...panelLoadTargets(panel),
  ];
  if (renders.length)
    notes.push(
      `The live diagram draws at most ${DEFAULT_MAX_CONTAINERS_PER_RUNTIME} containers per runtime (DEFAULT_MAX_CONTAINERS_PER_RUNTIME) and summarizes the rest, so its render cost stops growing past ${DEFAULT_MAX_CONTAINERS_PER_RUNTIME}.`,
    );

  machine.loadAverageAtEnd = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const results: Results = {
    machine,
    options: opts,
    listing,
    refresh,
    events,
    idle,
    usage,
    hovers,
    yamlHovers,
    bundles,
    renders,
    panel,
    host,
    targets,
    notes,
    totalSeconds: (performance.now() - started) / 1000,
  };
  const text = render(results);
  process.stdout.write(
    `\n${text}\n\nTotal ${results.totalSeconds.toFixed(0)} s. Reproduce: npm run bench${opts.quick ? ' -- --quick' : ''}\n`,
  );
  fs.mkdirSync(path.join(repo, 'test-results'), { recursive: true });
  fs.writeFileSync(
    path.join(repo, 'test-results', 'bench.json'),
    JSON.stringify({ ...results, markdown: text }, null, 2),
  );
  fs.writeFileSync(path.join(repo, 'test-results', 'bench.md'), `${text}\n`);
  log('wrote test-results/bench.json and test-results/bench.md');
}

/** VS Code's activation figure against the empty extension's: the median of each over the sessions. */
function activationAgainstFloor(host: HostFigures): { ours: number; floor: number; ratio: number } | undefined {
  const sessions = host.sessions ?? [host];
  const ours = sessions.flatMap((h) => (h.runningExtensionsMs === undefined ? [] : [h.runningExtensionsMs]));
  const floors = sessions.flatMap((h) => (h.floorExtensionMs === undefined ? [] : [h.floorExtensionMs]));
  if (!ours.length || !floors.length) return undefined;
  const median = (v: number[]) => summarize(v).median;
  return { ours: median(ours), floor: median(floors), ratio: median(ours) / median(floors) };
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    // Open event streams or pooled sockets must not keep the process alive.
    setTimeout(() => process.exit(), 500).unref();
  });
