/**
 * Runs the podman CLI when no API socket answers (socket activation is often off). Always
 * `execFile` with an argument array, never a shell: container names and ids never pass through a
 * shell parser. Every call has a deadline, an output cap and a kill signal, and honours the
 * caller's AbortSignal; a missing binary, a non-zero exit, a hang or invalid JSON all come back as
 * values, nothing is thrown.
 *
 * A hung child can keep its stdout open through a grandchild even after being killed, and
 * execFile's callback waits for the pipes to close; a guard timer a little after the deadline
 * kills again, destroys the pipes and settles regardless.
 */
import childProcess = require('node:child_process');
import type { ChildProcess } from 'node:child_process';
import fs = require('node:fs');
import { parseAndValidate, type ShapeError } from '../shared/json';
import type { EngineError, Result } from '../shared/result';

export const DEFAULT_CLI_TIMEOUT_MS = 15_000;
export const DEFAULT_CLI_MAX_BUFFER_BYTES = 16 * 1024 * 1024;
/** Extra time after the deadline before the guard gives up on the child's pipes. */
const GUARD_SLACK_MS = 500;

export type CliErrorKind = Extract<
  EngineError['kind'],
  'missing' | 'denied' | 'timeout' | 'exit' | 'too-large' | 'garbage' | 'aborted'
>;
export interface CliError extends EngineError {
  kind: CliErrorKind;
}
export type CliResult<T> = Result<T, CliError>;

/** Who runs the CLI. `runAs` wraps it in `runuser -u <user> -- env … podman …` (root only). */
export interface PodmanCliTarget {
  /** The podman executable (default `podman`, looked up in PATH). */
  cliPath: string;
  env?: NodeJS.ProcessEnv;
  runAs?: { user: string; uid: number; home?: string };
  /** Path of runuser (tests). */
  runuserPath?: string;
  /** Path of setpriv, which ties a long-lived child to this process (tests). */
  setprivPath?: string;
}

export interface CliRunOptions {
  timeoutMs?: number;
  maxBufferBytes?: number;
  signal?: AbortSignal;
}

/**
 * runuser lives in /usr/sbin (/sbin before the /usr merge), which a PATH handed down by a desktop
 * launcher, or an emptied environment, often lacks; the lookup would then fail with ENOENT although
 * runuser is installed. Its absolute path, where one exists, avoids depending on PATH.
 */
export function locateRunuser(
  candidates: readonly string[] = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser', '/bin/runuser'],
): string {
  return candidates.find((p) => fs.existsSync(p)) ?? 'runuser';
}

/** setpriv (util-linux) where it is installed: `--pdeathsig` needs no privilege. */
export function locateSetpriv(
  candidates: readonly string[] = ['/usr/bin/setpriv', '/bin/setpriv'],
): string | undefined {
  return candidates.find((p) => fs.existsSync(p));
}

/**
 * The executable and arguments actually run, after the optional runuser wrapper. `tiedToParent`
 * (for the long-lived `podman events`) puts each process under `setpriv --pdeathsig KILL`, so the
 * kernel kills it when its parent dies: runuser when this process dies, podman when runuser does.
 */
export function cliCommand(
  target: PodmanCliTarget,
  args: readonly string[],
  options: { tiedToParent?: boolean } = {},
): { file: string; args: string[] } {
  const setpriv = options.tiedToParent ? (target.setprivPath ?? locateSetpriv()) : undefined;
  const tie = (argv: string[]): string[] => (setpriv ? [setpriv, '--pdeathsig', 'KILL', '--', ...argv] : argv);
  let argv: string[];
  if (!target.runAs) {
    argv = tie([target.cliPath, ...args]);
  } else {
    const { user, uid, home } = target.runAs;
    // env -u CONTAINER_HOST: root's own CONTAINER_HOST must not redirect the user's podman.
    const envArgs = ['-u', 'CONTAINER_HOST', `XDG_RUNTIME_DIR=/run/user/${uid}`];
    if (home) envArgs.push(`HOME=${home}`);
    argv = tie([
      target.runuserPath ?? 'runuser',
      '-u',
      user,
      '--',
      ...tie(['env', ...envArgs, target.cliPath, ...args]),
    ]);
  }
  return { file: argv[0], args: argv.slice(1) };
}

export function describeCli(target: PodmanCliTarget): string {
  const base = `cli:${target.cliPath === 'podman' ? 'podman' : target.cliPath}`;
  return target.runAs ? `${base}?user=${target.runAs.user}` : base;
}

