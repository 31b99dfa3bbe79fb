import vscode = require('../vscodeApi');
import type { ContainerInfo, NamespaceKind } from '../core/model';
import { NAMESPACE_KINDS } from '../core/model';
import { NAMESPACE_ISOLATES } from '../core/tree/texts';
import { nsenterArgs } from '../core/tree/treeModel';

interface KindPick extends vscode.QuickPickItem {
  nsKind: NamespaceKind;
}

/** Kinds picked by default: what "being inside the container" usually means, without the user ns. */
const DEFAULT_KINDS: NamespaceKind[] = ['mnt', 'uts', 'ipc', 'net', 'pid'];

/**
 * Asks which namespaces to join, then opens a VS Code terminal running nsenter with an argument
 * array (no shell string, so nothing from the container's data is ever parsed by a shell).
 * Only namespaces that are not the host's are offered as useful; host ones are listed but unpicked.
 */
export async function openNamespaceShell(
  c: ContainerInfo,
  given?: readonly NamespaceKind[],
): Promise<vscode.Terminal | undefined> {
  if (c.state !== 'running' || !c.pid) {
    void vscode.window.showWarningMessage(`Container Anatomy: ${c.name} has no running process to join.`);
    return undefined;
  }
  if (given && given.length > 0) return startShell(c, c.pid, given);
  const entries = c.namespaces?.entries ?? [];
  const readable = new Set(entries.filter((e) => e.read.state === 'ok').map((e) => e.kind));
  const kinds = entries.length ? NAMESPACE_KINDS.filter((k) => readable.has(k)) : [...NAMESPACE_KINDS];
  const picks: KindPick[] = kinds.map((kind) => {
    const verdict = entries.find((e) => e.kind === kind)?.verdict;
    return {
      nsKind: kind,
      label: kind,
      description:
        verdict?.kind === 'host'
          ? 'shared with host'
          : verdict?.kind === 'shared'
            ? 'shared with another container'
            : verdict?.kind,
      detail: NAMESPACE_ISOLATES[kind],
      picked: DEFAULT_KINDS.includes(kind) && verdict?.kind !== 'host',
    };
  });
  const chosen = await vscode.window.showQuickPick(picks, {
    canPickMany: true,
    title: `Join namespaces of ${c.name} (PID ${c.pid})`,
    placeHolder: "Pick the namespaces the shell joins (mnt gives the container's filesystem and shell)",
  });
  if (!chosen || chosen.length === 0) return undefined;
  return startShell(
    c,
    c.pid,
    chosen.map((p) => p.nsKind),
  );
}

function startShell(c: ContainerInfo, pid: number, kinds: readonly NamespaceKind[]): vscode.Terminal {
  const args = nsenterArgs(pid, kinds);
  const terminal = vscode.window.createTerminal({
    name: `nsenter ${c.name.slice(0, 40)} (${kinds.join(',')})`,
    shellPath: 'nsenter',
    shellArgs: args,
    iconPath: new vscode.ThemeIcon('terminal'),
  });
  terminal.show();
  return terminal;
}
