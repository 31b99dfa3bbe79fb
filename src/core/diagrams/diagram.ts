/** One diagram the panel can show: a Mermaid source with the words that say what to notice. */
export interface DiagramSpec {
  id: DiagramId;
  title: string;
  /** Two short lines under the diagram: what to notice. */
  caption: [string, string];
  source: string;
}

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
