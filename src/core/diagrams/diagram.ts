/** One diagram the panel can show: a Mermaid source with the words that say what to notice. */
export interface DiagramSpec {
  id: DiagramId;
  title: string;
  /** Two short lines under the diagram: what to notice. */
  caption: [string, string];
  source: string;
}

export const DIAGRAM_IDS = ['container-architecture'] as const;
export type DiagramId = (typeof DIAGRAM_IDS)[number];

export function isDiagramId(value: unknown): value is DiagramId {
  return typeof value === 'string' && (DIAGRAM_IDS as readonly string[]).includes(value);
}
