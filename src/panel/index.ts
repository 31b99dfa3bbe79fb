import vscode = require('../vscodeApi');
import type { SnapshotFeed } from '../core/feed/snapshotFeed';
import type { Logger } from '../log';
import { loadPart } from '../parts/load';
import type { ARCHITECTURE_VIEW_TYPE, ArchitecturePanelManager } from './architecturePanel';

// The literal again, typed as the panel's own constant (the compiler checks they agree), so that
// registering the serializer does not load the panel.
const VIEW_TYPE: typeof ARCHITECTURE_VIEW_TYPE = 'containerAnatomy.architecture';

export interface ArchitecturePanel extends vscode.Disposable {
  /** The panel manager, made (and its code loaded) on the first call. */
  manager(): ArchitecturePanelManager;
}

/**
 * The architecture panel's commands and its serializer. The panel's code (the manager, the
 * diagrams) is loaded at the first command or when VS Code restores the panel, not at activation.
 */
export function registerArchitecturePanel(
  context: vscode.ExtensionContext,
  feed: SnapshotFeed,
  log: Logger,
): ArchitecturePanel {
  let made: ArchitecturePanelManager | undefined;
  const manager = (): ArchitecturePanelManager =>
    (made ??= new (loadPart('panel').ArchitecturePanelManager)(context.extensionUri, feed, log));
  const registrations = vscode.Disposable.from(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => manager().deserializeWebviewPanel(panel, state),
    }),
    vscode.commands.registerCommand('containerAnatomy.openArchitecture', () => manager().show()),
    vscode.commands.registerCommand('containerAnatomy.openDiagram', (arg?: unknown) =>
      loadPart('panel').openDiagram(manager(), arg),
    ),
    vscode.commands.registerCommand('containerAnatomy.openLiveHost', () => manager().show('live-host')),
  );
  return {
    manager,
    dispose: () => {
      registrations.dispose();
      made?.dispose();
    },
  };
}
