import vscode = require('../vscodeApi');
import type { TreeNode } from '../core/tree/treeModel';
import type { Logger } from '../log';
import type { SnapshotFeed } from '../live/snapshotFeed';
import { registerTreeCommands } from './commands';
import { CONTAINERS_VIEW_ID, ContainersTreeProvider, FILTERED_CONTEXT_KEY } from './containersTree';
import { INSPECT_SCHEME, InspectDocumentProvider } from './inspectDocument';

export { CONTAINERS_VIEW_ID, ContainersTreeProvider } from './containersTree';
export type { TreeNode } from '../core/tree/treeModel';

const LEASE_CONSUMER = 'containersView';

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
      lease = feed.acquire(LEASE_CONSUMER);
      tree.pushUsageWatch();
      log.debug('Containers view visible: lease acquired');
    } else if (!visible && lease) {
      lease.dispose();
      lease = undefined;
      tree.clearUsageWatch();
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
    ...registerTreeCommands(tree, feed, log),
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
