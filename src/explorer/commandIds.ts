import type { SHOW_PRIVILEGE_HOLDERS_COMMAND } from '../core/privileges/holdersMarkdown';

/** The hovers' name for it, typed as their constant (the compiler checks they agree) without loading it. */
const SHOW_PRIVILEGE_HOLDERS: typeof SHOW_PRIVILEGE_HOLDERS_COMMAND = 'containerAnatomy.showPrivilegeHolders';

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
  showPrivilegeHolders: SHOW_PRIVILEGE_HOLDERS,
} as const;
