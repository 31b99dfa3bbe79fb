import vscode = require('../vscodeApi');
import type { ContainerInfo, HostSnapshot } from '../core/model';
import { reconcileTree } from '../core/tree/reconcile';
import { nodeText } from '../core/tree/present';
import { tooltipFor } from '../core/tree/tooltip';
import { sortByOrDefault } from '../core/usage/sortOrder';
import {
  buildTree,
  DEFAULT_TREE_OPTIONS,
  type GroupBy,
  type TreeModel,
  type TreeNode,
  type TreeOptions,
} from '../core/tree/treeModel';
import type { Logger } from '../log';
import type { SnapshotFeed } from '../core/feed/snapshotFeed';
import { tooltipMarkdown } from './markdown';
import { sudoAllowsNsenter } from '../core/shell/sudo';

export const CONTAINERS_VIEW_ID = 'containerAnatomy.containers';
/** Context key for the view's welcome content: `loading` | `noEngine` | `ready`. */
export const STATE_CONTEXT_KEY = 'containerAnatomy.containers.state';
export const FILTERED_CONTEXT_KEY = 'containerAnatomy.containers.filtered';
/** The tree's name towards the feed: the view's lease and its usage watch share it. */
export const USAGE_CONSUMER = 'containersTree';
/** The one opt-in to sudo: denied namespace links read through it, and the shell through `sudo -n nsenter`. */
const SUDO_SETTING = 'containerAnatomy.namespaces.readInodesWithSudo';

export type ViewState = 'loading' | 'noEngine' | 'ready';

/**
 * The Containers view's data: a TreeModel built from the feed's snapshot (plain data, stable ids),
 * turned into TreeItems in getTreeItem; tooltips are built only when VS Code asks (resolveTreeItem).
 * It never talks to an engine: it reads `feed.current` and listens to `feed.onDidChange`.
 */
