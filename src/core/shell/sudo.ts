/**
 * The namespace shell for an ordinary user on a container that is not theirs (root's Docker
 * containers, as most people run): where sudoers lets them run nsenter without a password, the shell
 * goes through `sudo -n nsenter …`. `-n` means sudo never asks for a password: it either runs or fails.
 * Only asked for when the user opted in (containerAnatomy.namespaces.readInodesWithSudo).
 */
import childProcess = require('node:child_process');

/**
 * Whether sudo would run nsenter for this user without a password. `sudo -n -l nsenter` only lists
 * the command (exit 0 where it is allowed): nothing is run and nothing is asked.
 */
export function sudoAllowsNsenter(timeoutMs = 5_000, sudo = 'sudo'): Promise<boolean> {
  return new Promise((resolve) => {
    childProcess.execFile(sudo, [...SUDO_NSENTER_PROBE], { timeout: timeoutMs }, (error) => resolve(!error));
  });
}

/** The arguments of that question to sudo. */
export const SUDO_NSENTER_PROBE: readonly string[] = ['-n', '-l', 'nsenter'];

/** The program and argument array that start the shell: nsenter itself, or through `sudo -n`. */
export function shellCommand(nsenterArgs: readonly string[], viaSudo: boolean): { file: string; args: string[] } {
  return viaSudo
    ? { file: 'sudo', args: ['-n', 'nsenter', ...nsenterArgs] }
    : { file: 'nsenter', args: [...nsenterArgs] };
}
