/**
 * "Usage over time" for one container: Mermaid `xychart-beta` sources drawn from the usage
 * sampler's history (usage/history.ts), memory (the working set) against its limit and CPU
 * against its quota, in the percent `docker stats` uses (100 % is one CPU). The panel draws the
 * two charts one under the other as one picture (DiagramSpec.moreSources).
 */
import { displayName } from '../displayText';
import { formatBytes, formatCpus, formatPercent } from '../format';
import type { HostSnapshot } from '../model';
import type { UsagePoint } from '../usage/history';
import { USAGE_DIAGRAM_ID, type DiagramSpec } from './diagram';
import { escapeMermaidLabel, quotedLabel } from './escape';
import { dagreFlowchart } from './layout';

export const USAGE_TITLE = 'Usage over time';

const MiB = 1024 * 1024;

/** Wide and low, so two stacked charts fit a panel; the legend names each line. */
const CHART_FRONTMATTER = [
  '---',
  'config:',
  '  xyChart:',
  '    width: 900',
  '    height: 330',
  '    showLegend: true',
  '---',
];

export interface UsageCharts {
  memory: string;
  /** Undefined when no sample has a CPU percent (no CPU controller to read). */
  cpu?: string;
}

/** At most this many x-axis labels: more overlap in a chart this wide. */
const MAX_X_LABELS = 12;

/**
 * Seconds before the last sample, as x-axis categories (`-58`, `-56`, … `0`) on every few samples,
 * so they do not overlap. xychart wants distinct categories: the unlabelled ones are runs of
 * zero-width spaces, one longer than the last, which draw nothing.
 */
function xAxis(points: readonly UsagePoint[], lastMs: number): string {
  const every = Math.ceil(points.length / MAX_X_LABELS);
  let blank = 0;
  const labels = points.map((p, i) => {
    if ((points.length - 1 - i) % every !== 0) return '\u200b'.repeat(++blank);
    return String(Math.round((p.atMs - lastMs) / 1000)).replace(/^-0$/, '0');
  });
  return `  x-axis "seconds ago" [${labels.map((l) => `"${l}"`).join(', ')}]`;
}

/**
 * About one sample per interval: a chart draws its points evenly spaced, so samples bunched together
 * (the feed samples again when it publishes an engine event) would bend the time axis. Walking back
 * from the newest, a sample is kept when it is most of an interval older than the one kept after it,
 * up to a gap of a few intervals.
 */
export function evenlySpaced(points: readonly UsagePoint[], intervalMs: number): UsagePoint[] {
  const kept: UsagePoint[] = [];
  for (let i = points.length - 1; i >= 0; i--) {
    const later = kept[kept.length - 1];
    const gap = later ? later.atMs - points[i].atMs : 0;
    // A gap of several intervals (sampling paused): what came before is not drawn as if it were next.
    if (gap > 2.5 * intervalMs) break;
    if (!later || gap >= 0.75 * intervalMs) kept.push(points[i]);
  }
  return kept.reverse();
}

const series = (values: readonly number[]): string => `[${values.map((v) => String(Number(v.toFixed(2)))).join(', ')}]`;

/** A round top for the y-axis a little above the highest value, so a line at the limit is not on the frame. */
function axisTop(highest: number): number {
  const target = highest * 1.1;
  const step = 10 ** Math.floor(Math.log10(target));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= target) return m * step;
  return 10 * step;
}

const plotLine = (legend: string, values: readonly number[]) =>
  `  line "${escapeMermaidLabel(legend)}" ${series(values)}`;

