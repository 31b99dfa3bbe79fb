import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Real-engine tests need the engines that scripts/engines/setup.sh starts. Where they are missing
 * the tests fail loudly, saying how to start them; only CONTAINER_ANATOMY_ALLOW_NO_ENGINES=1 turns
 * that into an explicit skip (for a machine where engines cannot run, never in CI).
 */
export const ALLOW_NO_ENGINES = process.env.CONTAINER_ANATOMY_ALLOW_NO_ENGINES === '1';

export function requireSocket(ctx: Mocha.Context, socketPath: string, engine: string): void {
  if (existsSync(socketPath)) return;
  const message = `${engine} is not running (${socketPath} is missing): run scripts/engines/setup.sh as root`;
  if (ALLOW_NO_ENGINES) {
    console.log(`      SKIPPED: ${message} (CONTAINER_ANATOMY_ALLOW_NO_ENGINES=1)`);
    ctx.skip();
  }
  throw new Error(message);
}

const execFileAsync = promisify(execFile);

/** Runs a CLI with an argument array (never a shell) and returns its trimmed stdout. */
export async function run(command: string, args: string[], timeoutMs = 30_000): Promise<string> {
  const { stdout } = await execFileAsync(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

export async function dockerPid(name: string): Promise<number> {
  return Number(await run('docker', ['inspect', '-f', '{{.State.Pid}}', name]));
}

export async function dockerId(name: string): Promise<string> {
  return run('docker', ['inspect', '-f', '{{.Id}}', name]);
}

/**
 * `runuser` arguments that run `command` as `user` the way a VS Code of theirs would: their own
 * group, plus the docker group when asked (`-g` alone leaves no supplementary group), and a clean
 * environment with only PATH, HOME and their XDG_RUNTIME_DIR (rootless Podman's socket is there).
 */
export async function runuserArgs(user: string, withDockerGroup: boolean, command: string[]): Promise<string[]> {
  const uid = await run('id', ['-u', user]);
  const groups = withDockerGroup ? ['-g', user, '-G', 'docker'] : ['-g', user];
  const env = [
    'env',
    '-i',
    `PATH=${process.env.PATH ?? '/usr/bin:/bin'}`,
    `HOME=/home/${user}`,
    `XDG_RUNTIME_DIR=/run/user/${uid}`,
  ];
  return ['-u', user, ...groups, '--', ...env, ...command];
}
