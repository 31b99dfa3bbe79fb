import vscode = require('../vscodeApi');
import type { SnapshotFeed } from '../core/feed/snapshotFeed';
import type { TreeNode } from '../core/tree/treeModel';
import { containerNodeId } from '../core/tree/nodes';
import type { Logger } from '../log';
import { loadPart } from '../parts/load';
import { TREE_COMMANDS } from './commandIds';
import type {
  CONTAINERS_VIEW_ID,
  ContainersTreeProvider,
  FILTERED_CONTEXT_KEY,
  USAGE_CONSUMER,
} from './containersTree';
import type { INSPECT_SCHEME, InspectDocumentProvider } from './inspectDocument';

export type { TreeNode } from '../core/tree/treeModel';
export type { ContainersTreeProvider } from './containersTree';

// The tree's names again, each typed as the tree's own constant (the compiler checks they agree),
// so that registering the view does not load the tree.
const VIEW_ID: typeof CONTAINERS_VIEW_ID = 'containerAnatomy.containers';
const FILTERED_KEY: typeof FILTERED_CONTEXT_KEY = 'containerAnatomy.containers.filtered';
const SCHEME: typeof INSPECT_SCHEME = 'container-anatomy';
/** The view's lease and the tree's usage watch share this name, so releasing the lease drops the watch. */
const CONSUMER: typeof USAGE_CONSUMER = 'containersTree';

/** How long a reveal keeps trying while a view that was hidden loads (measured here: up to ~3 s). */
const REVEAL_TIMEOUT_MS = 8000;
const REVEAL_RETRY_MS = 250;

export interface ContainersView extends vscode.Disposable {
  /** The tree provider, made (and the tree's code loaded) on first use. */
  readonly tree: ContainersTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
}

/**
 * The Containers view: the tree over the feed, its commands, the inspect documents, and the lease
 * that keeps the feed following the engines only while the view is visible. Usage figures are
 * watched only for expanded containers. Everything it creates is disposed by the returned dispose.
 *
 * Activation registers the view, the commands and the document scheme with stand-ins; the tree
 * itself (its model, commands and documents: the `containers` part) is loaded when VS Code first
 * asks for the view's items, a tree command runs or an inspect document is opened.
 */
export function registerContainersView(feed: SnapshotFeed, log: Logger): ContainersView {
  const disposables: vscode.Disposable[] = [];
  const treeChanged = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  const inspectChanged = new vscode.EventEmitter<vscode.Uri>();
  let loaded: { tree: ContainersTreeProvider; inspect: InspectDocumentProvider } | undefined;
  let lease: vscode.Disposable | undefined;
  // Until the part is loaded each tree command loads it (which registers the real command) and runs again.
  let standIns: vscode.Disposable | undefined = vscode.Disposable.from(
    ...Object.values(TREE_COMMANDS).map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        part();
        return vscode.commands.executeCommand(id, ...args);
      }),
    ),
  );

  const part = (): { tree: ContainersTreeProvider; inspect: InspectDocumentProvider } => {
    if (loaded) return loaded;
    const containers = loadPart('containers');
    const tree = new containers.ContainersTreeProvider(feed, log);
    const inspect = new containers.InspectDocumentProvider(feed);
    standIns?.dispose();
    standIns = undefined;
    disposables.push(
      tree,
      inspect,
      tree.onDidChangeTreeData((e) => treeChanged.fire(e)),
      tree.onDidChangeTreeData(() => (view.description = tree.filter ? `filter: ${tree.filter}` : undefined)),
      inspect.onDidChange((uri) => inspectChanged.fire(uri)),
      ...containers.registerTreeCommands(tree, feed, log, revealContainer),
    );
    if (lease) tree.pushUsageWatch();
    loaded = { tree, inspect };
    return loaded;
  };

  /** Set while a reveal waits for the workbench to ask for the roots of a view it just showed. */
  let rootsServed: (() => void) | undefined;
  /**
   * Selects and focuses a node. A view that was hidden gets its lease now, so its first snapshot
   * refreshes the whole tree while the workbench is still loading it, and the workbench then
   * answers "Data tree node not found": the view is shown first and the reveal tried again, a
   * quarter second apart, for a bounded time.
   */
  const revealNode = async (node: TreeNode): Promise<void> => {
    if (!view.visible) {
      const served = new Promise<void>((resolve) => (rootsServed = resolve));
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
      await Promise.race([served, new Promise((resolve) => setTimeout(resolve, REVEAL_TIMEOUT_MS))]);
    }
    const deadline = Date.now() + REVEAL_TIMEOUT_MS;
    for (;;) {
      try {
        await view.reveal(node, { select: true, focus: true, expand: false });
        return;
      } catch (error) {
        log.debug(`reveal: ${error instanceof Error ? error.message : String(error)}`);
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
      }
    }
  };

  /** Reveals a container's row selected, dropping a filter that hides it; false when the view has no such row. */
  const revealContainer = async (key: string): Promise<boolean> => {
    const { tree } = part();
    const id = containerNodeId(key);
    if (!tree.node(id) && tree.filter) tree.setFilter('');
    const node = tree.node(id);
    if (!node) return false;
    await revealNode(node);
    return true;
  };

  const view = vscode.window.createTreeView<TreeNode>(VIEW_ID, {
    treeDataProvider: {
      onDidChangeTreeData: treeChanged.event,
      getChildren: (node) => {
        const children = part().tree.getChildren(node);
        if (!node && children.length > 0) rootsServed?.();
        return children;
      },
      getTreeItem: (node) => part().tree.getTreeItem(node),
      getParent: (node) => part().tree.getParent(node),
      resolveTreeItem: (item, node) => part().tree.resolveTreeItem(item, node),
    },
    showCollapseAll: true,
  });
  disposables.push(
    treeChanged,
    inspectChanged,
    view,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: inspectChanged.event,
      provideTextDocumentContent: (uri) => part().inspect.provideTextDocumentContent(uri),
    }),
  );
  void vscode.commands.executeCommand('setContext', FILTERED_KEY, false);

  const visibilityChanged = (visible: boolean): void => {
    if (visible && !lease) {
      lease = feed.acquire(CONSUMER);
      loaded?.tree.pushUsageWatch();
      log.debug('Containers view visible: lease acquired');
    } else if (!visible && lease) {
      lease.dispose();
      lease = undefined;
      log.debug('Containers view hidden: lease released');
    }
  };
  disposables.push(
    view.onDidChangeVisibility((e) => visibilityChanged(e.visible)),
    view.onDidExpandElement((e) => part().tree.expanded(e.element)),
    view.onDidCollapseElement((e) => part().tree.collapsed(e.element)),
  );
  visibilityChanged(view.visible);

  return {
    get tree() {
      return part().tree;
    },
    view,
    dispose: () => {
      lease?.dispose();
      lease = undefined;
      standIns?.dispose();
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
