/**
 * How the namespace shell can start for this user: nsenter directly as root or as the process's
 * owner; for an ordinary user on someone else's container, `sudo -n nsenter …` where sudo allows
 * nsenter without a password; otherwise a refusal that says what would be needed. Arguments only.
 */
import childProcess = require('node:child_process');

export type ShellPlan = { file: string; args: string[] } | { refused: string };

/** `sudo -n -l nsenter` lists nsenter only when sudo would run it without asking: nothing runs. */
export function sudoAllowsNsenter(timeoutMs = 5_000): Promise<boolean> {
  return new Promise((resolve) => {
    childProcess.execFile('sudo', ['-n', '-l', 'nsenter'], { timeout: timeoutMs }, (error) => resolve(!error));
  });
}

export function namespaceShellPlan(
  nsenterArgs: readonly string[],
  who: { selfUid: number; processUid: number | undefined; sudoNsenter: boolean },
): ShellPlan {
  if (who.selfUid === 0 || (who.processUid !== undefined && who.processUid === who.selfUid))
    return { file: 'nsenter', args: [...nsenterArgs] };
  if (who.sudoNsenter) return { file: 'sudo', args: ['-n', 'nsenter', ...nsenterArgs] };
  return {
    refused:
      "joining another user's namespaces needs root: run VS Code as root or as the process's owner, or allow nsenter without a password in sudoers (then the shell runs through `sudo -n nsenter`; a password is never asked for)",
  };
}
