/**
 * "Usage over time" for one container: Mermaid `xychart-beta` sources drawn from the usage
 * sampler's history (usage/history.ts), memory (the working set) against its limit and CPU
 * against its quota, in the percent `docker stats` uses (100 % is one CPU). Not registered yet:
 * the panel's owner wires it (DIAGRAMS registry) and checks it renders in the webview.
 */
import type { UsagePoint } from '../usage/history';
import { escapeMermaidLabel } from './escape';

const MiB = 1024 * 1024;

export interface UsageCharts {
  memory: string;
  cpu: string;
}

/** Seconds before the last sample, as x-axis labels: `-58, -56, … 0`. */
function xAxis(points: readonly UsagePoint[]): string {
  const last = points[points.length - 1]?.atMs ?? 0;
  return `[${points.map((p) => String(Math.round((p.atMs - last) / 1000))).join(', ')}]`;
}

const series = (values: readonly number[]): string => `[${values.map((v) => String(Number(v.toFixed(2)))).join(', ')}]`;

export function usageCharts(name: string, points: readonly UsagePoint[]): UsageCharts {
  const label = escapeMermaidLabel(name, 60);
  const x = `  x-axis "seconds ago" ${xAxis(points)}`;
  const memory = points.map((p) => (p.workingSetBytes ?? 0) / MiB);
  const memoryLimit = points.find((p) => p.memoryLimitBytes !== null)?.memoryLimitBytes ?? null;
  const memoryTop = Math.max(1, ...memory, memoryLimit === null ? 0 : memoryLimit / MiB);
  const memoryLines = [
    'xychart-beta',
    `  title "${label}: memory working set (MiB)${memoryLimit === null ? ', no limit' : ' against its limit'}"`,
    x,
    `  y-axis "MiB" 0 --> ${Math.ceil(memoryTop)}`,
    `  line ${series(memory)}`,
  ];
  if (memoryLimit !== null) memoryLines.push(`  line ${series(points.map(() => memoryLimit / MiB))}`);

  const cpu = points.map((p) => p.cpuPercent ?? 0);
  const cpus = points.find((p) => p.cpus !== null)?.cpus ?? null;
  const cpuTop = Math.max(10, ...cpu, cpus === null ? 0 : cpus * 100);
  const cpuLines = [
    'xychart-beta',
    `  title "${label}: CPU % (100 = one CPU)${cpus === null ? ', no quota' : ' against its quota'}"`,
    x,
    `  y-axis "%" 0 --> ${Math.ceil(cpuTop)}`,
    `  line ${series(cpu)}`,
  ];
  if (cpus !== null) cpuLines.push(`  line ${series(points.map(() => cpus * 100))}`);
  return { memory: memoryLines.join('\n'), cpu: cpuLines.join('\n') };
}
