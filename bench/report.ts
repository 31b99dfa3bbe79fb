/** The bench's report: every figure as markdown tables, with the targets. */
import type { BundleFigures } from './bundles';
import type { EventFigures, IdleFigures } from './events';
import type { HoverFigures } from './hovers';
import type { YamlHoverFigures } from './yamlHovers';
import type { ListingFigures, RefreshFigures } from './listing';
import type { Options } from './options';
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

export function render(res: Results): string {
  const parts: string[] = [];
  const m = res.machine;
  parts.push(
    `Machine: ${String(m.cpuModel)}, ${String(m.nproc)} cores, ${String(m.memTotalMiB)} MiB; ${String(m.os)}, Linux ${String(m.kernel)}; Node ${String(m.node)}; Docker ${String(m.docker)}; ${String(m.date)}; load average at start ${String(m.loadAverageAtStart)}, at end ${String(m.loadAverageAtEnd)} (other engineers' test runs share the 2 cores).`,
  );
  parts.push('');
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
  for (const l of res.listing) {
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
  if (res.listing.length > 1) {
    const a = res.listing[0];
    const b = res.listing[res.listing.length - 1];
    const g = (s1: Stats, s2: Stats) => x(s2.median / s1.median);
    parts.push('');
    parts.push(
      `Growth ${a.n} → ${b.n} containers (${x(b.containersListed / a.containersListed)} as many listed): bare ${g(a.bare, b.bare)}, snapshot ${g(a.ours, b.ours)}, snapshot without privileges ${g(a.oursNoPrivileges, b.oursNoPrivileges)}, docker CLI ${g(a.cli, b.cli)}, container-client list ${g(a.msList, b.msList)}, list + inspect ${g(a.msListInspect, b.msListInspect)}.`,
    );
  }
  if (res.refresh) {
    const r = res.refresh;
    const fmtReq = (o: Record<string, number>) =>
      Object.entries(o)
        .map(([k, v]) => `${Number.isInteger(v) ? v : v.toFixed(2)}× ${k}`)
        .join(', ') || 'none';
    parts.push('');
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
  }
  if (res.events.length) {
    parts.push('');
    parts.push(
      `**Event → snapshot** (the real HostSnapshotFeed in plain Node, \`vscode\` stood in for; measured at N = ${res.events[0].n}; the tree itself: ${res.host.treeNote})`,
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
    for (const e of res.events) {
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
  }
  if (res.idle) {
    parts.push('');
    parts.push(
      `**Idle while watching** (${res.idle.seconds} s, default debounce): ${res.idle.unexplained} engine requests beyond the one long-lived \`/events\` stream that no container event explains ${mark(res.idle.unexplained === 0)}; ` +
        `${res.idle.requests} requests in all, answering ${res.idle.containerEvents} events of ${res.idle.containersWithEvents} containers started or removed meanwhile by other runs on this machine (${res.idle.eventsStreamsOpen} \`/events\` streams opened over the whole bench, one per feed)` +
        `${res.idle.paths.length ? `; unexplained: ${res.idle.paths.slice(0, 10).join(', ')}` : ''}.`,
    );
  }
  if (res.usage) parts.push('', ...usageSection(res.usage));
  parts.push('');
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
  for (const h of res.hovers)
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
  if (res.yamlHovers.length) {
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
    for (const h of res.yamlHovers)
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
  parts.push('');
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
  for (const r of res.renders) {
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
  parts.push('');
  if (res.panel) parts.push(...panelLoadSection(res.panel), '');
  parts.push('**Bundles** (production build: minified, no source maps)');
  parts.push('');
  parts.push(
    table([
      ['file', 'size', 'gzip -9'],
      ...res.bundles.map((b) => [
        b.file,
        `${(b.bytes / 1024).toFixed(1)} KiB`,
        `${(b.gzipBytes / 1024).toFixed(1)} KiB`,
      ]),
    ]),
  );
  parts.push('');
  parts.push("**In VS Code** (code-server's VS Code server, Chromium)");
  parts.push('');
  parts.push(
    table([
      ['figure', 'value', 'target'],
      [
        "activation, VS Code's own figure (Developer: Show Running Extensions: code loading + activate() call)",
        res.host.runningExtensionsMs !== undefined
          ? `${res.host.runningExtensionsMs} ms`
          : `not measured: ${res.host.runningExtensionsRow ?? res.host.reason ?? '?'}`,
        `≤ 20 ms ${mark(res.host.runningExtensionsMs === undefined ? undefined : res.host.runningExtensionsMs <= 20)}`,
      ],
      [
        'floor: an empty extension (requires vscode, empty activate()) activated by the same click',
        res.host.floorExtensionMs !== undefined
          ? `${res.host.floorExtensionMs} ms · ours ${x((res.host.runningExtensionsMs ?? NaN) / res.host.floorExtensionMs)}`
          : 'not measured',
        '–',
      ],
      [
        'every session (VS Code figure / floor / bundle evaluation + activate())',
        (res.host.sessions ?? [])
          .map(
            (h) =>
              `${h.runningExtensionsMs ?? '?'} / ${h.floorExtensionMs ?? '?'} / ${h.bundleEvaluationMs ?? '?'} + ${h.activateCallMs ?? '?'} ms`,
          )
          .join('; ') || '–',
        '–',
      ],
      [
        "of which the extension's own code: bundle evaluation + activate() (its log, performance.now())",
        res.host.activateCallMs !== undefined
          ? `${((res.host.bundleEvaluationMs ?? 0) + res.host.activateCallMs).toFixed(1)} ms (${res.host.bundleEvaluationMs?.toFixed(1)} + ${res.host.activateCallMs.toFixed(1)})`
          : `not measured: ${res.host.reason ?? '?'}`,
        '–',
      ],
      [
        'activation CPU profile, click → activated (extension host inspector)',
        res.host.activationProfile
          ? `${res.host.activationProfile.windowMs.toFixed(0)} ms window, ${res.host.activationProfile.inOwnCodeMs.toFixed(1)} ms in the extension's bundle; ${res.host.activationProfile.file}`
          : `not taken: ${res.host.profileProblem ?? res.host.reason ?? '?'}`,
        '–',
      ],
      [
        'Containers view click → a bench container shown',
        res.host.treeShownMs !== undefined ? `${res.host.treeShownMs} ms` : 'not seen',
        '–',
      ],
      [
        'event → tree: `docker start` returned → its row in the tree says it runs (timed in the page; median of 5 probes, all listed)',
        res.host.eventToTreeMs?.length
          ? `${fmtMs(summarize(res.host.eventToTreeMs).median)} (${res.host.eventToTreeMs.join(', ')} ms)`
          : 'not measured',
        `≤ 50 ms ${mark(res.host.eventToTreeMs?.length ? summarize(res.host.eventToTreeMs).median <= 50 : undefined)}`,
      ],
      [
        'extension host peak RSS (VmHWM) with the Containers view open',
        res.host.peakRssMiB !== undefined
          ? `${res.host.peakRssMiB.toFixed(0)} MiB peak, ${res.host.rssMiB?.toFixed(0) ?? '?'} MiB now (${res.listing.at(-1)?.containersListed ?? '?'} containers on the host)`
          : `not measured: ${res.host.reason ?? '?'}`,
        '–',
      ],
    ]),
  );
  if (res.host.activationProfile) {
    parts.push('');
    parts.push(
      `Heaviest functions in the activation window (self time): ${res.host.activationProfile.topSelf.slice(0, 8).join('; ')}.`,
    );
    parts.push('');
    parts.push(
      `The extension's own frames (inclusive): ${res.host.activationProfile.topOwn.join('; ') || 'none sampled'}.`,
    );
  }
  parts.push('');
  parts.push('**Targets**');
  parts.push('');
  parts.push(
    table([['figure', 'target', 'value', ''], ...res.targets.map((t) => [t.what, t.target, t.value, mark(t.met)])]),
  );
  if (res.notes.length) {
    parts.push('');
    for (const n of res.notes) parts.push(`- ${n}`);
  }
  return parts.join('\n');
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
