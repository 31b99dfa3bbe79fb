import vscode = require('../vscodeApi');
import type { TreeNode } from '../core/tree/treeModel';
import type { Logger } from '../log';
import type { SnapshotFeed } from '../core/feed/snapshotFeed';
import { registerTreeCommands } from './commands';
import { CONTAINERS_VIEW_ID, ContainersTreeProvider, FILTERED_CONTEXT_KEY, USAGE_CONSUMER } from './containersTree';
import { INSPECT_SCHEME, InspectDocumentProvider } from './inspectDocument';

export { CONTAINERS_VIEW_ID, ContainersTreeProvider } from './containersTree';
export type { TreeNode } from '../core/tree/treeModel';

export interface ContainersView extends vscode.Disposable {
  tree: ContainersTreeProvider;
  view: vscode.TreeView<TreeNode>;
}

/**
 * The Containers view: the tree over the feed, its commands, the inspect documents, and the lease
 * that keeps the feed following the engines only while the view is visible. Usage figures are
 * watched only for expanded containers. Everything it creates is disposed by the returned dispose.
 */
export function registerContainersView(
  _context: vscode.ExtensionContext,
  feed: SnapshotFeed,
  log: Logger,
): ContainersView {
  const disposables: vscode.Disposable[] = [];
  const tree = new ContainersTreeProvider(feed, log);
  const view = vscode.window.createTreeView(CONTAINERS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const inspect = new InspectDocumentProvider(feed);
  disposables.push(tree, view, inspect, vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspect));
  void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT_KEY, false);

  let lease: vscode.Disposable | undefined;
  const visibilityChanged = (visible: boolean): void => {
    if (visible && !lease) {
      // Under the tree's usage-watch name: releasing the lease drops the watch, so hiding the view
      // stops the usage polling even while the live diagram keeps the feed running.
      lease = feed.acquire(USAGE_CONSUMER);
      tree.pushUsageWatch();
      log.debug('Containers view visible: lease acquired');
    } else if (!visible && lease) {
      lease.dispose();
      lease = undefined;
      log.debug('Containers view hidden: lease released');
    }
  };
  const describeFilter = (): void => {
    view.description = tree.filter ? `filter: ${tree.filter}` : undefined;
  };
  disposables.push(
    view.onDidChangeVisibility((e) => visibilityChanged(e.visible)),
    view.onDidExpandElement((e) => tree.expanded(e.element)),
    view.onDidCollapseElement((e) => tree.collapsed(e.element)),
    tree.onDidChangeTreeData(describeFilter),
    ...registerTreeCommands(tree, feed, log, typeof process.getuid === 'function' && process.getuid() === 0),
  );
  visibilityChanged(view.visible);

  return {
    tree,
    view,
    dispose: () => {
      lease?.dispose();
      lease = undefined;
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
