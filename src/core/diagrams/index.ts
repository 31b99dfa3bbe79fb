import type { HostSnapshot } from '../model';
import type { DiagramId, DiagramSpec } from './diagram';
import { buildGuideDiagram } from './guide';
import { liveHostDiagram, type LiveHostOptions } from './liveHost';

export * from './diagram';
export { escapeMermaidLabel, quotedLabel } from './escape';
export { liveHostDiagram, runtimeChainText, type LiveHostOptions } from './liveHost';

/** Builds any diagram; the live one needs the current snapshot (none yet: it says so). */
export function buildDiagram(id: DiagramId, snapshot?: HostSnapshot, live: LiveHostOptions = {}): DiagramSpec {
  if (id === 'live-host') return liveHostDiagram(snapshot ?? emptySnapshot(), live);
  return buildGuideDiagram(id);
}

function emptySnapshot(): HostSnapshot {
  return {
    takenAt: new Date(0).toISOString(),
    host: { cgroupVersion: '1', namespaces: { self: {}, pid1: {} }, isRoot: false },
    runtimes: [],
    containers: [],
  };
}
