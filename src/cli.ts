/**
 * `container-anatomy`: prints this host's containers with their namespaces and cgroups.
 * Exit codes: 0 at least one engine answered; 1 none did; 2 bad arguments.
 */
import path = require('node:path');
import { renderSnapshotTree } from './core/cli/renderTree';
import { SudoInodeReader } from './core/kernel/inodeReader';
import type { RuntimeKind } from './core/model';
import { createDefaultSources } from './core/snapshot/defaultSources';
import { Snapshotter } from './core/snapshot/snapshotter';

const USAGE = `Usage: container-anatomy [--json] [--usage] [--engine docker,podman,podman-rootless,containerd] [--timeout MS] [--sudo-inodes]

Prints every local container with its eight Linux namespaces (isolated, shared with the host, or
shared with another container) and its cgroup limits, as the kernel reports them.

  --json      the HostSnapshot as JSON
  --usage     also read current usage (memory, pids, CPU time)
  --engine    only these engines (comma-separated)
  --timeout   per-engine timeout in milliseconds (default 10000)
  --sudo-inodes  read the namespace links this user may not read through \`sudo -n\` and the
              bundled nsInodeReader.js (never prompts; needs passwordless sudo for it)

Exit status: 0 if at least one engine answered, 1 if none did, 2 for bad arguments.`;

const ENGINES: readonly RuntimeKind[] = ['docker', 'podman', 'podman-rootless', 'containerd'];

interface CliOptions {
  json: boolean;
  usage: boolean;
  sudoInodes?: boolean;
  engines?: RuntimeKind[];
  timeoutMs?: number;
}

function parseArgs(argv: string[]): CliOptions | string {
  const options: CliOptions = { json: false, usage: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--usage') options.usage = true;
    else if (arg === '--sudo-inodes') options.sudoInodes = true;
    else if (arg === '--engine' || arg === '--timeout') {
      const value = argv[++i];
      if (value === undefined) return `${arg} needs a value`;
      if (arg === '--timeout') {
        const ms = Number(value);
        if (!Number.isInteger(ms) || ms <= 0)
          return `--timeout takes a positive whole number of milliseconds, not ${JSON.stringify(value)}`;
        options.timeoutMs = ms;
      } else {
        const kinds = value.split(',');
        const bad = kinds.filter((k) => !(ENGINES as readonly string[]).includes(k));
        if (bad.length) return `unknown engine ${bad.join(', ')}; known: ${ENGINES.join(', ')}`;
        options.engines = kinds as RuntimeKind[];
      }
    } else if (arg === '--help' || arg === '-h') return 'help';
    else return `unknown argument ${JSON.stringify(arg)}`;
  }
  return options;
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof parsed === 'string') {
    process.stderr.write(`container-anatomy: ${parsed}\n\n${USAGE}\n`);
    return 2;
  }
  const sources = createDefaultSources({ engines: parsed.engines, timeoutMs: parsed.timeoutMs });
  const sudoInodes = parsed.sudoInodes
    ? new SudoInodeReader({ nodePath: process.execPath, readerPath: path.join(__dirname, 'nsInodeReader.js') })
    : undefined;
  const snapshotter = new Snapshotter({
    sources,
    withUsage: parsed.usage,
    engineTimeoutMs: parsed.timeoutMs,
    sudoInodes,
  });
  const snapshot = await snapshotter.take();
  for (const s of sources) s.dispose?.();
  process.stdout.write(parsed.json ? `${JSON.stringify(snapshot, null, 2)}\n` : `${renderSnapshotTree(snapshot)}\n`);
  return snapshot.runtimes.some((r) => r.status.state === 'ok') ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `container-anatomy: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
