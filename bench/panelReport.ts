/** The panel-opening figures as a report section and as rows of the Targets table. */
import type { PanelLoadFigures } from './panelLoad';
import { table, x, type Results } from './report';
import { fmtMs, fmtStats, summarize } from './stats';

const INITIAL_SCRIPT_TARGET_BYTES = 1_500_000;
const PAGE_TO_RENDERED_TARGET_MS = 400;
const COMMAND_TO_RENDERED_TARGET_MS = 500;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (v: number[]) => summarize(v).median;

export function panelLoadSection(p: PanelLoadFigures): string[] {
  const parts = [
    `**Opening the panel** (its first diagram, \`${p.diagram}\`; split: the ES module entry and chunks as built now; single: the one IIFE bundle it replaced, built from the same sources in the same run; interleaved)`,
    '',
  ];
  const b = p.browser;
  const rows = [['figure', 'split (now)', 'single bundle (before)', 'ratio']];
  if (b) {
    rows.push(
      [
        'scripts requested before the entry ran: its static imports and the modulepreloads (Chromium, Resource Timing)',
        `${kib(b.split.initialBytes)} in ${b.split.initialFiles} files`,
        `${kib(b.single.initialBytes)} in ${b.single.initialFiles} file`,
        x(b.split.initialBytes / b.single.initialBytes),
      ],
      [
        'scripts loaded by the first diagram rendered',
        `${kib(b.split.firstDiagramBytes)} in ${b.split.firstDiagramFiles} files`,
        `${kib(b.single.firstDiagramBytes)} in ${b.single.firstDiagramFiles} file`,
        x(b.split.firstDiagramBytes / b.single.firstDiagramBytes),
      ],
      [
        'page load → first diagram rendered (Chromium, navigation start → `rendered`)',
        fmtStats(b.split.pageToRenderedMs),
        fmtStats(b.single.pageToRenderedMs),
        x(b.split.pageToRenderedMs.median / b.single.pageToRenderedMs.median),
      ],
      [
        'of which navigation start → the entry ran (posts `ready`)',
        fmtStats(b.split.pageToReadyMs),
        fmtStats(b.single.pageToReadyMs),
        x(b.split.pageToReadyMs.median / b.single.pageToReadyMs.median),
      ],
      [
        'of which mermaid’s render (webview elapsedMs)',
        fmtStats(b.split.renderMs),
        fmtStats(b.single.renderMs),
        x(b.split.renderMs.median / b.single.renderMs.median),
      ],
    );
  } else rows.push(['Chromium', p.browserProblem ?? 'not measured', '', '']);
  const v = p.vscode;
  if (v)
    rows.push([
      'Open Architecture Panel command → first diagram rendered (VS Code; median of sessions, each listed)',
      `${fmtMs(median(v.split))} (${v.split.join(', ')} ms)`,
      `${fmtMs(median(v.single))} (${v.single.join(', ')} ms)`,
      x(median(v.split) / median(v.single)),
    ]);
  else rows.push(['VS Code', p.vscodeProblem ?? 'not measured', '', '']);
  parts.push(table(rows));
  return parts;
}

export function panelLoadTargets(p: PanelLoadFigures | undefined): Results['targets'] {
  if (!p) return [];
  const b = p.browser;
  const v = p.vscode;
  return [
    {
      what: 'initial webview script (entry, static imports, modulepreloads), ratio to the single bundle',
      target: '≤ 1.5 MB',
      value: b ? `${kib(b.split.initialBytes)} · ${x(b.split.initialBytes / b.single.initialBytes)}` : 'not measured',
      met: b ? b.split.initialBytes <= INITIAL_SCRIPT_TARGET_BYTES : undefined,
    },
    {
      what: 'page load → first diagram rendered, Chromium, ratio to the single bundle',
      target: `≤ ${PAGE_TO_RENDERED_TARGET_MS} ms`,
      value: b
        ? `${fmtMs(b.split.pageToRenderedMs.median)} · ${x(b.split.pageToRenderedMs.median / b.single.pageToRenderedMs.median)}`
        : 'not measured',
      met: b ? b.split.pageToRenderedMs.median <= PAGE_TO_RENDERED_TARGET_MS : undefined,
    },
    {
      what: 'Open Architecture Panel → first diagram rendered, VS Code, ratio to the single bundle',
      target: `≤ ${COMMAND_TO_RENDERED_TARGET_MS} ms`,
      value: v ? `${fmtMs(median(v.split))} · ${x(median(v.split) / median(v.single))}` : 'not measured',
      met: v ? median(v.split) <= COMMAND_TO_RENDERED_TARGET_MS : undefined,
    },
  ];
}
