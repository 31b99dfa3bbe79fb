/**
 * The one list of diagrams: id, titles and how to build each. The panel's tabs and quick pick, the
 * hover and walkthrough links and the CLI all read it.
 */
import type { HostSnapshot } from '../model';
import { DIAGRAM_IDS, DIAGRAM_TITLE_TABLE, diagramSpec, type DiagramId, type DiagramSpec } from './diagram';
import { buildGuideDiagram } from './guide';
import { liveHostDiagram, type LiveHostOptions } from './liveHost';

export interface DiagramEntry {
  id: DiagramId;
  title: string;
  tabTitle: string;
  /** The live diagram needs the current snapshot (until the first read it says so); the others none. */
  build: (snapshot?: HostSnapshot, live?: LiveHostOptions) => DiagramSpec;
}

function buildLiveHost(snapshot?: HostSnapshot, live: LiveHostOptions = {}): DiagramSpec {
  if (snapshot) return liveHostDiagram(snapshot, live);
  return diagramSpec(
    'live-host',
    [
      'Reading the container engines and the kernel on this host…',
      'The diagram appears as soon as the first read finishes.',
    ],
    'flowchart LR\n  reading["Reading this host…"]',
  );
}

/** Every diagram in the panel's order: the guide's in reading order, then this host live. */
export const DIAGRAMS: readonly DiagramEntry[] = DIAGRAM_IDS.map((id) => ({
  id,
  ...DIAGRAM_TITLE_TABLE[id],
  build: id === 'live-host' ? buildLiveHost : () => buildGuideDiagram(id),
}));

export function diagramEntry(id: DiagramId): DiagramEntry {
  return DIAGRAMS.find((d) => d.id === id)!;
}

/** Builds any diagram; the live one needs the current snapshot (until the first read: it says so). */
export function buildDiagram(id: DiagramId, snapshot?: HostSnapshot, live: LiveHostOptions = {}): DiagramSpec {
  return diagramEntry(id).build(snapshot, live);
}
