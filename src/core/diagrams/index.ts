export * from './diagram';
export {
  ANATOMY_REF_PREFIX,
  USAGE_REF_PREFIX,
  buildDiagram,
  buildDiagramRef,
  diagramEntry,
  DIAGRAMS,
  parseDiagramRef,
  refContainerKey,
  type SampledUsage,
  type DiagramEntry,
  type DiagramRef,
} from './registry';
export { containerAnatomyDiagram, findContainer } from './anatomy';
export { escapeMermaidLabel, quotedLabel } from './escape';
export { liveHostDiagram, runtimeChainText, type LiveHostOptions } from './liveHost';
export { containerUsageDiagram, usageCharts, USAGE_TITLE } from './usageChart';
