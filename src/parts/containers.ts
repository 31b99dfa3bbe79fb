// Part `containers` (dist/containers.js): the Containers tree with its model, commands and inspect
// documents, loaded when VS Code first asks the view for its items (or a tree command runs).
export { ContainersTreeProvider } from '../explorer/containersTree';
export { registerTreeCommands } from '../explorer/commands';
export { InspectDocumentProvider } from '../explorer/inspectDocument';
export { revealContainerIn } from '../explorer/privilegeHolders';
