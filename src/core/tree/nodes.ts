/**
 * The Containers tree's plain data: node kinds, the node shape the VS Code side turns into a
 * TreeItem, the options a tree is built with, and the stable ids of runtime and container nodes.
 */
import type { SortBy } from '../usage/sortOrder';
import type { NamespaceEntry, RuntimeInfo } from '../model';
import type { PrivilegeRowId } from '../privileges/rows';

export type GroupBy = 'pod' | 'runtime' | 'none';

export type NodeKind =
  | 'runtime'
  | 'containerdNamespace'
  | 'pod'
  | 'container'
  | 'namespaces'
  | 'namespace'
  | 'cgroup'
  | 'cgroupPath'
  | 'controller'
  | 'privileges'
  | 'privilege'
  | 'privilegeItem'
  | 'message';

/** Icon by codicon id and theme colour id (both VS Code names, resolved on the VS Code side). */
export interface NodeIcon {
  id: string;
  color?: string;
}

export interface TreeNode {
  id: string;
  parentId?: string;
  kind: NodeKind;
  label: string;
  description?: string;
  icon: NodeIcon;
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** The container this node belongs to (for containers and everything under them). */
  containerKey?: string;
  runtime?: RuntimeInfo['kind'];
  /** Namespace nodes: the entry shown. */
  namespace?: NamespaceEntry;
  /** What "copy" puts on the clipboard for this node (id, inode, cgroup path). */
  copyText?: string;
  /** Controller nodes: which controller. */
  controller?: 'memory' | 'cpu' | 'pids' | 'io' | 'network';
  /** Privilege rows and their items: which row (privilegeRows' id) and which item of it. */
  privilege?: { row: PrivilegeRowId; item?: number };
}

export interface TreeOptions {
  groupBy: GroupBy;
  showStopped: boolean;
  /** Case-insensitive name substring; empty shows every container. */
  filter: string;
  /** The uid this extension runs as: decides where a namespace shell can work (mayEnterContainer). */
  selfUid?: number;
  /** sudoers lets this user run nsenter without a password, and the user opted in to sudo: the shell can go through it. */
  sudoNsenter?: boolean;
  /** Containers by name (the default), or the most memory or CPU first (usage/sortOrder.ts). */
  sortBy?: SortBy;
  /**
   * The containers (by key) whose subtrees are built; undefined: every container's. The view builds
   * only those VS Code has asked the children of: at 300 containers the whole tree is some 15,000
   * nodes, while the view shows the rows and what is expanded.
   */
  subtreesOf?: ReadonlySet<string>;
}

export interface TreeModel {
  roots: string[];
  nodes: Map<string, TreeNode>;
  children: Map<string, string[]>;
  /** Set when every engine was looked for and none found: the view shows its welcome instead. */
  noEngine: boolean;
  /** Containers hidden by the filter or showStopped. */
  hiddenCount: number;
}

export const DEFAULT_TREE_OPTIONS: TreeOptions = { groupBy: 'pod', showStopped: true, filter: '' };

export const containerNodeId = (key: string): string => `container:${key}`;
export const runtimeNodeId = (kind: RuntimeInfo['kind']): string => `runtime:${kind}`;

/** Collects nodes with their parent links, in insertion order (the order the view shows). */
export class NodeSink {
  readonly roots: string[] = [];
  readonly nodes = new Map<string, TreeNode>();
  readonly children = new Map<string, string[]>();

  add(node: TreeNode): TreeNode {
    this.nodes.set(node.id, node);
    if (node.parentId === undefined) this.roots.push(node.id);
    else {
      const siblings = this.children.get(node.parentId);
      if (siblings) siblings.push(node.id);
      else this.children.set(node.parentId, [node.id]);
    }
    return node;
  }

  /** A leaf that only says something (a note, an empty list, a fix). */
  message(parentId: string, suffix: string, label: string, icon: NodeIcon, description?: string): void {
    this.add({
      id: `${parentId}/${suffix}`,
      parentId,
      kind: 'message',
      label,
      description,
      icon,
      contextValue: 'message',
      collapsible: 'none',
    });
  }
}
