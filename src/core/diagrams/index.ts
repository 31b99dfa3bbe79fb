export * from './diagram';
export { buildDiagram, diagramEntry, DIAGRAMS, type DiagramEntry } from './registry';
export { escapeMermaidLabel, quotedLabel } from './escape';
export { liveHostDiagram, runtimeChainText, type LiveHostOptions } from './liveHost';
