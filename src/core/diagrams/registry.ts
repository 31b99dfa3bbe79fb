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
import { dagreFlowchart } from './layout';
import { liveHostDiagram, type LiveHostOptions } from './liveHost';
import { containerUsageDiagram } from './usageChart';
import type { UsagePoint } from '../usage/history';

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
    `${dagreFlowchart('LR')}\n  reading["Reading this host…"]`,
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
/** `usage:NAME`: one container's usage over time, sampled for a few seconds where there is no history. */
export const USAGE_REF_PREFIX = 'usage:';

/** A diagram as the CLI names it: a registry id, `anatomy:NAME` or `usage:NAME`. */
export type DiagramRef = { id: DiagramId } | { anatomyOf: string } | { usageOf: string };

export function parseDiagramRef(text: string): DiagramRef | undefined {
  if (isDiagramId(text)) return { id: text };
  const after = (prefix: string) =>
    text.startsWith(prefix) && text.length > prefix.length ? text.slice(prefix.length) : undefined;
  const anatomyOf = after(ANATOMY_REF_PREFIX);
  if (anatomyOf !== undefined) return { anatomyOf };
  const usageOf = after(USAGE_REF_PREFIX);
  return usageOf !== undefined ? { usageOf } : undefined;
}

/** The usage samples a usage diagram is drawn from, and how far apart they were taken. */
export interface SampledUsage {
  pointsOf(key: string): readonly UsagePoint[];
  intervalMs: number;
}

/** The container a ref names, by key, name or id prefix. */
export function refContainerKey(ref: DiagramRef, snapshot: HostSnapshot | undefined): string | undefined {
  if ('id' in ref) return undefined;
  const query = 'anatomyOf' in ref ? ref.anatomyOf : ref.usageOf;
  return snapshot ? findContainer(snapshot, query)?.key : undefined;
}

/** Builds what a ref names; for a container's diagram, the container is looked up by key, name or id prefix. */
export function buildDiagramRef(
  ref: DiagramRef,
  snapshot?: HostSnapshot,
  usage?: SampledUsage,
): DiagramSpec | { error: string } {
  if ('id' in ref) return buildDiagram(ref.id, snapshot);
  const key = refContainerKey(ref, snapshot);
  if (!snapshot || key === undefined)
    return {
      error: `no container named ${JSON.stringify('anatomyOf' in ref ? ref.anatomyOf : ref.usageOf)} on this host`,
    };
  if ('anatomyOf' in ref) return containerAnatomyDiagram(snapshot, key);
  return containerUsageDiagram(snapshot, key, usage?.pointsOf(key) ?? [], usage?.intervalMs ?? 1000);
}