export class ContainersTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly stateEmitter = new vscode.EventEmitter<ViewState>();
  /** Fires when the view's state (loading, no engine, ready) changes. */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private model: TreeModel = { roots: [], nodes: new Map(), children: new Map(), noEngine: false, hiddenCount: 0 };
  /** Whether VS Code has been given a model yet: the first one refreshes the whole view. */
  private modelShown = false;
  private stateSent = false;
  private snapshot: HostSnapshot | undefined;
  private filterText = '';
  private stateValue: ViewState = 'loading';
  private readonly expandedContainers = new Set<string>();
  /** Containers whose children VS Code has asked for: only theirs are built (TreeOptions.subtreesOf). */
  private readonly builtSubtrees = new Set<string>();
  /** The uid this extension runs as (undefined where there are no uids): who may open a namespace shell. */
  readonly selfUid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  /** sudoers lets this user run nsenter without a password (asked only where the user opted in to sudo). */
  sudoNsenter = false;

  constructor(
    private readonly feed: SnapshotFeed,
    private readonly log: Logger,
  ) {
    this.disposables.push(
      this.changeEmitter,
      this.stateEmitter,
      feed.onDidChange((s) => this.update(s)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('containerAnatomy.tree')) this.rebuild();
        if (e.affectsConfiguration(SUDO_SETTING)) this.probeSudoNsenter();
      }),
    );
    this.snapshot = feed.current;
    this.rebuild();
    this.probeSudoNsenter();
  }

  /**
   * Asks sudo (never prompting) whether this user may run nsenter without a password, only where
   * the user is not root and opted in; the tree then offers the shell on containers it cannot enter
   * directly.
   */
  private probeSudoNsenter(): void {
    const optedIn = vscode.workspace.getConfiguration().get<boolean>(SUDO_SETTING, false);
    if (!optedIn || this.selfUid === 0 || this.selfUid === undefined) {
      if (this.sudoNsenter) {
        this.sudoNsenter = false;
        this.rebuild();
      }
      return;
    }
    void sudoAllowsNsenter().then((allowed) => {
      if (allowed === this.sudoNsenter) return;
      this.sudoNsenter = allowed;
      this.log.info(`namespace shell through sudo -n nsenter: ${allowed ? 'allowed' : 'not allowed by sudoers'}`);
      this.rebuild();
    });
  }

  get state(): ViewState {
    return this.stateValue;
  }

  get filter(): string {
    return this.filterText;
  }

  /** The snapshot the tree shows now. */
  get currentSnapshot(): HostSnapshot | undefined {
    return this.snapshot;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT_KEY, this.filterText.length > 0);
    this.rebuild();
  }

  /** The node with this id in the current tree (containers: `container:<key>`). */
  node(id: string): TreeNode | undefined {
    return this.model.nodes.get(id);
  }

  nodes(): TreeNode[] {
    return [...this.model.nodes.values()];
  }

  container(key: string | undefined): ContainerInfo | undefined {
    return key ? this.snapshot?.containers.find((c) => c.key === key) : undefined;
  }

  private options(): TreeOptions {
    const config = vscode.workspace.getConfiguration('containerAnatomy.tree');
    const groupBy = config.get<string>('groupBy', DEFAULT_TREE_OPTIONS.groupBy);
    return {
      groupBy: (['pod', 'runtime', 'none'].includes(groupBy) ? groupBy : 'pod') as GroupBy,
      showStopped: config.get<boolean>('showStopped', true),
      filter: this.filterText,
      selfUid: this.selfUid,
      sudoNsenter: this.sudoNsenter,
      sortBy: sortByOrDefault(config.get<string>('sortBy')),
      subtreesOf: this.builtSubtrees,
    };
  }

  private update(snapshot: HostSnapshot): void {
    this.snapshot = snapshot;
    this.rebuild();
  }

  private rebuild(): void {
    const snapshot = this.snapshot;
    if (!snapshot) {
      this.setState('loading');
      return;
    }
    let changed: TreeNode[] | 'all';
    for (const key of this.builtSubtrees)
      if (!snapshot.containers.some((c) => c.key === key)) this.builtSubtrees.delete(key);
    try {
      // Node objects are kept across snapshots, so only what changed is refreshed (see reconcileTree).
      const reconciled = reconcileTree(this.modelShown ? this.model : undefined, buildTree(snapshot, this.options()));
      this.model = reconciled.model;
      changed = reconciled.changed;
    } catch (error) {
      this.log.error(
        `Containers view: could not build the tree: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return;
    }
    this.modelShown = true;
    this.log.debug(`Containers view: ${changed === 'all' ? 'every node' : `${changed.length} node(s)`} refreshed`);
    this.setState(this.model.noEngine ? 'noEngine' : 'ready');
    if (changed === 'all') this.changeEmitter.fire(undefined);
    else if (changed.length > 0) this.changeEmitter.fire(changed);
  }

  private setState(state: ViewState): void {
    if (state === this.stateValue && this.stateSent) return;
    if (state !== this.stateValue) {
      this.stateValue = state;
      this.stateEmitter.fire(state);
    }
    this.stateSent = true;
    void vscode.commands.executeCommand('setContext', STATE_CONTEXT_KEY, state);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const collapsible = {
      none: vscode.TreeItemCollapsibleState.None,
      collapsed: vscode.TreeItemCollapsibleState.Collapsed,
      expanded: vscode.TreeItemCollapsibleState.Expanded,
    }[node.collapsible];
    const text = nodeText(node);
    const item = new vscode.TreeItem(text.label, collapsible);
    item.id = node.id;
    item.description = text.description;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(
      node.icon.id,
      node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined,
    );
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node?.kind === 'container' && node.containerKey && !this.builtSubtrees.has(node.containerKey))
      this.buildSubtree(node.containerKey);
    const ids = node ? (this.model.children.get(node.id) ?? []) : this.model.roots;
    return ids.map((id) => this.model.nodes.get(id)).filter((n): n is TreeNode => n !== undefined);
  }

  /**
   * The first time VS Code asks for a container's children: the model is built again with that
   * container's subtree. No change event: VS Code is asking for those children now.
   */
  private buildSubtree(key: string): void {
    this.builtSubtrees.add(key);
    if (!this.snapshot || !this.modelShown) return;
    try {
      this.model = reconcileTree(this.model, buildTree(this.snapshot, this.options())).model;
    } catch (error) {
      this.log.error(`Containers view: could not build a container's subtree: ${String(error)}`);
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const current = this.model.nodes.get(node.id) ?? node;
    return current.parentId !== undefined ? this.model.nodes.get(current.parentId) : undefined;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.tooltip = tooltipMarkdown(tooltipFor(this.model.nodes.get(node.id) ?? node, this.snapshot));
    return item;
  }

  /** Expansion tracking for usage: only expanded containers get their usage polled. */
  expanded(node: TreeNode): void {
    if (node.kind === 'container' && node.containerKey) {
      this.expandedContainers.add(node.containerKey);
      this.pushUsageWatch();
    }
  }

  collapsed(node: TreeNode): void {
    if (node.kind === 'container' && node.containerKey && this.expandedContainers.delete(node.containerKey))
      this.pushUsageWatch();
  }

  /** Called when the view is hidden: nothing is watched while nobody looks. */
  clearUsageWatch(): void {
    this.feed.setUsageWatch(USAGE_CONSUMER, []);
  }

  pushUsageWatch(): void {
    this.feed.setUsageWatch(USAGE_CONSUMER, [...this.expandedContainers]);
  }

  get watchedContainers(): readonly string[] {
    return [...this.expandedContainers];
  }

  dispose(): void {
    this.feed.setUsageWatch(USAGE_CONSUMER, []);
    for (const d of this.disposables) d.dispose();
  }
}
