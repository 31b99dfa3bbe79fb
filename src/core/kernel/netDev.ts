/**
 * Traffic counters from /proc/PID/net/dev: the kernel answers it for the network namespace of
 * PID, so it gives a container's own interfaces without entering anything. Per interface the
 * counters are `rx bytes packets errs drop fifo frame compressed multicast tx bytes packets errs …`.
 *
 * Loopback is kept apart: `docker stats` counts only the container's external interfaces.
 */
import type { CgroupReport } from '../model';
import { parseNetDev } from './netEvidence';

export type NetworkUsage = Omit<NonNullable<CgroupReport['network']>, 'hostNetwork'>;

export function netUsage(netDev: string): NetworkUsage {
  const out: NetworkUsage = { rxBytes: 0, txBytes: 0, rxErrors: 0, txErrors: 0, loopbackBytes: 0, interfaces: [] };
  for (const row of parseNetDev(netDev)) {
    const f = row.counters.split(' ').map(Number);
    if (row.name === '' || f.length < 16 || f.some((n) => !Number.isFinite(n))) continue;
    if (row.name === 'lo') {
      // What went out on loopback came back in: its received bytes count it once.
      out.loopbackBytes += f[0];
      continue;
    }
    out.interfaces.push(row.name);
    out.rxBytes += f[0];
    out.rxErrors += f[2];
    out.txBytes += f[8];
    out.txErrors += f[10];
  }
  return out;
}
