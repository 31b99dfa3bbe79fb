// Part `panel` (dist/panel.js): the architecture panel, its diagrams and the Open Diagram command,
// loaded at the first panel command or when VS Code restores the panel.
export { ArchitecturePanelManager } from '../panel/architecturePanel';
export { openDiagram } from '../panel/commands';
