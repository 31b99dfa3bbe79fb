/**
 * The one list of diagrams: id, titles and how to build each. The panel's tabs and quick pick, the
 * hover and walkthrough links and the CLI all read it.
 */
import type { HostSnapshot } from '../model';
import {
  DIAGRAM_IDS,
  DIAGRAM_TITLE_TABLE,
  diagramSpec,
  isDiagramId,
  type DiagramId,
  type DiagramSpec,
} from './diagram';
import { containerAnatomyDiagram, findContainer } from './anatomy';
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

/** `anatomy:NAME` (a name, key or id prefix): one container's anatomy, the diagram with a parameter. */
export const ANATOMY_REF_PREFIX = 'anatomy:';

/** A diagram as the CLI names it: a registry id, or `anatomy:NAME`. */
export type DiagramRef = { id: DiagramId } | { anatomyOf: string };

export function parseDiagramRef(text: string): DiagramRef | undefined {
  if (isDiagramId(text)) return { id: text };
  if (text.startsWith(ANATOMY_REF_PREFIX) && text.length > ANATOMY_REF_PREFIX.length)
    return { anatomyOf: text.slice(ANATOMY_REF_PREFIX.length) };
  return undefined;
}

/** Builds what a ref names; for an anatomy, the container is looked up by key, name or id prefix. */
export function buildDiagramRef(ref: DiagramRef, snapshot?: HostSnapshot): DiagramSpec | { error: string } {
  if ('id' in ref) return buildDiagram(ref.id, snapshot);
  const c = snapshot ? findContainer(snapshot, ref.anatomyOf) : undefined;
  if (!snapshot || !c) return { error: `no container named ${JSON.stringify(ref.anatomyOf)} on this host` };
  return containerAnatomyDiagram(snapshot, c.key);
}