export function usageCharts(name: string, points: readonly UsagePoint[]): UsageCharts {
  const label = escapeMermaidLabel(name, 60);
  const lastMs = points[points.length - 1]?.atMs ?? 0;
  const memory = points.map((p) => (p.workingSetBytes ?? 0) / MiB);
  const memoryLimit = points.find((p) => p.memoryLimitBytes !== null)?.memoryLimitBytes ?? null;
  const workingSetNow = points[points.length - 1]?.workingSetBytes;
  const memoryLines = [
    ...CHART_FRONTMATTER,
    'xychart-beta',
    `  title "${label}: memory working set${memoryLimit === null ? ', no limit' : ' against its limit'}"`,
    xAxis(points, lastMs),
    `  y-axis "MiB" 0 --> ${axisTop(Math.max(1, ...memory, memoryLimit === null ? 0 : memoryLimit / MiB))}`,
    plotLine(`working set, now ${workingSetNow === undefined ? 'unknown' : formatBytes(workingSetNow)}`, memory),
  ];
  if (memoryLimit !== null)
    memoryLines.push(
      plotLine(
        `limit ${formatBytes(memoryLimit)}`,
        points.map(() => memoryLimit / MiB),
      ),
    );

  // The first sample of a container has no CPU percent yet (it needs the time between two).
  const cpuPoints = points.filter((p) => p.cpuPercent !== undefined);
  if (cpuPoints.length === 0) return { memory: memoryLines.join('\n') };
  const cpu = cpuPoints.map((p) => p.cpuPercent!);
  const cpus = points.find((p) => p.cpus !== null)?.cpus ?? null;
  const cpuLines = [
    ...CHART_FRONTMATTER,
    'xychart-beta',
    `  title "${label}: CPU, 100 #37; is one CPU${cpus === null ? ', no quota' : ' against its quota'}"`,
    xAxis(cpuPoints, lastMs),
    `  y-axis "#37; of one CPU" 0 --> ${axisTop(Math.max(10, ...cpu, cpus === null ? 0 : cpus * 100))}`,
    plotLine(`CPU, now ${formatPercent(cpu[cpu.length - 1])}`, cpu),
  ];
  if (cpus !== null)
    cpuLines.push(
      plotLine(
        `quota ${formatCpus(cpus)} (${formatPercent(cpus * 100)})`,
        cpuPoints.map(() => cpus * 100),
      ),
    );
  return { memory: memoryLines.join('\n'), cpu: cpuLines.join('\n') };
}

const CAPTION: [string, string] = [
  'Memory is the working set (the charge less inactive file, as docker stats counts it) against the limit; CPU is in percent of one CPU against the quota.',
  'Read from cgroupfs and /proc only while this panel shows it; the last samples are kept in memory, nowhere else.',
];

function placeholder(title: string, first: string, label: string): DiagramSpec {
  return {
    id: USAGE_DIAGRAM_ID,
    title,
    caption: [first, CAPTION[1]],
    source: `${dagreFlowchart('TB')}\n  waiting[${quotedLabel(label)}]`,
  };
}

/**
 * The usage charts of one container (ContainerInfo.key) from its sampled history; until there are
 * two samples, or when there is nothing to sample, a sentence that says why.
 */
export function containerUsageDiagram(
  snapshot: HostSnapshot | undefined,
  key: string,
  points: readonly UsagePoint[],
  intervalMs: number,
): DiagramSpec {
  if (!snapshot) return placeholder(USAGE_TITLE, 'Reading the container engines on this host…', 'Reading this host…');
  const c = snapshot.containers.find((x) => x.key === key);
  if (!c)
    return placeholder(USAGE_TITLE, 'This container is no longer on this host.', `No container ${key} on this host`);
  const title = `${USAGE_TITLE}: ${displayName(c.name)}`;
  if (c.state !== 'running' || !c.pid)
    return placeholder(
      title,
      `${displayName(c.name)} is ${c.state}: it has no usage to sample.`,
      `${c.name} is ${c.state}: no usage to sample`,
    );
  if (!c.cgroup?.memory && !c.cgroup?.cpu)
    return placeholder(
      title,
      'The kernel gives no usage figures for this container.',
      `${c.name}: no cgroup figures to sample`,
    );
  if (evenlySpaced(points, intervalMs).length < 2) {
    const every = `every ${Number((intervalMs / 1000).toFixed(1))} s`;
    return placeholder(
      title,
      `Sampling ${displayName(c.name)} ${every}: the chart is drawn from the second sample on.`,
      `Sampling ${c.name} ${every}…`,
    );
  }
  const charts = usageCharts(c.name, evenlySpaced(points, intervalMs));
  return {
    id: USAGE_DIAGRAM_ID,
    title,
    caption: CAPTION,
    source: charts.memory,
    moreSources: charts.cpu === undefined ? undefined : [charts.cpu],
  };
}
