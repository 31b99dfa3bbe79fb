/**
 * Namespace inodes for an ordinary user, read as root through `sudo -n` by the extension's own
 * bundled reader (inodeReaderMain.ts) where the user opted in and passwordless sudo works. `-n`
 * never prompts: without a rule that allows it, sudo fails at once and the verdicts stay as the
 * kernel's evidence and the engine's record give them. Arguments only (execFile), never a shell.
 */
import childProcess = require('node:child_process');
import { NAMESPACE_KINDS, type NamespaceKind, type NamespaceReadStatus } from '../model';
import { readNamespaces } from './namespaces';

/** At most this many PIDs per call (an argument list stays far below the kernel's limit). */
export const MAX_PIDS_PER_CALL = 500;

export function parseInodeReaderArgs(args: readonly string[]): number[] | string {
  if (args.length === 0) return 'usage: nsInodeReader PID...';
  if (args.length > MAX_PIDS_PER_CALL) return `at most ${MAX_PIDS_PER_CALL} PIDs`;
  const pids: number[] = [];
  for (const a of args) {
    if (!/^[1-9][0-9]{0,9}$/.test(a)) return `not a PID: ${JSON.stringify(a.slice(0, 20))}`;
    pids.push(Number(a));
  }
  return pids;
}

/** `{ "<pid>": { "net": 4026531840, … } }`: only the inodes that were read. */
export function readInodesAsJson(procRoot: string, pids: readonly number[]): string {
  const out: Record<string, Partial<Record<NamespaceKind, number>>> = {};
  for (const pid of pids) {
    const reads = readNamespaces(procRoot, pid);
    const inodes: Partial<Record<NamespaceKind, number>> = {};
    for (const kind of NAMESPACE_KINDS) {
      const r = reads[kind];
      if (r.state === 'ok') inodes[kind] = r.inode;
    }
    out[pid] = inodes;
  }
  return JSON.stringify(out);
}

export function parseInodesJson(text: string): Map<number, Partial<Record<NamespaceKind, NamespaceReadStatus>>> {
  const out = new Map<number, Partial<Record<NamespaceKind, NamespaceReadStatus>>>();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return out;
  }
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [pid, inodes] of Object.entries(raw as Record<string, unknown>)) {
    if (!/^\d+$/.test(pid) || typeof inodes !== 'object' || inodes === null) continue;
    const reads: Partial<Record<NamespaceKind, NamespaceReadStatus>> = {};
    for (const kind of NAMESPACE_KINDS) {
      const inode = (inodes as Record<string, unknown>)[kind];
      if (typeof inode === 'number' && Number.isSafeInteger(inode) && inode > 0)
        reads[kind] = { state: 'ok', inode, via: 'sudo' };
    }
    out.set(Number(pid), reads);
  }
  return out;
}

export type RunFn = (
  file: string,
  args: readonly string[],
  timeoutMs: number,
) => Promise<{ ok: boolean; stdout: string }>;

const runFile: RunFn = (file, args, timeoutMs) =>
  new Promise((resolve) => {
    childProcess.execFile(
      file,
      [...args],
      { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] } as never,
      (error, stdout) => resolve({ ok: !error, stdout: String(stdout) }),
    );
  });

export interface SudoInodeReaderOptions {
  /** The node binary that runs the reader: the extension's own (process.execPath). */
  nodePath: string;
  /** dist/nsInodeReader.js beside the running bundle. */
  readerPath: string;
  run?: RunFn;
  timeoutMs?: number;
}

/**
 * Reads denied inodes through `sudo -n`. Whether sudo works is asked once (`sudo -n true`); the
 * answer and the reason are kept for the tree to show. Inodes do not change while a process lives,
 * so each container's PID is read once (keyed by both: a PID number can come back as another
 * process, which then belongs to another container or none).
 */
export class SudoInodeReader {
  private works: Promise<boolean> | undefined;
  /** `containerKey|pid` → links read. */
  private readonly known = new Map<string, Partial<Record<NamespaceKind, NamespaceReadStatus>>>();
  /** Why inodes are not read through sudo, once that is known. */
  problem: string | undefined;

  constructor(private readonly options: SudoInodeReaderOptions) {}

  private get run(): RunFn {
    return this.options.run ?? runFile;
  }

  sudoWorks(): Promise<boolean> {
    this.works ??= this.run('sudo', ['-n', 'true'], this.options.timeoutMs ?? 5_000).then((r) => {
      if (!r.ok) this.problem = '`sudo -n true` failed: sudo is missing or needs a password (it is never asked for)';
      return r.ok;
    });
    return this.works;
  }

  /** Links of the given containers' PIDs as root, where sudo allows; those it could not read are left out. */
  async read(
    wanted: readonly { key: string; pid: number }[],
  ): Promise<Map<string, Partial<Record<NamespaceKind, NamespaceReadStatus>>>> {
    const id = (w: { key: string; pid: number }) => `${w.key}|${w.pid}`;
    const todo = [
      ...new Set(
        wanted.filter((w) => Number.isInteger(w.pid) && w.pid > 0 && !this.known.has(id(w))).map((w) => w.pid),
      ),
    ];
    if (todo.length > 0 && (await this.sudoWorks())) {
      const got = new Map<number, Partial<Record<NamespaceKind, NamespaceReadStatus>>>();
      for (let i = 0; i < todo.length; i += MAX_PIDS_PER_CALL) {
        const batch = todo.slice(i, i + MAX_PIDS_PER_CALL);
        const r = await this.run(
          'sudo',
          ['-n', this.options.nodePath, this.options.readerPath, ...batch.map(String)],
          this.options.timeoutMs ?? 5_000,
        );
        if (!r.ok) {
          this.problem = `\`sudo -n ${this.options.nodePath} ${this.options.readerPath}\` failed: no sudoers rule allows it`;
          break;
        }
        for (const [pid, reads] of parseInodesJson(r.stdout)) got.set(pid, reads);
      }
      for (const w of wanted) {
        const reads = got.get(w.pid);
        if (reads) this.known.set(id(w), reads);
      }
    }
    const out = new Map<string, Partial<Record<NamespaceKind, NamespaceReadStatus>>>();
    for (const w of wanted) {
      const reads = this.known.get(id(w));
      if (reads) out.set(w.key, reads);
    }
    return out;
  }

  /** Drops what belongs to containers no longer listed. */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const k of this.known.keys()) if (!keys.has(k.slice(0, k.lastIndexOf('|')))) this.known.delete(k);
  }
}
