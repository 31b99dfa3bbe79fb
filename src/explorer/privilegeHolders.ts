/**
 * `containerAnatomy.showPrivilegeHolders`, run from a hover's link ("3 running containers have
 * CAP_NET_ADMIN"): a pick of the running containers whose kernel state holds that capability
 * (CapEff) or seccomp mode, from the feed's current snapshot (no engine is asked); the one picked
 * is revealed and selected in the Containers view. The argument comes from a markdown link, so it
 * is checked before anything is done with it.
 */
import vscode = require('../vscodeApi');
import { displayName } from '../core/displayText';
import type { SnapshotFeed } from '../core/feed/snapshotFeed';
import { holderEvidence, holdersOf, parsePrivilegeQuery, queryTitle } from '../core/privileges/holders';
import { RUNTIME_TITLES } from '../core/runtimeTitles';
import type { ContainersTreeProvider } from './containersTree';

/** Shows the container's row in the Containers view, selected; clears a filter that hides it. */
export type RevealContainer = (key: string) => Promise<boolean>;

/** The command's body; returns the key of the container picked, if any (tests read it). */
export async function showPrivilegeHolders(
  arg: unknown,
  tree: ContainersTreeProvider,
  feed: SnapshotFeed,
  reveal: RevealContainer,
): Promise<string | undefined> {
  const query = parsePrivilegeQuery(arg);
  if (!query) {
    void vscode.window.showWarningMessage(
      'Container Anatomy: showing containers by privilege needs a capability (such as NET_ADMIN) or a seccomp mode.',
    );
    return undefined;
  }
  const title = queryTitle(query);
  const holders = holdersOf(feed.current ?? tree.currentSnapshot, query);
  if (holders.length === 0) {
    void vscode.window.showInformationMessage(`Container Anatomy: no running container has ${title} now.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    holders.map((c) => ({
      label: displayName(c.name),
      description: `${RUNTIME_TITLES[c.runtime]} · ${holderEvidence(c, query)}`,
      detail: displayName(c.image),
      key: c.key,
    })),
    { title: `Running containers with ${title} (from the kernel)`, matchOnDescription: true },
  );
  if (!picked) return undefined;
  if (!(await reveal(picked.key)))
    void vscode.window.showInformationMessage(
      `Container Anatomy: ${picked.label} is no longer in the Containers view (it stopped, or the view hides it).`,
    );
  return picked.key;
}
