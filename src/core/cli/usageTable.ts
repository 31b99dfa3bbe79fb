/**
 * The CLI's usage: a table like `docker stats` (NAME, CPU %, MEM USAGE / LIMIT, MEM %, NET I/O,
 * BLOCK I/O, PIDS), from the kernel figures the usage sampler read. Memory is the working set as
 * docker counts it; network leaves loopback out as docker does.
 */
import type { ContainerInfo, HostSnapshot } from '../model';
import { formatBytes, formatPercent } from '../format';
import { visibleCodes } from '../displayText';

const HEADERS = ['NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'];
const NONE = '--';

/** The running containers with a process: the ones whose usage can be read. */
export function usageKeys(snapshot: HostSnapshot): Set<string> {
  return new Set(snapshot.containers.filter((c) => c.state === 'running' && c.pid).map((c) => c.key));
}

function row(c: ContainerInfo): string[] {
  const cg = c.cgroup;
  const m = cg?.memory;
  const used = m?.workingSetBytes ?? m?.usageBytes;
  const limit = m?.limitBytes ?? null;
  const net = cg?.network;
  const io = cg?.io?.usage;
  return [
    visibleCodes(c.name),
    cg?.cpu?.percent === undefined ? NONE : formatPercent(cg.cpu.percent),
    used === undefined ? NONE : `${formatBytes(used)} / ${limit === null ? 'unlimited' : formatBytes(limit)}`,
    used === undefined || limit === null || limit === 0 ? NONE : formatPercent((used / limit) * 100),
    net === undefined
      ? NONE
      : `${formatBytes(net.rxBytes)} / ${formatBytes(net.txBytes)}${net.hostNetwork ? ' (host)' : ''}`,
    io === undefined ? NONE : `${formatBytes(io.readBytes)} / ${formatBytes(io.writeBytes)}`,
    cg?.pids?.current === undefined ? NONE : String(cg.pids.current),
  ];
}

export function renderUsageTable(snapshot: HostSnapshot): string {
  const keys = usageKeys(snapshot);
  const rows = [HEADERS, ...snapshot.containers.filter((c) => keys.has(c.key)).map(row)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

/** One JSON line per watch round: each running container's cgroup figures. */
export function usageJsonLine(snapshot: HostSnapshot): string {
  const keys = usageKeys(snapshot);
  return JSON.stringify({
    takenAt: snapshot.takenAt,
    containers: snapshot.containers
      .filter((c) => keys.has(c.key))
      .map((c) => ({ key: c.key, name: c.name, runtime: c.runtime, cgroup: c.cgroup })),
  });
}
