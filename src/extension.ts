// First import: its clock starts before the other modules evaluate.
import { bundleEvaluationStartedAt } from './loadClock';
import vscode = require('./vscodeApi');
import { registerDockerfileHovers } from './hover/dockerfileHover';
import { registerYamlHovers } from './hover/yamlHover';
import { createLogger, reportError } from './log';
import { ARCHITECTURE_VIEW_TYPE, ArchitecturePanelManager } from './panel/architecturePanel';
import { registerPanelCommands } from './panel/commands';
import { registerContainersView, type ContainersTreeProvider, type TreeNode } from './explorer';
import { HostSnapshotFeed } from './live/hostSnapshotFeed';
import {
  debounceMs,
  ENGINE_SETTINGS,
  sourcesFromSettings,
  sudoInodesFromSettings,
  usageIntervalMs,
} from './live/settings';
import type { SnapshotFeed } from './live/snapshotFeed';

/** What activate() returns: used by the host tests to reach the live objects, never by users. */
export interface ContainerAnatomyApi {
  feed: SnapshotFeed;
  panels: ArchitecturePanelManager;
  containersTree: ContainersTreeProvider;
  containersView: vscode.TreeView<TreeNode>;
}

const bundleEvaluatedAt = performance.now();

/** Wires the parts together; each part owns its own logic and every disposable lands here. */
export function activate(context: vscode.ExtensionContext): ContainerAnatomyApi {
  const activateStartedAt = performance.now();
  const log = createLogger();
  context.subscriptions.push(log);
  try {
    const feed = new HostSnapshotFeed({
      createSources: sourcesFromSettings,
      sudoInodes: sudoInodesFromSettings,
      log,
      debounceMs,
      usageIntervalMs,
    });
    const panels = new ArchitecturePanelManager(context.extensionUri, feed, log);
    context.subscriptions.push(
      feed,
      panels,
      vscode.window.registerWebviewPanelSerializer(ARCHITECTURE_VIEW_TYPE, panels),
      registerPanelCommands(panels),
      registerDockerfileHovers(context),
      registerYamlHovers(() => feed.current),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (ENGINE_SETTINGS.some((s) => e.affectsConfiguration(s))) feed.reconfigure();
      }),
    );
    const containers = registerContainersView(context, feed, log);
    context.subscriptions.push(containers);
    const ms = (t: number) => t.toFixed(1);
    log.info(
      `Container Anatomy activated (activate() ${ms(performance.now() - activateStartedAt)} ms; bundle evaluation ${ms(bundleEvaluatedAt - bundleEvaluationStartedAt)} ms).`,
    );
    return { feed, panels, containersTree: containers.tree, containersView: containers.view };
  } catch (error) {
    reportError(log, 'activation failed', error);
    throw error;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions: the feed there disposes the engine sources,
  // and each source closes its own event streams and keep-alive connections.
}
