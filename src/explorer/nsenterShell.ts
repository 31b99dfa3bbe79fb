import vscode = require('../vscodeApi');
import { displayName } from '../core/displayText';
import type { ContainerInfo, NamespaceKind } from '../core/model';
import { nsenterArgs, shellAccess } from '../core/shell/nsenter';
import { shellCommand } from '../core/shell/sudo';
import { kindsProblem, namespaceChoices, shellProgram, type KindChoice } from '../core/shell/shellPlan';
import { checkShellTarget } from '../core/shell/verifyTarget';
import { NAMESPACE_ISOLATES } from '../core/tree/texts';

interface KindPick extends vscode.QuickPickItem {
  nsKind: NamespaceKind;
}

const PROC_ROOT = '/proc';

function verdictWords(choice: KindChoice): string | undefined {
  const v = choice.verdict?.kind;
  const words = v === 'host' ? 'shared with host' : v === 'shared' ? 'shared with another container' : v;
  return choice.required ? `${words ?? ''}${words ? ' · ' : ''}required` : words;
}

/**
 * Asks which namespaces to join, then opens a VS Code terminal running nsenter with an argument
 * array (no shell string, so nothing from the container's data is ever parsed by a shell).
 * Only namespaces that are not the host's are picked at first; a host-shared user namespace is not
 * offered at all (joining it fails). Just before the terminal starts, the PID is checked again.
 */
export async function openNamespaceShell(
  c: ContainerInfo,
  selfUid: number | undefined,
  given?: readonly NamespaceKind[],
  sudoNsenter = false,
): Promise<vscode.Terminal | undefined> {
  const name = displayName(c.name);
  if (c.state !== 'running' || !c.pid) {
    void vscode.window.showWarningMessage(`Container Anatomy: ${name} has no running process to join.`);
    return undefined;
  }
  const viaSudo = shellAccess(selfUid, c, sudoNsenter) === 'sudo';
  const choices = namespaceChoices(c, selfUid, viaSudo);
  let kinds: readonly NamespaceKind[] | undefined = given && given.length > 0 ? given : undefined;
  if (!kinds) {
    const picks: KindPick[] = choices.map((choice) => ({
      nsKind: choice.kind,
      label: choice.kind,
      description: verdictWords(choice),
      detail: NAMESPACE_ISOLATES[choice.kind],
      picked: choice.picked,
    }));
    const chosen = await vscode.window.showQuickPick(picks, {
      canPickMany: true,
      title: `Join namespaces of ${name} (PID ${c.pid})`,
      placeHolder: "Pick the namespaces the shell joins (mnt gives the container's filesystem and shell)",
    });
    if (!chosen || chosen.length === 0) return undefined;
    kinds = chosen.map((p) => p.nsKind);
  }
  const problem = kindsProblem(choices, kinds) ?? targetProblem(c);
  if (problem) {
    void vscode.window.showWarningMessage(`Container Anatomy: no shell in ${name}: ${problem}.`);
    return undefined;
  }
  return startShell(c, c.pid, kinds, viaSudo);
}

function targetProblem(c: ContainerInfo): string | undefined {
  const check = checkShellTarget(PROC_ROOT, c);
  return check.ok ? undefined : check.reason;
}

function startShell(c: ContainerInfo, pid: number, kinds: readonly NamespaceKind[], viaSudo: boolean): vscode.Terminal {
  const command = shellCommand(
    nsenterArgs(pid, kinds, shellProgram(PROC_ROOT, pid, kinds, process.env.SHELL)),
    viaSudo,
  );
  const terminal = vscode.window.createTerminal({
    name: `${viaSudo ? 'sudo nsenter' : 'nsenter'} ${displayName(c.name.slice(0, 40))} (${kinds.join(',')})`,
    shellPath: command.file,
    shellArgs: command.args,
    iconPath: new vscode.ThemeIcon('terminal'),
  });
  terminal.show();
  return terminal;
}
