/**
 * What the kernel holds now for a setting, read from the current snapshot (never from an engine):
 * the namespace verdict and inode, the cgroup figure, the effective capabilities; and whether that
 * agrees with what is written.
 */
import { formatBytes } from '../format';
import type { CgroupReport, ContainerInfo, HostSnapshot, NamespaceEntry } from '../model';
import { capabilityKey } from './common';
import type { Setting } from './classify';
import { code, shown, stringsOf } from './shown';
import type { LiveProbe } from './types';
import { composeBytes, cpuMax, kubeQuantity } from './values';

export interface LiveFinding {
  /** What the kernel holds, markdown. */
  readonly text: string;
  /** Set when the written value and the kernel's disagree. */
  readonly differs?: string;
}

const DIFFERS = 'the file changed since the container started, or a default applied';

function namespaceFinding(
  entry: NamespaceEntry | undefined,
  setting: Setting,
  snapshot: HostSnapshot,
): LiveFinding | undefined {
  if (!entry) return undefined;
  const inode = entry.read.state === 'ok' ? ` \`${entry.kind}:[${entry.read.inode}]\`` : '';
  const basis = entry.basis ? ` (by ${shown(entry.basis.word)})` : '';
  const v = entry.verdict;
  let said: string;
  if (v.kind === 'isolated') said = 'its own';
  else if (v.kind === 'host') said = "the host's";
  else if (v.kind === 'shared') {
    const names = v.withKeys.map((k) => snapshot.containers.find((c) => c.key === k)?.name ?? k);
    said = `shared with ${names.map(shown).join(', ')}`;
  } else said = `unknown: ${shown(v.reason)}`;
  const text = `${entry.kind} namespace: ${said}${inode}${basis}.`;
  const w = setting.written.value;
  const wantsHost = w === 'host' || w === true || w === 'true';
  const wantsJoin = typeof w === 'string' && /^(service|container):/.test(w);
  if (v.kind === 'unknown') return { text };
  if (setting.key === 'hostUsers' || setting.key === 'shareProcessNamespace') return { text };
  if (wantsHost && v.kind !== 'host')
    return { text, differs: `written \`host\`, the kernel shows ${said}: ${DIFFERS}` };
  if (wantsJoin && v.kind !== 'shared')
    return { text, differs: `written ${code(w)}, the kernel shows ${said}: ${DIFFERS}` };
  if (!wantsHost && !wantsJoin && v.kind === 'host')
    return { text, differs: `written ${code(w)}, the kernel shows the host's: ${DIFFERS}` };
  return { text };
}

function writtenBytes(setting: Setting): number | undefined {
  const bytes =
    setting.owner.kind === 'compose' ? composeBytes(setting.written.value) : kubeQuantity(setting.written.value);
  return bytes === undefined ? undefined : Math.floor(bytes);
}

function writtenCpus(setting: Setting): number | undefined {
  const v = setting.written.value;
  if (setting.owner.kind === 'kubernetes') return kubeQuantity(v);
  if (setting.key === 'cpu_quota') return Number(v) / cpuMax(1).periodUs;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function bytesFinding(
  file: string,
  held: number | null | undefined,
  written: number | undefined,
): LiveFinding | undefined {
  if (held === undefined) return undefined;
  const text =
    held === null ? `\`${file}\` holds \`max\` (no limit).` : `\`${file}\` holds \`${held}\` (${formatBytes(held)}).`;
  if (written !== undefined && held !== written) {
    return { text, differs: `written ${written} bytes, the kernel holds ${held ?? 'max'}: ${DIFFERS}` };
  }
  return { text };
}

function cgroupFinding(probe: LiveProbe, cg: CgroupReport, setting: Setting): LiveFinding | undefined {
  const v2 = cg.version === '2';
  const m = cg.memory;
  const cpu = cg.cpu;
  switch (probe) {
    case 'memory':
      return m && bytesFinding(v2 ? 'memory.max' : 'memory.limit_in_bytes', m.limitBytes, writtenBytes(setting));
    case 'memory-reservation':
      return m && bytesFinding(v2 ? 'memory.low' : 'memory.soft_limit_in_bytes', m.reservationBytes ?? null, undefined);
    case 'memory-swap':
      return (
        m &&
        (v2
          ? bytesFinding('memory.swap.max', m.swapLimitBytes, undefined)
          : bytesFinding('memory.memsw.limit_in_bytes', m.memswLimitBytes, writtenBytes(setting)))
      );
    case 'cpu': {
      if (!cpu) return undefined;
      const held = cpu.quotaUs !== undefined && cpu.periodUs !== undefined ? `${cpu.quotaUs} ${cpu.periodUs}` : 'max';
      const text = `\`${v2 ? 'cpu.max' : 'cpu.cfs_quota_us cpu.cfs_period_us'}\` holds \`${held}\`.`;
      const want = writtenCpus(setting);
      if (want !== undefined && cpu.cpus !== null && Math.abs(cpu.cpus - want) > 0.005) {
        return { text, differs: `written ${want} CPUs, the kernel allows ${cpu.cpus}: ${DIFFERS}` };
      }
      return { text };
    }
    case 'cpu-weight':
      if (!cpu) return undefined;
      if (cpu.weight !== undefined) return { text: `\`cpu.weight\` holds \`${cpu.weight}\`.` };
      if (cpu.shares !== undefined) return { text: `\`cpu.shares\` holds \`${cpu.shares}\`.` };
      return { text: 'The default weight (`cpu.weight` 100, `cpu.shares` 1024).' };
    case 'cpuset':
      return cpu?.cpuset ? { text: `\`cpuset.cpus\` holds ${code(cpu.cpuset)}.` } : undefined;
    case 'pids': {
      const p = cg.pids;
      if (!p) return undefined;
      const text = `\`pids.max\` holds \`${p.limit ?? 'max'}\`${p.current !== undefined ? `, ${p.current} in use` : ''}.`;
      const want = Number(setting.written.value);
      if (want > 0 && p.limit !== want)
        return { text, differs: `written ${want}, the kernel holds ${p.limit ?? 'max'}: ${DIFFERS}` };
      return { text };
    }
    default:
      return undefined;
  }
}

function capabilitiesFinding(c: ContainerInfo, setting: Setting): LiveFinding | undefined {
  const effective = c.privileges?.report?.status?.capabilities.effective;
  if (!effective) return undefined;
  const held = new Set(effective.names.map(capabilityKey));
  const text = `Effective capabilities (${effective.names.length}): ${effective.names.map(code).join(' ') || 'none'}.`;
  if (setting.key.endsWith('cap_add') || setting.key.endsWith('capabilities.add')) {
    const missing = stringsOf(setting.written.item ?? setting.written.value)
      .map(capabilityKey)
      .filter((n) => n !== 'ALL' && !held.has(n));
    if (missing.length) return { text, differs: `written but not held: ${missing.map(code).join(', ')}: ${DIFFERS}` };
  }
  return { text };
}

export function liveFinding(c: ContainerInfo, setting: Setting, snapshot: HostSnapshot): LiveFinding | undefined {
  const probe = setting.row.live;
  if (!probe) return undefined;
  if (typeof probe === 'object') {
    return namespaceFinding(
      c.namespaces?.entries.find((e) => e.kind === probe.namespace),
      setting,
      snapshot,
    );
  }
  if (probe === 'capabilities') return capabilitiesFinding(c, setting);
  return c.cgroup ? cgroupFinding(probe, c.cgroup, setting) : undefined;
}
