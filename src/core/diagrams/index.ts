import type { HostSnapshot } from '../model';
import type { DiagramId, DiagramSpec } from './diagram';
import { buildGuideDiagram } from './guide';
import { liveHostDiagram, type LiveHostOptions } from './liveHost';

export * from './diagram';
export { escapeMermaidLabel, quotedLabel } from './escape';
export { liveHostDiagram, runtimeChainText, type LiveHostOptions } from './liveHost';

/** Builds any diagram; the live one needs the current snapshot (until the first read: it says so). */
export function buildDiagram(id: DiagramId, snapshot?: HostSnapshot, live: LiveHostOptions = {}): DiagramSpec {
  if (id === 'live-host') return snapshot ? liveHostDiagram(snapshot, live) : readingHostDiagram();
  return buildGuideDiagram(id);
}

function readingHostDiagram(): DiagramSpec {
  return {
    id: 'live-host',
    title: 'This host, live',
    caption: [
      'Reading the container engines and the kernel on this host…',
      'The diagram appears as soon as the first read finishes.',
    ],
    source: 'flowchart LR\n  reading["Reading this host…"]',
  };
}