/** Runs podman once and returns its stdout. Exit status ≠ 0 → kind `exit` with stderr's last line. */
export function runPodman(
  target: PodmanCliTarget,
  args: readonly string[],
  options: CliRunOptions = {},
): Promise<CliResult<string>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS;
  const maxBuffer = options.maxBufferBytes ?? DEFAULT_CLI_MAX_BUFFER_BYTES;
  const { file, args: argv } = cliCommand(target, args);
  const what = `${file === target.cliPath ? 'podman' : `${file} … podman`} ${args.join(' ')}`;
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ ok: false, error: { kind: 'aborted', detail: `${what}: cancelled` } });
      return;
    }
    let settled = false;
    let child: ChildProcess | undefined;
    const settle = (r: CliResult<string>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const hardStop = (): void => {
      try {
        child?.kill('SIGKILL');
      } catch {
        /* already gone */
      }
      child?.stdout?.destroy();
      child?.stderr?.destroy();
    };
    const onAbort = (): void => {
      hardStop();
      settle({ ok: false, error: { kind: 'aborted', detail: `${what}: cancelled` } });
    };
    const guard = setTimeout(() => {
      hardStop();
      settle({
        ok: false,
        error: { kind: 'timeout', detail: `${what} did not finish within ${timeoutMs} ms; killed` },
      });
    }, timeoutMs + GUARD_SLACK_MS);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      child = childProcess.execFile(
        file,
        argv,
        {
          timeout: timeoutMs,
          maxBuffer,
          killSignal: 'SIGKILL',
          env: target.env ?? process.env,
          encoding: 'utf8',
          windowsHide: true,
          shell: false,
        },
        (err, stdout, stderr) => {
          if (!err) {
            settle({ ok: true, value: stdout });
            return;
          }
          const e = err as NodeJS.ErrnoException & {
            killed?: boolean;
            signal?: string | null;
            code?: string | number | null;
          };
          if (e.code === 'ENOENT') {
            settle({
              ok: false,
              error: { kind: 'missing', detail: `${file} not found (is Podman installed and in PATH?)` },
            });
          } else if (e.code === 'EACCES') {
            settle({ ok: false, error: { kind: 'denied', detail: `${file} is not executable (EACCES)` } });
          } else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
            settle({
              ok: false,
              error: { kind: 'too-large', detail: `${what} printed more than ${maxBuffer} bytes; killed` },
            });
          } else if (e.killed) {
            settle({
              ok: false,
              error: {
                kind: 'timeout',
                detail: `${what} did not finish within ${timeoutMs} ms; killed (${e.signal ?? 'SIGKILL'})`,
              },
            });
          } else if (e.signal) {
            settle({ ok: false, error: { kind: 'exit', detail: `${what} was killed by ${e.signal}` } });
          } else {
            const exitCode = typeof e.code === 'number' ? e.code : undefined;
            const lastLine =
              String(stderr ?? '')
                .trim()
                .split('\n')
                .filter(Boolean)
                .pop() ?? '';
            const msg = lastLine.length > 300 ? `${lastLine.slice(0, 300)}…` : lastLine;
            settle({
              ok: false,
              error: {
                kind: 'exit',
                exitCode,
                detail: `${what} exited with status ${exitCode ?? '?'}${msg ? `: ${msg}` : ''}`,
              },
            });
          }
        },
      );
      child.on('error', () => {
        /* reported through the callback */
      });
    } catch (err) {
      settle({ ok: false, error: { kind: 'missing', detail: `${what}: ${(err as Error).message}` } });
    }
  });
}

/** Runs podman and validates its JSON output; invalid JSON or a wrong shape is `garbage`. */
export async function runPodmanJson<T>(
  target: PodmanCliTarget,
  args: readonly string[],
  validate: (raw: unknown) => T | ShapeError,
  options: CliRunOptions = {},
): Promise<CliResult<T>> {
  const out = await runPodman(target, args, options);
  if (!out.ok) return out;
  const text = out.value.trim();
  const checked = parseAndValidate(text === '' ? '[]' : text, `podman ${args.join(' ')}`, validate);
  return checked.ok ? checked : { ok: false, error: { kind: 'garbage', detail: checked.error.detail } };
}

/** A user's uid and home from a passwd file (default /etc/passwd); undefined when unknown. */
export function lookupUser(
  nameOrUid: string | number,
  passwdPath = '/etc/passwd',
): { user: string; uid: number; home?: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(passwdPath, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7) continue;
    const uid = Number(f[2]);
    if (!Number.isInteger(uid)) continue;
    if (f[0] === String(nameOrUid) || (typeof nameOrUid === 'number' && uid === nameOrUid))
      return { user: f[0], uid, home: f[5] || undefined };
  }
  return undefined;
}
