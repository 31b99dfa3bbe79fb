/**
 * Usage figures in words, for the tree's descriptions and tooltips and the CLI: what the working
 * set is made of, OOM kills, pressure, throttling, io and network, and where this product counts
 * differently from `docker stats` / `podman stats`.
 */
import type { CgroupReport } from '../model';
import { formatBytes, formatPercent } from '../format';

type Line = { heading: string; text: string };

/** `read 1.2 MiB (30 ops), written 80 MiB (20 ops)`. */
export function ioUsageText(io: NonNullable<NonNullable<CgroupReport['io']>['usage']>): string {
  const ops = (n: number | undefined) => (n === undefined ? '' : ` (${n} ops)`);
  return `read ${formatBytes(io.readBytes)}${ops(io.readOps)}, written ${formatBytes(io.writeBytes)}${ops(io.writeOps)}`;
}

/** `rx 1.2 KiB, tx 800 B` (loopback apart), or `the host's network` for --network host. */
export function networkText(n: NonNullable<CgroupReport['network']>): string {
  const traffic = `rx ${formatBytes(n.rxBytes)}, tx ${formatBytes(n.txBytes)}`;
  const errors = n.rxErrors + n.txErrors > 0 ? `, ${n.rxErrors} rx / ${n.txErrors} tx errors` : '';
  const lo = n.loopbackBytes > 0 ? `, loopback ${formatBytes(n.loopbackBytes)}` : '';
  return n.hostNetwork ? `the host's network: ${traffic}${errors}` : `${traffic}${errors}${lo}`;
}

/** Tooltip lines of the usage figures of one controller (network included). */
export function usageDetails(controller: 'memory' | 'cpu' | 'pids' | 'io' | 'network', cg: CgroupReport): Line[] {
  if (controller === 'memory') return memoryDetails(cg);
  if (controller === 'cpu') return cpuDetails(cg);
  if (controller === 'io' && cg.io?.usage)
    return [
      {
        heading: cg.version === '2' ? 'io.stat' : 'blkio.throttle.io_service_bytes',
        text: `${ioUsageText(cg.io.usage)}, summed over devices${cg.version === '1' ? ' (operation counts are in io_serviced, not sampled)' : ''}`,
      },
    ];
  if (controller === 'network' && cg.network) return networkDetails(cg.network);
  return [];
}

function memoryDetails(cg: CgroupReport): Line[] {
  const m = cg.memory;
  if (!m) return [];
  const v2 = cg.version === '2';
  const out: Line[] = [];
  if (m.workingSetBytes !== undefined)
    out.push({
      heading: 'Working set',
      text: `${formatBytes(m.workingSetBytes)}: the charge less the inactive file cache, which the kernel reclaims before it kills anything; what docker stats shows (podman stats before 2025 shows the raw charge instead)`,
    });
  if (m.usageBytes !== undefined)
    out.push({
      heading: v2 ? 'memory.current' : 'memory.usage_in_bytes',
      text: `${formatBytes(m.usageBytes)}: the raw charge, page cache included (what podman stats 4.x shows)`,
    });
  const b = m.breakdown;
  if (b) {
    out.push({ heading: 'anon', text: `${formatBytes(b.anonBytes)}: heap and stacks, not reclaimable without swap` });
    out.push({
      heading: 'file',
      text: `${formatBytes(b.fileBytes)}: page cache, ${formatBytes(b.activeFileBytes)} active, ${formatBytes(b.inactiveFileBytes)} inactive (reclaimable)`,
    });
    if (b.shmemBytes > 0)
      out.push({
        heading: 'shmem',
        text: `${formatBytes(b.shmemBytes)}: tmpfs and shared memory; counted as file but not reclaimable, so it stays in the working set and can bring an OOM kill`,
      });
    if (b.kernelBytes !== undefined)
      out.push({
        heading: 'kernel',
        text: `${formatBytes(b.kernelBytes)}${v2 ? '' : ': the charge less anon, cache and swap (v1 memory.stat has no kernel line)'}`,
      });
    if (b.swapBytes !== undefined) out.push({ heading: 'swap', text: formatBytes(b.swapBytes) });
  }
  const e = m.events;
  if (e) {
    const more = v2 ? `; memory.max hit ${e.max ?? 0} times, memory.high ${e.high ?? 0} times` : '';
    out.push({
      heading: 'OOM kills',
      text: `${e.oomKills} so far (${v2 ? 'memory.events' : 'memory.oom_control'})${more}`,
    });
  }
  const p = m.pressure;
  if (p)
    out.push({
      heading: 'memory.pressure',
      text: `some task waited for memory ${formatPercent(p.someAvg10)} of the last 10 s (${formatPercent(p.someAvg60)} of 60 s)${
        p.fullAvg10 === undefined ? '' : `, all tasks ${formatPercent(p.fullAvg10)}`
      }`,
    });
  return out;
}

function cpuDetails(cg: CgroupReport): Line[] {
  const c = cg.cpu;
  if (!c) return [];
  const out: Line[] = [];
  if (c.percent !== undefined)
    out.push({
      heading: 'CPU',
      text: `${formatPercent(c.percent)} over the last ${((c.percentWindowMs ?? 0) / 1000).toFixed(1)} s: CPU time used over wall time, 100 % being one CPU busy, as docker stats counts it (docker stats divides by the host's CPU time less the steal, so in a VM whose host is busy it reads higher)${
        c.cpus === null ? '' : `; its limit is ${formatPercent(c.cpus * 100)}`
      }`,
    });
  const t = c.throttling;
  if (t)
    out.push({
      heading: 'Throttled',
      text: `${t.throttledPeriods} of ${t.periods} periods, ${(t.throttledUsec / 1e6).toFixed(1)} s waiting (cpu.stat): at its quota the container is slow, not idle`,
    });
  return out;
}

function networkDetails(n: NonNullable<CgroupReport['network']>): Line[] {
  const out: Line[] = [
    {
      heading: 'Network',
      text: `${networkText(n)}; from /proc/PID/net/dev of its network namespace${
        n.interfaces.length > 0 ? ` (${n.interfaces.join(', ')})` : ''
      }`,
    },
  ];
  if (n.hostNetwork)
    out.push({ heading: 'Host network', text: 'it uses the host network namespace: these are the whole host figures' });
  else
    out.push({
      heading: 'Loopback',
      text: `${formatBytes(n.loopbackBytes)} over lo, kept apart: docker stats counts only the external interfaces`,
    });
  return out;
}
