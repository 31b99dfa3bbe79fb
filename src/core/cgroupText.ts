/**
 * A container's cgroup figures as the tree and the CLI print them, so both say the same: one line
 * per controller, and the explanations the tree's tooltips add.
 */
import type { CgroupReport } from './model';
import { formatBytes, formatCpus, formatPercent, formatUsageAgainstLimit } from './format';

type Memory = NonNullable<CgroupReport['memory']>;
type Cpu = NonNullable<CgroupReport['cpu']>;

/**
 * `used / limit`, then what else bounds the memory: `258 MiB / unlimited, throttled above 256 MiB`.
 * Used is the working set, as `docker stats` shows it (the raw charge where memory.stat was not
 * read). Swap is left to swapText: engines set it on every limited container (Docker: twice the memory).
 */
export function memoryText(memory: Memory): string {
  const used = memory.workingSetBytes ?? memory.usageBytes;
  const parts = [formatUsageAgainstLimit(used, memory.limitBytes, formatBytes)];
  if (memory.highBytes !== undefined) parts.push(`throttled above ${formatBytes(memory.highBytes)}`);
  if (memory.reservationBytes !== undefined) parts.push(`reservation ${formatBytes(memory.reservationBytes)}`);
  const kills = memory.events?.oomKills ?? 0;
  if (kills > 0) parts.push(`${kills} OOM kill${kills === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/**
 * What the working set is made of, on one line: `charge 43.8 MiB: anon 1 MiB, file 42 MiB (40 MiB
 * inactive, reclaimable), shmem 0 B, kernel 820 KiB; 0 OOM kills`.
 */
export function memoryMadeOf(memory: Memory): string | undefined {
  const b = memory.breakdown;
  if (memory.usageBytes === undefined || !b) return undefined;
  const parts = [
    `anon ${formatBytes(b.anonBytes)}`,
    `file ${formatBytes(b.fileBytes)} (${formatBytes(b.inactiveFileBytes)} inactive, reclaimable)`,
    `shmem ${formatBytes(b.shmemBytes)}`,
  ];
  if (b.kernelBytes !== undefined) parts.push(`kernel ${formatBytes(b.kernelBytes)}`);
  if (b.swapBytes) parts.push(`swap ${formatBytes(b.swapBytes)}`);
  const kills = memory.events ? `; ${memory.events.oomKills} OOM kill${memory.events.oomKills === 1 ? '' : 's'}` : '';
  return `charge ${formatBytes(memory.usageBytes)}: ${parts.join(', ')}${kills}`;
}

/** The swap limit when there is one: `512 MiB`, `none`, or v1's `128 MiB with memory`. */
export function swapText(memory: Memory): string | undefined {
  if (memory.swapLimitBytes !== undefined)
    return memory.swapLimitBytes === 0 ? 'none' : formatBytes(memory.swapLimitBytes);
  if (memory.memswLimitBytes !== undefined) return `${formatBytes(memory.memswLimitBytes)} with memory`;
  return undefined;
}

/**
 * `0.5 CPU (cpuset 0-1)`, with the weight or shares when they are not the default; with a sampled
 * percent, `49.8 % / 0.5 CPU (50 %)` (100 % is one CPU busy, as `docker stats` counts), and how
 * often the quota ran out.
 */
export function cpuText(cpu: Cpu): string {
  const limit = cpu.cpus === null ? 'unlimited' : formatCpus(cpu.cpus);
  let text = `${limit}${cpu.cpuset ? ` (cpuset ${cpu.cpuset})` : ''}`;
  if (cpu.percent !== undefined)
    text = `${formatPercent(cpu.percent)} / ${limit}${cpu.cpus === null ? '' : ` (${formatPercent(cpu.cpus * 100)})`}${cpu.cpuset ? `, cpuset ${cpu.cpuset}` : ''}`;
  const t = cpu.throttling;
  if (t && t.throttledPeriods > 0) text += `, throttled in ${t.throttledPeriods} of ${t.periods} periods`;
  if (cpu.weight !== undefined) text += `, weight ${cpu.weight}`;
  if (cpu.shares !== undefined) text += `, shares ${cpu.shares}`;
  return text;
}

export function pidsText(pids: NonNullable<CgroupReport['pids']>): string {
  return formatUsageAgainstLimit(pids.current, pids.limit, String);
}

/** What each figure beside the hard limit means, named by its cgroup file: for tooltips. */
export function controllerDetails(
  controller: 'memory' | 'cpu' | 'pids' | 'io',
  cg: CgroupReport,
): { heading: string; text: string }[] {
  const out: { heading: string; text: string }[] = [];
  const m = cg.memory;
  if (controller === 'memory' && m) {
    if (m.highBytes !== undefined)
      out.push({
        heading: 'memory.high',
        text: `${formatBytes(m.highBytes)}: above it the processes are slowed and their memory reclaimed hard, but not killed`,
      });
    if (m.reservationBytes !== undefined)
      out.push({
        heading: cg.version === '2' ? 'memory.low' : 'memory.soft_limit_in_bytes',
        text: `${formatBytes(m.reservationBytes)}: the reservation (--memory-reservation), ${
          cg.version === '2' ? 'protected from reclaim' : 'what the kernel reclaims down to under pressure'
        }`,
      });
    if (m.swapLimitBytes !== undefined)
      out.push({
        heading: 'memory.swap.max',
        text: m.swapLimitBytes === 0 ? '0: no swap' : `${formatBytes(m.swapLimitBytes)} of swap, beside the memory`,
      });
    if (m.memswLimitBytes !== undefined)
      out.push({
        heading: 'memory.memsw.limit_in_bytes',
        text: `${formatBytes(m.memswLimitBytes)} of memory and swap together (--memory-swap)`,
      });
  }
  const c = cg.cpu;
  if (controller === 'cpu' && c) {
    if (c.weight !== undefined)
      out.push({ heading: 'cpu.weight', text: `${c.weight} (default 100): its share of CPU time when CPUs are busy` });
    if (c.shares !== undefined)
      out.push({
        heading: 'cpu.shares',
        text: `${c.shares} (default 1024): its share of CPU time when CPUs are busy (--cpu-shares)`,
      });
  }
  return out;
}
