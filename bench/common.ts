/** What every part of the bench shares: the repository, Docker's socket, the log, and cleanup on every exit path. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const execFileP = promisify(execFile);
export const repo = process.cwd();
export const DOCKER_SOCK = '/var/run/docker.sock';

export const cleanups: Array<() => Promise<void> | void> = [];
export let cleaning: Promise<void> | undefined;
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (e) {
        process.stderr.write(`[bench] cleanup step failed: ${String(e)}\n`);
      }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    log(`${sig}: cleaning up (removing bench containers)…`);
    void cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}

export function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}
