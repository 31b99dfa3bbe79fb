/**
 * A container's third group beside Namespaces and Cgroup: Privileges, what it may do. One node per
 * privilegeRows() row (capabilities, seccomp, no_new_privs, LSM, user mapping, runtime, Pod
 * Security, weak spots), their items as children; weak spots carry warning icons.
 */
import type { ContainerInfo, ContainerPrivileges } from '../model';
import {
  privilegeRows,
  seriousFindings,
  type PrivilegeRow,
  type PrivilegeRowId,
  type PrivilegeRowItem,
} from '../privileges/rows';
import type { NodeIcon, NodeSink, TreeNode } from './nodes';
import type { TooltipLine } from './tooltip';

const WARNING_ICON: NodeIcon = { id: 'warning', color: 'editorWarning.foreground' };

const ROW_ICON: Record<PrivilegeRowId, string> = {
  capabilities: 'key',
  seccomp: 'filter',
  'no-new-privs': 'circle-slash',
  lsm: 'shield',
  'user-mapping': 'person',
  runtime: 'server-process',
  'pod-security': 'law',
  'weak-spots': 'check',
};

const SEVERITY_ICON: Record<NonNullable<PrivilegeRowItem['severity']>, NodeIcon> = {
  high: { id: 'warning', color: 'errorForeground' },
  medium: WARNING_ICON,
  low: { id: 'info', color: 'disabledForeground' },
  info: { id: 'info', color: 'charts.blue' },
};

const seriousWeakSpots = (p: ContainerPrivileges | undefined): number => seriousFindings(p?.explanation).length;

/** `⚠ 2` for the container's description; empty when nothing serious was found. */
export function weakSpotMark(c: ContainerInfo): string {
  const n = seriousWeakSpots(c.privileges);
  return n > 0 ? `⚠ ${n}` : '';
}

export function containerPrivilegeRows(c: ContainerInfo | undefined): PrivilegeRow[] {
  return c?.privileges ? privilegeRows(c.privileges.report, c.privileges.explanation) : [];
}

/** What "Copy Capability List" copies: the bounding set, one name a line. */
export function capabilityListText(c: ContainerInfo | undefined): string | undefined {
  return containerPrivilegeRows(c).find((r) => r.id === 'capabilities')?.copy;
}

export function addPrivileges(sink: NodeSink, c: ContainerInfo, containerId: string): void {
  const p = c.privileges;
  if (!p) return;
  const groupId = `${containerId}/privileges`;
  const serious = seriousWeakSpots(p);
  const common = { containerKey: c.key, runtime: c.runtime };
  sink.add({
    id: groupId,
    parentId: containerId,
    kind: 'privileges',
    label: 'Privileges',
    description: `${p.explanation.podSecurity.level} · ${serious === 0 ? 'no serious weak spots' : `${serious} serious weak spot${serious === 1 ? '' : 's'}`}`,
    icon: serious > 0 ? WARNING_ICON : { id: 'key' },
    contextValue: 'privileges',
    collapsible: 'expanded',
    ...common,
  });
  for (const row of privilegeRows(p.report, p.explanation)) {
    const rowId = `${groupId}/${row.id}`;
    const items = row.items ?? [];
    sink.add({
      id: rowId,
      parentId: groupId,
      kind: 'privilege',
      label: row.label,
      description: row.value,
      icon: row.warning ? WARNING_ICON : { id: ROW_ICON[row.id] },
      contextValue: row.id === 'capabilities' && row.copy ? 'privilegeCapabilities' : 'privilege',
      // The weak spots are what the group is for: open; the long lists (capabilities) stay closed.
      collapsible: items.length === 0 ? 'none' : row.id === 'weak-spots' ? 'expanded' : 'collapsed',
      privilege: { row: row.id },
      copyText: row.copy,
      ...common,
    });
    items.forEach((item, index) => {
      sink.add({
        id: `${rowId}/${index}`,
        parentId: rowId,
        kind: 'privilegeItem',
        label: item.label,
        description: item.severity ?? item.detail,
        icon: item.severity ? SEVERITY_ICON[item.severity] : item.warning ? WARNING_ICON : { id: 'circle-small' },
        contextValue: 'privilegeItem',
        collapsible: 'none',
        privilege: { row: row.id, item: index },
        ...common,
      });
    });
  }
}

/** The tooltip of the Privileges group, a row or an item: what it is, what it says and why it matters. */
export function privilegeTooltip(node: TreeNode, c: ContainerInfo | undefined): TooltipLine[] {
  const p = c?.privileges;
  if (!p) return [{ text: node.label }];
  if (node.kind === 'privileges') {
    const lines: TooltipLine[] = [
      { heading: 'Privileges', text: 'What the container may do: read from /proc/PID of its init process.' },
      { heading: 'Pod Security', text: p.explanation.podSecurity.level },
      { heading: 'Runtime', text: p.explanation.runtime.text },
    ];
    for (const f of p.explanation.findings) lines.push({ heading: f.severity, text: f.title });
    return lines;
  }
  const row = containerPrivilegeRows(c).find((r) => r.id === node.privilege?.row);
  if (!row) return [{ text: node.label }];
  const index = node.privilege?.item;
  if (index === undefined) return [{ heading: row.label, text: row.value }, { text: row.tooltip }];
  const item = row.items?.[index];
  if (!item) return [{ text: node.label }];
  if (row.id === 'weak-spots') {
    const f = p.explanation.findings[index];
    if (f) {
      const lines: TooltipLine[] = [
        { heading: f.title, text: f.severity },
        { heading: 'Why it matters', text: f.why },
        { heading: 'Shown by', text: f.evidence },
      ];
      if (f.term) lines.push({ heading: 'Glossary', text: f.term });
      return lines;
    }
  }
  const lines: TooltipLine[] = [{ heading: row.label, text: item.label }];
  if (item.detail) lines.push({ text: item.detail });
  return lines;
}
