// First import: its clock starts before the other modules evaluate.
import { bundleEvaluationStartedAt } from './loadClock';
import vscode = require('./vscodeApi');
import { HostSnapshotFeed } from './core/feed/hostSnapshotFeed';
import type { SnapshotFeed } from './core/feed/snapshotFeed';
import { registerYamlHovers } from './hover/yamlHover';
import { registerContainersView, type ContainersTreeProvider, type TreeNode } from './explorer';
import { registerDockerfileHovers } from './hover/dockerfileHover';
import {
  debounceMs,
  ENGINE_SETTINGS,
  sourcesFromSettings,
  sudoInodesFromSettings,
  usageIntervalMs,
} from './live/settings';
import { createLogger, reportError } from './log';
import { registerArchitecturePanel } from './panel';
import type { ArchitecturePanelManager } from './panel/architecturePanel';
import { loadPart } from './parts/load';

/** What activate() returns: used by the host tests to reach the live objects, never by users. */
export interface ContainerAnatomyApi {
  feed: SnapshotFeed;
  /** Getters: reading them loads the panel's or the tree's code, as its first use would. */
  readonly panels: ArchitecturePanelManager;
  readonly containersTree: ContainersTreeProvider;
  containersView: vscode.TreeView<TreeNode>;
}

const bundleEvaluatedAt = performance.now();

/**
 * Wires the parts together; each part owns its own logic and every disposable lands here. Only
 * the stand-ins are made now: the engine clients, the tree and the panel load at their first use
 * (src/parts).
 */
export function activate(context: vscode.ExtensionContext): ContainerAnatomyApi {
  const activateStartedAt = performance.now();
  const log = createLogger();
  context.subscriptions.push(log);
  try {
    const feed = new HostSnapshotFeed({
      engines: () => loadPart('engines'),
      createSources: () => sourcesFromSettings(loadPart('engines')),
      sudoInodes: () => sudoInodesFromSettings(loadPart('engines')),
      log,
      debounceMs,
      usageIntervalMs,
    });
    const panel = registerArchitecturePanel(context, feed, log);
    const containers = registerContainersView(feed, log);
    context.subscriptions.push(
      feed,
      panel,
      containers,
      registerDockerfileHovers(() => feed.current),
      registerYamlHovers(() => feed.current),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (ENGINE_SETTINGS.some((s) => e.affectsConfiguration(s))) feed.reconfigure();
      }),
    );
    const ms = (t: number) => t.toFixed(1);
    log.info(
      `Container Anatomy activated (activate() ${ms(performance.now() - activateStartedAt)} ms; bundle evaluation ${ms(bundleEvaluatedAt - bundleEvaluationStartedAt)} ms).`,
    );
    return {
      feed,
      get panels() {
        return panel.manager();
      },
      get containersTree() {
        return containers.tree;
      },
      containersView: containers.view,
    };
  } catch (error) {
    reportError(log, 'activation failed', error);
    throw error;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions: the feed there disposes the engine sources,
  // and each source closes its own event streams and keep-alive connections.
}
