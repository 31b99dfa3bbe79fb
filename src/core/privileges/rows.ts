/**
 * The "Privileges" group as rows: what the Containers tree shows beside Namespaces and Cgroup, and
 * what the CLI prints. Plain strings (no vscode, no markup): the tree maps a row to a TreeItem
 * (warning → a warning icon, items → children, `copy` → the copy command's text), the CLI indents
 * the same lines.
 */
import { describeSeccomp } from './status';
import type { FindingSeverity, PrivilegeExplanation, PrivilegeReport } from './types';

export { seriousFindings } from './serious';

export type PrivilegeRowId =
  'capabilities' | 'seccomp' | 'no-new-privs' | 'lsm' | 'user-mapping' | 'runtime' | 'pod-security' | 'weak-spots';

export interface PrivilegeRowItem {
  label: string;
  detail?: string;
  warning?: boolean;
  /** Weak-spot items: the finding's severity (the tree's short description). */
  severity?: FindingSeverity;
}

export interface PrivilegeRow {
  id: PrivilegeRowId;
  label: string;
  value: string;
  tooltip: string;
  warning: boolean;
  items?: PrivilegeRowItem[];
  /** Text for "copy": the capability list, one name a line. */
  copy?: string;
}

/** What a kernel row says without the kernel's answer: unreadable, or no process to read (a created container). */
const unread = (report: PrivilegeReport | undefined): string => (report ? 'not read' : 'no process');

function capabilitiesRow(report: PrivilegeReport | undefined, e: PrivilegeExplanation): PrivilegeRow {
  const UNREAD = unread(report);
  const caps = report?.status?.capabilities;
  const set = caps?.bounding ?? caps?.effective;
  const summary = e.capabilities;
  const value = summary ? `${summary.diff.text} (${set?.names.length ?? 0})` : set ? `${set.names.length}` : UNREAD;
  const effective =
    caps?.effective && caps.bounding && caps.effective.mask !== caps.bounding.mask
      ? ` Effective now: ${caps.effective.names.length} (CapEff ${caps.effective.mask}); a non-root process holds none until it execs something with file capabilities.`
      : '';
  return {
    id: 'capabilities',
    label: 'Capabilities',
    value,
    tooltip: set
      ? `The bounding set (CapBnd ${set.mask}) is every capability this container can ever hold, compared with ${summary?.engine ?? 'its engine'}'s default.${effective}`
      : 'The capability sets could not be read.',
    warning: e.findings.some((f) => f.id === 'all-capabilities' || f.id.startsWith('capability:')),
    items: set?.names.map((name) => ({
      label: name,
      ...(summary?.diff.added.includes(name) ? { detail: 'added' } : {}),
    })),
    ...(set ? { copy: set.names.join('\n') } : {}),
  };
}

/** The rows in the order the tree shows them; without a report (no process) the kernel rows say so. */
export function privilegeRows(report: PrivilegeReport | undefined, e: PrivilegeExplanation): PrivilegeRow[] {
  const UNREAD = unread(report);
  const status = report?.status;
  const seccomp = status?.seccomp;
  const nnp = status?.noNewPrivs;
  const uid = report?.userMapping?.uid;
  const rows: PrivilegeRow[] = [
    capabilitiesRow(report, e),
    {
      id: 'seccomp',
      label: 'Seccomp',
      value: seccomp ? describeSeccomp(seccomp) : UNREAD,
      tooltip:
        'A seccomp filter limits which system calls reach the kernel (Seccomp: in /proc/PID/status: 0 off, 1 strict, 2 filter).',
      warning: seccomp?.mode === 'disabled',
    },
    {
      id: 'no-new-privs',
      label: 'no_new_privs',
      value: nnp === undefined ? (status ? 'not reported by this kernel' : UNREAD) : nnp ? 'on' : 'off',
      tooltip: 'With no_new_privs on, exec can never add privileges: setuid bits and file capabilities are ignored.',
      warning: nnp === false,
    },
    {
      id: 'lsm',
      label: 'LSM',
      value: report?.lsm?.text ?? UNREAD,
      tooltip: 'The AppArmor profile or SELinux context the kernel enforces on the process (/proc/PID/attr/current).',
      warning: e.findings.some((f) => f.id === 'lsm-unconfined'),
    },
    {
      id: 'user-mapping',
      label: 'User mapping',
      value: uid?.text ?? UNREAD,
      tooltip:
        'uid_map: `inside outside count`. In a user namespace of its own, root inside is an ordinary uid on the host.',
      warning: e.findings.some((f) => f.id === 'root-is-host-root'),
      items: uid?.ranges.map((r) => ({ label: `${r.inside} → ${r.outside}`, detail: `${r.count} ids` })),
    },
    {
      id: 'runtime',
      label: 'Runtime',
      value: e.runtime.name ?? 'not reported',
      tooltip: e.runtime.text,
      warning: false,
    },
    {
      id: 'pod-security',
      label: 'Pod Security',
      value: e.podSecurity.level,
      tooltip:
        'The Kubernetes Pod Security Standards level these settings meet (privileged / baseline / restricted), by the rules kubernetes.io documents.',
      warning: e.podSecurity.level === 'privileged',
      items: e.podSecurity.violations.map((v) => ({ label: v.control, detail: `breaks ${v.breaks}: ${v.detail}` })),
    },
    {
      id: 'weak-spots',
      label: 'Weak spots',
      value: e.findings.length === 0 ? 'none found' : `${e.findings.length}`,
      tooltip: 'Settings that weaken the isolation, the most serious first.',
      warning: e.findings.some((f) => f.severity === 'high' || f.severity === 'medium'),
      items: e.findings.map((f) => ({
        label: f.title,
        detail: `${f.severity}: ${f.why} (${f.evidence})`,
        warning: f.severity === 'high' || f.severity === 'medium',
        severity: f.severity,
      })),
    },
  ];
  return rows;
}

/** The rows as CLI lines, indented under the container. */
export function privilegeLines(rows: readonly PrivilegeRow[], indent = '  '): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    lines.push(`${indent}${row.warning ? '! ' : ''}${row.label}: ${row.value}`);
    // The names themselves, on one line: what a reader compares with `capsh --decode`.
    if (row.id === 'capabilities' && row.items?.length)
      lines.push(`${indent}    ${row.items.map((i) => (i.detail === 'added' ? `${i.label}(+)` : i.label)).join(' ')}`);
    if (row.id === 'weak-spots' || row.id === 'pod-security') {
      for (const item of row.items ?? [])
        lines.push(`${indent}    ${item.label}${item.detail ? ` — ${item.detail}` : ''}`);
    }
  }
  return lines;
}
