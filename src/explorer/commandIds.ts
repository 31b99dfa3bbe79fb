/** The Containers tree's commands, in a module of their own: activation registers stand-ins for them without loading the tree. */
export const TREE_COMMANDS = {
  refresh: 'containerAnatomy.refreshContainers',
  copyId: 'containerAnatomy.copyContainerId',
  copyInode: 'containerAnatomy.copyNamespaceInode',
  copyCgroupPath: 'containerAnatomy.copyCgroupPath',
  copyCapabilities: 'containerAnatomy.copyCapabilities',
  inspect: 'containerAnatomy.inspectContainer',
  revealInDiagram: 'containerAnatomy.revealInDiagram',
  showAnatomy: 'containerAnatomy.showAnatomy',
  revealContainer: 'containerAnatomy.revealContainer',
  showUsage: 'containerAnatomy.showUsage',
  shell: 'containerAnatomy.openNamespaceShell',
  filter: 'containerAnatomy.filterContainers',
  clearFilter: 'containerAnatomy.clearContainersFilter',
  groupBy: 'containerAnatomy.groupContainersBy',
  sortBy: 'containerAnatomy.sortContainersBy',
} as const;
