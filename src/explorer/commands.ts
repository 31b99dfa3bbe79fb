import vscode = require('../vscodeApi');
import type { ContainerInfo, NamespaceKind } from '../core/model';
import { NAMESPACE_KINDS } from '../core/model';
import { displayName } from '../core/displayText';
import { shortId } from '../core/format';
import { mayEnterContainer } from '../core/shell/nsenter';
import type { TreeNode } from '../core/tree/treeModel';
import { RUNTIME_TITLES } from '../core/runtimeTitles';
import { capabilityListText } from '../core/tree/privilegeNodes';
import type { Logger } from '../log';
import { reportError } from '../log';
import type { SnapshotFeed } from '../core/feed/snapshotFeed';
import { TREE_COMMANDS as COMMANDS } from './commandIds';
import { CONTAINERS_VIEW_ID, type ContainersTreeProvider } from './containersTree';
import { openInspectDocument } from './inspectDocument';
import { openNamespaceShell } from './nsenterShell';
import { showPrivilegeHolders, type RevealContainer } from './privilegeHolders';

const isNode = (x: unknown): x is TreeNode =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as TreeNode).id === 'string' &&
  typeof (x as TreeNode).kind === 'string';

/** Whether the second argument of `revealContainer` asks for the anatomy too (`{ "anatomy": true }`). */
const wantsAnatomy = (options: unknown): boolean =>
  typeof options === 'object' && options !== null && (options as { anatomy?: unknown }).anatomy === true;

/**
 * The tree's commands. Each takes the clicked node from a context menu; the ones that make sense
 * from the palette (inspect, reveal, shell) ask for a container when called without one.
 * `reveal` selects and focuses a node in the Containers view (TreeView.reveal, through getParent).
 */
