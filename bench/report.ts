/** The bench's report: every figure as markdown tables, with the targets. */
import type { BundleFigures } from './bundles';
import type { EventFigures, IdleFigures } from './events';
import type { HoverFigures } from './hovers';
import type { YamlHoverFigures } from './yamlHovers';
import type { ListingFigures, RefreshFigures } from './listing';
import { wants, type BenchSection, type Options } from './options';
import type { PanelLoadFigures } from './panelLoad';
import { panelLoadSection } from './panelReport';
import type { RenderFigures } from './renders';
import type { UsageFigures } from './usage';
import { fmtMs, fmtStats, summarize, type Stats } from './stats';
import type { HostFigures } from './vscodeHost';

export const mark = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? '✓' : '✗');
export const x = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a');

export interface Results {
  machine: Record<string, unknown>;
  options: Options;
  listing: ListingFigures[];
  refresh?: RefreshFigures;
  events: EventFigures[];
  idle?: IdleFigures;
  usage?: UsageFigures;
  hovers: HoverFigures[];
  yamlHovers: YamlHoverFigures[];
  bundles: BundleFigures[];
  renders: RenderFigures[];
  panel?: PanelLoadFigures;
  host: HostFigures;
  targets: Array<{ what: string; target: string; value: string; met: boolean | undefined }>;
  notes: string[];
  totalSeconds: number;
}

export function table(rows: string[][]): string {
  const header = rows[0];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const r of rows.slice(1)) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** The report of the sections that ran (`--only` picks some): a section not run prints no empty table. */
