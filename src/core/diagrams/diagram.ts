/** One diagram the panel can show: a Mermaid source with the words that say what to notice. */
export interface DiagramSpec {
  id: ShownDiagramId;
  title: string;
  /** Two short lines under the diagram: what to notice. */
  caption: [string, string];
  source: string;
  /**
   * Further Mermaid sources drawn under `source` as one picture: a chart per unit (the usage
   * charts, memory in MiB and CPU in percent, which one xychart's single y-axis cannot hold).
   */
  moreSources?: string[];
  /**
   * Nodes that stand for a container, by the node id this builder generated: the webview makes them
   * clickable (opening that container's anatomy). Ids are ours, never host text.
   */
  nodeContainers?: Record<string, string>;
}

/** One container's anatomy: not a tab of its own, it is drawn for the container asked for. */
export const ANATOMY_DIAGRAM_ID = 'container-anatomy';
/** One container's usage over time: drawn for the container asked for, as the anatomy is. */
export const USAGE_DIAGRAM_ID = 'container-usage';
export type ShownDiagramId = DiagramId | typeof ANATOMY_DIAGRAM_ID | typeof USAGE_DIAGRAM_ID;

/** The guide's diagrams in reading order, then this host live. */
export const GUIDE_DIAGRAM_IDS = [
  'vm-architecture',
  'container-architecture',
  'runtime-layers',
  'namespaces-cgroups',
  'startup',
  'decision-guide',
  'containers-in-vms',
] as const;

export const DIAGRAM_IDS = [...GUIDE_DIAGRAM_IDS, 'live-host'] as const;
export type DiagramId = (typeof DIAGRAM_IDS)[number];
export type GuideDiagramId = (typeof GUIDE_DIAGRAM_IDS)[number];

export function isDiagramId(value: unknown): value is DiagramId {
  return typeof value === 'string' && (DIAGRAM_IDS as readonly string[]).includes(value);
}

export interface DiagramTitles {
  /** The diagram's own title: panel title, hover and walkthrough links, the CLI's list. */
  title: string;
  /** Short enough for one row of tabs. */
  tabTitle: string;
}

/** Every diagram's titles, the one place they are written (the registry hands them out). */
export const DIAGRAM_TITLE_TABLE: Record<DiagramId, DiagramTitles> = {
  'vm-architecture': { title: 'Virtual machine architecture', tabTitle: 'VMs' },
  'container-architecture': { title: 'Container architecture', tabTitle: 'Containers' },
  'runtime-layers': { title: 'The three runtime layers', tabTitle: 'Runtime layers' },
  'namespaces-cgroups': { title: 'Namespaces and cgroups', tabTitle: 'Namespaces & cgroups' },
  startup: { title: 'Start-up sequences', tabTitle: 'Start-up' },
  'decision-guide': { title: 'When a VM, when a container', tabTitle: 'VM or container?' },
  'containers-in-vms': { title: 'Containers inside VMs', tabTitle: 'Containers in VMs' },
  'live-host': { title: 'This host, live', tabTitle: 'This host (live)' },
};

/** A diagram's spec with its title from the table above. */
export function diagramSpec(id: DiagramId, caption: [string, string], source: string): DiagramSpec {
  return { id, title: DIAGRAM_TITLE_TABLE[id].title, caption, source };
}

/** Every Mermaid source of a diagram, one after the other, as Copy source and the CLI give them. */
export function allSources(spec: Pick<DiagramSpec, 'source' | 'moreSources'>): string {
  const sources = [spec.source, ...(spec.moreSources ?? [])];
  if (sources.length === 1) return spec.source;
  // Mermaid draws one diagram per source: each is marked so it can be cut out and rendered alone.
  // The mark goes after the front matter, which must open a source.
  return sources.map((s, i) => withCommentAfterFrontMatter(s, `%% chart ${i + 1} of ${sources.length}`)).join('\n\n');
}

function withCommentAfterFrontMatter(source: string, comment: string): string {
  const end = source.startsWith('---\n') ? source.indexOf('\n---\n', 3) : -1;
  if (end < 0) return `${comment}\n${source}`;
  const at = end + '\n---\n'.length;
  return `${source.slice(0, at)}${comment}\n${source.slice(at)}`;
}