export function registerTreeCommands(
  tree: ContainersTreeProvider,
  feed: SnapshotFeed,
  log: Logger,
  reveal: RevealContainer,
): vscode.Disposable[] {
  const mayEnter = (c: ContainerInfo): boolean => mayEnterContainer(tree.selfUid, c, tree.sudoNsenter);
  const pickContainer = async (
    title: string,
    only?: (c: ContainerInfo) => boolean,
  ): Promise<ContainerInfo | undefined> => {
    const containers = (tree.currentSnapshot ?? feed.current)?.containers.filter((c) => !only || only(c)) ?? [];
    if (containers.length === 0) {
      void vscode.window.showInformationMessage('Container Anatomy: no containers to choose from (yet).');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      containers.map((c) => ({
        label: displayName(c.name),
        description: `${RUNTIME_TITLES[c.runtime]} · ${c.state} · ${shortId(c.id)}`,
        detail: displayName(c.image),
        key: c.key,
      })),
      { title, matchOnDescription: true },
    );
    return picked ? tree.container(picked.key) : undefined;
  };
  /** The container a command is about: a node, a key string, or a pick. */
  const target = async (
    arg: unknown,
    title: string,
    only?: (c: ContainerInfo) => boolean,
  ): Promise<ContainerInfo | undefined> => {
    if (isNode(arg)) return tree.container(arg.containerKey);
    if (typeof arg === 'string') return tree.container(arg);
    return pickContainer(title, only);
  };
  /** One container's diagram in the panel: for a tree node, a container key or a pick. */
  const openContainerDiagram = async (
    arg: unknown,
    diagram: 'container-anatomy' | 'container-usage',
    title: string,
    only?: (c: ContainerInfo) => boolean,
  ): Promise<unknown> => {
    const c = await target(arg, title, only);
    const key = c?.key ?? (typeof arg === 'string' ? arg : undefined);
    if (!key) return undefined;
    return vscode.commands.executeCommand('containerAnatomy.openDiagram', { diagram, container: key });
  };
  const copy = async (text: string | undefined, what: string): Promise<void> => {
    if (!text) {
      void vscode.window.showWarningMessage(`Container Anatomy: no ${what} to copy.`);
      return;
    }
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${what}`, 3000);
  };
  const safely = (name: string, fn: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(name, async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        reportError(log, name, error);
        return undefined;
      }
    });

  return [
    safely(COMMANDS.refresh, () =>
      vscode.window.withProgress(
        { location: { viewId: CONTAINERS_VIEW_ID }, title: 'Reading the container engines' },
        () => feed.refresh(),
      ),
    ),
    safely(COMMANDS.copyId, async (arg) => copy((await target(arg, 'Copy the id of'))?.id, 'container id')),
    safely(COMMANDS.copyInode, (arg) => copy(isNode(arg) ? arg.copyText : undefined, 'namespace inode')),
    safely(COMMANDS.copyCgroupPath, async (arg) => {
      if (isNode(arg)) return copy(tree.container(arg.containerKey)?.cgroup?.path, 'cgroup path');
      return copy((await target(arg, 'Copy the cgroup path of', (c) => !!c.cgroup))?.cgroup?.path, 'cgroup path');
    }),
    safely(COMMANDS.copyCapabilities, async (arg) => {
      const c = await target(arg, 'Copy the capability list of', (x) => !!capabilityListText(x));
      return copy(capabilityListText(c), 'capability list');
    }),
    // From a hover's link: a capability or seccomp mode (checked there), never a container.
    safely(COMMANDS.showPrivilegeHolders, (arg) => showPrivilegeHolders(arg, tree, feed, reveal)),
    safely(COMMANDS.inspect, async (arg) => {
      const c = await target(arg, 'Inspect container');
      return c ? openInspectDocument(c) : undefined;
    }),
    safely(COMMANDS.revealInDiagram, async (arg) => {
      const c = await target(arg, 'Show in the live diagram');
      const key = c?.key ?? (typeof arg === 'string' ? arg : undefined);
      if (!key) return undefined;
      return vscode.commands.executeCommand('containerAnatomy.openDiagram', { diagram: 'live-host', highlight: key });
    }),
    // A tree node, a container key (hovers pass one) or, from the palette, a pick.
    safely(COMMANDS.showAnatomy, (arg) => openContainerDiagram(arg, 'container-anatomy', 'Show the anatomy of')),
    safely(COMMANDS.showUsage, (arg) =>
      openContainerDiagram(arg, 'container-usage', 'Show usage over time of', (c) => c.state === 'running'),
    ),
    // A container key and `{ anatomy: true }` (a compose or Kubernetes hover's link), or a pick.
    safely(COMMANDS.revealContainer, async (arg, options) => {
      let c = await target(arg, 'Reveal in the Containers view');
      if (!c && typeof arg === 'string') {
        // The hover read a newer snapshot than the tree shows, or the container just went.
        await feed.refresh();
        c = tree.container(arg);
      }
      if (!c) {
        if (typeof arg === 'string')
          void vscode.window.showWarningMessage('Container Anatomy: that container is no longer on this host.');
        return undefined;
      }
      if (!(await reveal(c.key)))
        void vscode.window.showWarningMessage(
          `Container Anatomy: ${displayName(c.name)} is hidden in the Containers view (the showStopped setting).`,
        );
      if (wantsAnatomy(options)) await vscode.commands.executeCommand(COMMANDS.showAnatomy, c.key);
      return undefined;
    }),
    // Optional second argument: the kinds to join, skipping the pick (used by tests and keybindings).
    safely(COMMANDS.shell, async (arg, kinds) => {
      const c = await target(arg, 'Open a shell in the namespaces of', mayEnter);
      if (!c) return undefined;
      if (!mayEnter(c)) {
        void vscode.window.showWarningMessage(
          `Container Anatomy: no shell in ${displayName(c.name)}: ${c.state !== 'running' || !c.pid ? 'it has no running process' : "joining its namespaces needs root, or its process's own user and a user namespace of its own; to go through `sudo -n nsenter` where sudoers allows it without a password, turn on containerAnatomy.namespaces.readInodesWithSudo"}.`,
        );
        return undefined;
      }
      const given = Array.isArray(kinds)
        ? kinds.filter((k): k is NamespaceKind => (NAMESPACE_KINDS as readonly unknown[]).includes(k))
        : undefined;
      return openNamespaceShell(c, tree.selfUid, given, tree.sudoNsenter);
    }),
    safely(COMMANDS.filter, async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter containers by name',
        prompt: 'Shows containers whose name contains this text (case-insensitive); empty shows all.',
        value: tree.filter,
      });
      if (text !== undefined) tree.setFilter(text);
    }),
    safely(COMMANDS.clearFilter, () => tree.setFilter('')),
    safely(COMMANDS.groupBy, () =>
      pickTreeSetting('groupBy', 'pod', 'Group containers by', [
        { label: 'pod', description: 'runtime → containerd namespace → pod → container' },
        { label: 'runtime', description: 'runtime → containerd namespace → container' },
        { label: 'none', description: 'one flat list of containers' },
      ]),
    ),
    safely(COMMANDS.sortBy, () =>
      pickTreeSetting('sortBy', 'name', 'Sort containers by', [
        { label: 'name', description: 'by name' },
        { label: 'memory', description: 'the largest working set first (expanded containers have figures)' },
        { label: 'cpu', description: 'the busiest first (expanded containers have figures)' },
      ]),
    ),
  ];
}

/** A quick pick over one containerAnatomy.tree setting's values, the current one marked. */
async function pickTreeSetting(
  key: string,
  fallback: string,
  title: string,
  options: { label: string; description: string }[],
): Promise<void> {
  const config = vscode.workspace.getConfiguration('containerAnatomy.tree');
  const current = config.get<string>(key, fallback);
  const picked = await vscode.window.showQuickPick(
    options.map((p) => ({ ...p, picked: p.label === current })),
    { title },
  );
  if (picked) await config.update(key, picked.label, vscode.ConfigurationTarget.Global);
}