export function render(res: Results): string {
  const m = res.machine;
  const ran = (section: BenchSection) => wants(res.options, section);
  return [
    `Machine: ${String(m.cpuModel)}, ${String(m.nproc)} cores, ${String(m.memTotalMiB)} MiB; ${String(m.os)}, Linux ${String(m.kernel)}; Node ${String(m.node)}; Docker ${String(m.docker)}; ${String(m.date)}; load average at start ${String(m.loadAverageAtStart)}, at end ${String(m.loadAverageAtEnd)} (other engineers' test runs share the 2 cores).`,
    ...(res.listing.length ? ['', ...listingSection(res.listing)] : []),
    ...(res.refresh ? ['', ...refreshSection(res.refresh)] : []),
    ...(res.events.length ? ['', ...eventsSection(res.events, res.host)] : []),
    ...(res.idle ? ['', ...idleSection(res.idle)] : []),
    ...(res.usage ? ['', ...usageSection(res.usage)] : []),
    ...(ran('hovers') ? ['', ...hoverSection(res.hovers), ...yamlHoverSection(res.yamlHovers)] : []),
    ...(ran('renders') ? ['', ...rendersSection(res.renders)] : []),
    ...(res.panel ? ['', ...panelLoadSection(res.panel)] : []),
    ...(ran('bundles') ? ['', ...bundlesSection(res.bundles)] : []),
    ...(ran('host') ? ['', ...hostSection(res.host, res.listing)] : []),
    '',
    '**Targets**',
    '',
    table([['figure', 'target', 'value', ''], ...res.targets.map((t) => [t.what, t.target, t.value, mark(t.met)])]),
    ...(res.notes.length ? ['', ...res.notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
}

function listingSection(listing: readonly ListingFigures[]): string[] {
  const parts: string[] = [];
  parts.push(
    '**Listing every container** (median, p90 in brackets; warm runs; ratio = median ÷ the bare list at the same N)',
  );
  parts.push('');
  const rows = [
    [
      'N (+ others on host)',
      'bare GET /containers/json',
      'Container Anatomy snapshot (namespaces + cgroups + privileges)',
      'snapshot without privileges · with ÷ without',
      'snapshot, cold (first read)',
      'docker container ls (execFile)',
      'vscode-container-client list',
      'vscode-container-client list + inspect all',
      'snapshot ≤ 1.5× bare',
    ],
  ];
  for (const l of listing) {
    rows.push([
      `${l.n} (${l.containersListed})`,
      fmtStats(l.bare),
      `${fmtStats(l.ours)} · ${x(l.ratios.oursVsBare)}`,
      `${fmtStats(l.oursNoPrivileges)} · ${x(l.ratios.privilegesCost)}`,
      fmtMs(l.oursCold.median),
      `${fmtStats(l.cli)} · ${x(l.ratios.cliVsBare)}`,
      `${fmtStats(l.msList)} · ${x(l.ratios.msListVsBare)}`,
      `${fmtStats(l.msListInspect)} · ${x(l.ratios.msListInspectVsBare)}`,
      mark(l.ratios.oursVsBare <= 1.5),
    ]);
  }
  parts.push(table(rows));
  if (listing.length > 1) {
    const a = listing[0];
    const b = listing[listing.length - 1];
    const g = (s1: Stats, s2: Stats) => x(s2.median / s1.median);
    parts.push('');
    parts.push(
      `Growth ${a.n} → ${b.n} containers (${x(b.containersListed / a.containersListed)} as many listed): bare ${g(a.bare, b.bare)}, snapshot ${g(a.ours, b.ours)}, snapshot without privileges ${g(a.oursNoPrivileges, b.oursNoPrivileges)}, docker CLI ${g(a.cli, b.cli)}, container-client list ${g(a.msList, b.msList)}, list + inspect ${g(a.msListInspect, b.msListInspect)}.`,
    );
  }
  return parts;
}

function refreshSection(r: RefreshFigures): string[] {
  const parts: string[] = [];
  const fmtReq = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${Number.isInteger(v) ? v : v.toFixed(2)}× ${k}`)
      .join(', ') || 'none';
  parts.push(`**Refresh after one container event at N = ${r.n}** (engine requests counted on a proxy socket)`);
  parts.push('');
  parts.push(
    table([
      ['operation', 'time', 'engine requests per call'],
      ['Snapshotter.refreshContainer (one container)', fmtStats(r.refreshOne), fmtReq(r.requestsPerRefreshOne)],
      ['Snapshotter.take (full, warm)', fmtStats(r.fullTake), fmtReq(r.requestsPerFullTake)],
      ['Snapshotter.take (first, cold)', '–', fmtReq(r.requestsPerColdTake)],
      ['bare GET /containers/{id}/json', fmtStats(r.bareInspect), '1'],
      ['bare GET /containers/json?all=1 (full list, as refreshContainer does now)', fmtStats(r.bareFullList), '1'],
      ['bare GET /containers/json?all=1&filters={"id":[id]} (one row)', fmtStats(r.bareFilteredList), '1'],
    ]),
  );
  return parts;
}

function eventsSection(events: readonly EventFigures[], host: HostFigures): string[] {
  const parts: string[] = [];
  parts.push(
    `**Event → snapshot** (the real HostSnapshotFeed in plain Node, \`vscode\` stood in for; measured at N = ${events[0].n}; the tree itself: ${host.treeNote})`,
  );
  parts.push('');
  const rows2 = [
    [
      'debounce',
      'engines read',
      'from the `start` event arriving',
      'from `docker start` returning',
      'already there when `docker start` returned',
      '≤ 100 ms (from the event)',
    ],
  ];
  for (const e of events) {
    rows2.push([
      `${e.debounceMs} ms`,
      e.engines === 'all' ? 'all (as the extension)' : 'Docker',
      fmtStats(e.fromStartEvent),
      fmtStats(e.fromRunReturned),
      `${e.alreadyPresentWhenRunReturned}/${e.runs}`,
      mark(e.fromStartEvent.median <= 100),
    ]);
  }
  parts.push(table(rows2));
  return parts;
}

function idleSection(idle: IdleFigures): string[] {
  const parts: string[] = [];
  parts.push(
    `**Idle while watching** (${idle.seconds} s, default debounce): ${idle.unexplained} engine requests beyond the one long-lived \`/events\` stream that no container event explains ${mark(idle.unexplained === 0)}; ` +
      `${idle.requests} requests in all, answering ${idle.containerEvents} events of ${idle.containersWithEvents} containers started or removed meanwhile by other runs on this machine (${idle.eventsStreamsOpen} \`/events\` streams opened over the whole bench, one per feed)` +
      `${idle.paths.length ? `; unexplained: ${idle.paths.slice(0, 10).join(', ')}` : ''}.`,
  );
  return parts;
}

function hoverSection(hovers: readonly HoverFigures[]): string[] {
  const parts: string[] = [];
  parts.push(
    '**Dockerfile hover** (same document, same positions; `hoverAt` over a line source vs `computeHover(text, position)`)',
  );
  parts.push('');
  const rows3 = [
    [
      'lines',
      'positions',
      'Container Anatomy hoverAt',
      'dockerfile-language-service computeHover',
      'ratio',
      'hovers given (ours / theirs)',
      '≤ 1 ms median',
    ],
  ];
  for (const h of hovers)
    rows3.push([
      String(h.lines),
      String(h.positions),
      fmtStats(h.ours),
      fmtStats(h.theirs),
      `${x(h.ratio)} faster`,
      `${h.oursHits} / ${h.theirsHits}`,
      mark(h.ours.median <= 1),
    ]);
  parts.push(table(rows3));
  return parts;
}

function yamlHoverSection(yamlHovers: readonly YamlHoverFigures[]): string[] {
  const parts: string[] = [];
  if (yamlHovers.length) {
    parts.push('');
    parts.push(
      "**Compose and Kubernetes hover** (the provider's path: `YamlDocumentCache.hoverAt` over a `TextDocument`, the parse kept per document version; a snapshot of 100 running containers, half of them made from the file; no peer: see the README)",
    );
    parts.push('');
    const rowsY = [
      [
        'file',
        'lines',
        'documents',
        'positions (on keys)',
        'hover',
        'first hover (kind check + parse)',
        'hovers given',
        '≤ 1 ms median',
      ],
    ];
    for (const h of yamlHovers)
      rowsY.push([
        h.file,
        String(h.lines),
        String(h.documents),
        String(h.positions),
        fmtStats(h.hover),
        fmtStats(h.firstHover),
        String(h.hits),
        mark(h.hover.median <= 1),
      ]);
    parts.push(table(rowsY));
  }
  return parts;
}

function rendersSection(renders: readonly RenderFigures[]): string[] {
  const parts: string[] = [];
  parts.push('**Live diagram render** (Chromium, the real webview modules dist/webview/ and mermaid)');
  parts.push('');
  const rows4 = [
    [
      'N',
      'containers in snapshot',
      'mermaid source',
      'render (webview elapsedMs)',
      'page load → rendered',
      'SVG',
      '≤ 1 s at N=100',
    ],
  ];
  for (const r of renders) {
    rows4.push([
      String(r.n),
      String(r.containersInSnapshot),
      `${r.sourceChars} chars`,
      r.failed ? `failed: ${r.failed}` : fmtStats(r.renderMs),
      fmtStats(r.pageToRenderedMs),
      `${(r.svgBytes / 1024).toFixed(0)} KiB`,
      r.n === 100 ? mark(!r.failed && r.renderMs.median <= 1000) : '–',
    ]);
  }
  parts.push(table(rows4));
  return parts;
}

function bundlesSection(bundles: readonly BundleFigures[]): string[] {
  const parts: string[] = [];
  parts.push('**Bundles** (production build: minified, no source maps)');
  parts.push('');
  parts.push(
    table([
      ['file', 'size', 'gzip -9'],
      ...bundles.map((b) => [b.file, `${(b.bytes / 1024).toFixed(1)} KiB`, `${(b.gzipBytes / 1024).toFixed(1)} KiB`]),
    ]),
  );
  return parts;
}

function hostSection(host: HostFigures, listing: readonly ListingFigures[]): string[] {
  const parts: string[] = [];
  parts.push("**In VS Code** (code-server's VS Code server, Chromium)");
  parts.push('');
  parts.push(
    table([
      ['figure', 'value', 'target'],
      [
        "activation, VS Code's own figure (Developer: Show Running Extensions: code loading + activate() call)",
        host.runningExtensionsMs !== undefined
          ? `${host.runningExtensionsMs} ms`
          : `not measured: ${host.runningExtensionsRow ?? host.reason ?? '?'}`,
        `≤ 20 ms ${mark(host.runningExtensionsMs === undefined ? undefined : host.runningExtensionsMs <= 20)}`,
      ],
      [
        'floor: an empty extension (requires vscode, empty activate()) activated by the same click',
        host.floorExtensionMs !== undefined
          ? `${host.floorExtensionMs} ms · ours ${x((host.runningExtensionsMs ?? NaN) / host.floorExtensionMs)}`
          : 'not measured',
        '–',
      ],
      [
        'every session (VS Code figure / floor / bundle evaluation + activate())',
        (host.sessions ?? [])
          .map(
            (h) =>
              `${h.runningExtensionsMs ?? '?'} / ${h.floorExtensionMs ?? '?'} / ${h.bundleEvaluationMs ?? '?'} + ${h.activateCallMs ?? '?'} ms`,
          )
          .join('; ') || '–',
        '–',
      ],
      [
        "of which the extension's own code: bundle evaluation + activate() (its log, performance.now())",
        host.activateCallMs !== undefined
          ? `${((host.bundleEvaluationMs ?? 0) + host.activateCallMs).toFixed(1)} ms (${host.bundleEvaluationMs?.toFixed(1)} + ${host.activateCallMs.toFixed(1)})`
          : `not measured: ${host.reason ?? '?'}`,
        '–',
      ],
      [
        'activation CPU profile, click → activated (extension host inspector)',
        host.activationProfile
          ? `${host.activationProfile.windowMs.toFixed(0)} ms window, ${host.activationProfile.inOwnCodeMs.toFixed(1)} ms in the extension's bundle; ${host.activationProfile.file}`
          : `not taken: ${host.profileProblem ?? host.reason ?? '?'}`,
        '–',
      ],
      [
        'Containers view click → a bench container shown',
        host.treeShownMs !== undefined ? `${host.treeShownMs} ms` : 'not seen',
        '–',
      ],
      [
        'event → tree: `docker start` returned → its row in the tree says it runs (timed in the page; median of 5 probes, all listed)',
        host.eventToTreeMs?.length
          ? `${fmtMs(summarize(host.eventToTreeMs).median)} (${host.eventToTreeMs.join(', ')} ms)`
          : 'not measured',
        `≤ 50 ms ${mark(host.eventToTreeMs?.length ? summarize(host.eventToTreeMs).median <= 50 : undefined)}`,
      ],
      [
        'extension host peak RSS (VmHWM) with the Containers view open',
        host.peakRssMiB !== undefined
          ? `${host.peakRssMiB.toFixed(0)} MiB peak, ${host.rssMiB?.toFixed(0) ?? '?'} MiB now (${listing.at(-1)?.containersListed ?? '?'} containers on the host)`
          : `not measured: ${host.reason ?? '?'}`,
        '–',
      ],
    ]),
  );
  if (host.activationProfile) {
    parts.push('');
    parts.push(
      `Heaviest functions in the activation window (self time): ${host.activationProfile.topSelf.slice(0, 8).join('; ')}.`,
    );
    parts.push('');
    parts.push(
      `The extension's own frames (inclusive): ${host.activationProfile.topOwn.join('; ') || 'none sampled'}.`,
    );
  }
  return parts;
}

function usageSection(u: UsageFigures): string[] {
  return [
    `**Usage sampling** (${u.containers} bench containers every ${u.intervalMs / 1000} s for ${u.seconds} s, Snapshotter.refreshUsage as the feed's usage timer calls it; the baseline is the same process on the same timer doing nothing, for as long, just before)`,
    '',
    table([
      ['figure', 'value', 'target'],
      ['one round (every container sampled)', fmtStats(u.roundMs), '–'],
      ['process CPU while sampling, % of one core', `${u.samplingCpuPercent.toFixed(2)} %`, '–'],
      ['process CPU idle on the same timer', `${u.idleCpuPercent.toFixed(2)} %`, '–'],
      ['sampling less idle', `${u.costCpuPercent.toFixed(2)} %`, `≤ 1 % ${mark(u.costCpuPercent <= 1)}`],
      ['engine requests while sampling', String(u.engineRequests), `0 ${mark(u.engineRequests === 0)}`],
      [
        'files read by one sample of one container',
        `${u.filesPerSample} (its first sample: ${u.filesFirstSample})`,
        `≤ 8 ${mark(u.filesPerSample <= 8)}`,
      ],
    ]),
    '',
    `Files of one later sample: ${u.filesRead.map((f) => `\`${f.replace(/\/[0-9a-f]{64}/g, '/<id>')}\``).join(', ')}.` +
      (u.requestPaths.length ? ` Requests: ${u.requestPaths.slice(0, 10).join(', ')}.` : ''),
  ];
}
