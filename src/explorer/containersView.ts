import * as vscode from 'vscode';

/**
 * The Containers view. Until the runtime core fills it, it has no items, so VS Code shows the
 * view's welcome content (package.json `viewsWelcome`) saying what will appear here.
 */
export class ContainersTreeProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}
