import * as vscode from 'vscode';
import { createLogger, reportError } from './log';
import { ARCHITECTURE_VIEW_TYPE, ArchitecturePanelManager } from './panel/architecturePanel';
import { ContainersTreeProvider } from './explorer/containersView';

/** Wires the parts together; each part owns its own logic and every disposable lands here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLogger();
  context.subscriptions.push(log);
  try {
    const panels = new ArchitecturePanelManager(context.extensionUri, log);
    context.subscriptions.push(
      panels,
      vscode.window.registerWebviewPanelSerializer(ARCHITECTURE_VIEW_TYPE, panels),
      vscode.commands.registerCommand('containerAnatomy.openArchitecture', () => panels.show()),
      vscode.window.createTreeView('containerAnatomy.containers', { treeDataProvider: new ContainersTreeProvider() }),
    );
    log.info('Container Anatomy activated.');
  } catch (error) {
    reportError(log, 'activation failed', error);
    throw error;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
