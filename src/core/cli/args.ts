/** The `container-anatomy` command line: its options, parsed, and the usage text. */
import { ANATOMY_REF_PREFIX, DIAGRAMS, parseDiagramRef, USAGE_REF_PREFIX, type DiagramRef } from '../diagrams';
import type { RuntimeKind } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';

export const ENGINES = Object.keys(RUNTIME_TITLES) as RuntimeKind[];

export interface CliOptions {
  json: boolean;
  usage: boolean;
  /** Read the namespace links this user may not read through `sudo -n` and the bundled reader. */
  sudoInodes?: boolean;
  engines?: RuntimeKind[];
  timeoutMs?: number;
  /** Print this diagram's Mermaid source instead of the tree (`--mermaid`, or its alias `--diagram`). */
  diagram?: DiagramRef;
  /** Redraw a usage table every this many seconds, as `docker stats` does (implies usage). */
  watchSeconds?: number;
}

const idColumn = Math.max(...DIAGRAMS.map((d) => d.id.length));

/** How often `--mermaid usage:NAME` samples (1 s apart): there is no history in a one-off CLI run. */
export const USAGE_CHART_SAMPLES = 6;

export const USAGE = `Usage: container-anatomy [--json] [--usage] [--engine ${ENGINES.join(',')}] [--timeout MS] [--mermaid [DIAGRAM]] [--sudo-inodes] [--watch SECONDS]

Prints every local container with its eight Linux namespaces (isolated, shared with the host, or
shared with another container) and its cgroup limits, as the kernel reports them.

  --json      the HostSnapshot as JSON
  --usage     also read current usage: the memory working set (as docker stats counts it) and
              its breakdown, OOM kills, CPU percent (sampled twice, 1 s apart), throttling,
              pids, io, network
  --watch     redraw a usage table every SECONDS seconds, like docker stats (Ctrl-C stops);
              with --json, one JSON line of the containers' usage per round
  --engine    only these engines (comma-separated)
  --timeout   per-engine timeout in milliseconds (default 10000)
  --sudo-inodes  read the namespace links this user may not read through \`sudo -n\` and the
              bundled nsInodeReader.js (never prompts; needs passwordless sudo for it)
  --mermaid   print a diagram's Mermaid source instead, for docs and READMEs (\`--diagram ID\`
              is the same); without DIAGRAM, this host live. live-host, anatomy: and usage: are
              drawn from this host:
${DIAGRAMS.map((d) => `                ${d.id.padEnd(idColumn)}  ${d.title}`).join('\n')}
                ${`${ANATOMY_REF_PREFIX}NAME`.padEnd(idColumn)}  One container's anatomy (its name, key or id prefix)
                ${`${USAGE_REF_PREFIX}NAME`.padEnd(idColumn)}  Its usage over time: sampled ${USAGE_CHART_SAMPLES} times, 1 s apart
                ${''.padEnd(idColumn)}  (two charts, memory and CPU, each marked by a %% comment)

Exit status: 0 if at least one engine answered, 1 if none did, 2 for bad arguments.`;

/** The options, 'help', or what is wrong with the arguments. */
export function parseArgs(argv: readonly string[]): CliOptions | 'help' | { error: string } {
  const options: CliOptions = { json: false, usage: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--usage') options.usage = true;
    else if (arg === '--sudo-inodes') options.sudoInodes = true;
    else if (arg === '--mermaid') {
      // The diagram is optional: a following option (or nothing) means this host live.
      const next = argv[i + 1];
      const value = next === undefined || next.startsWith('--') ? 'live-host' : argv[++i];
      const problem = applyValue(options, '--diagram', value);
      if (problem) return { error: problem };
    } else if (arg === '--engine' || arg === '--timeout' || arg === '--diagram' || arg === '--watch') {
      const value = argv[++i];
      if (value === undefined) return { error: `${arg} needs a value` };
      const problem = applyValue(options, arg, value);
      if (problem) return { error: problem };
    } else if (arg === '--help' || arg === '-h') return 'help';
    else return { error: `unknown argument ${JSON.stringify(arg)}` };
  }
  return options;
}

function applyValue(
  options: CliOptions,
  arg: '--engine' | '--timeout' | '--diagram' | '--watch',
  value: string,
): string | undefined {
  if (arg === '--watch') {
    const seconds = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || seconds < 0.5 || seconds > 3600)
      return `--watch takes seconds between 0.5 and 3600, not ${JSON.stringify(value)}`;
    options.watchSeconds = seconds;
    options.usage = true;
  } else if (arg === '--timeout') {
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms <= 0)
      return `--timeout takes a positive whole number of milliseconds, not ${JSON.stringify(value)}`;
    options.timeoutMs = ms;
  } else if (arg === '--diagram') {
    const ref = parseDiagramRef(value);
    if (!ref)
      return `unknown diagram ${JSON.stringify(value)}; known: ${DIAGRAMS.map((d) => d.id).join(', ')}, ${ANATOMY_REF_PREFIX}NAME, ${USAGE_REF_PREFIX}NAME`;
    options.diagram = ref;
  } else {
    const kinds = value.split(',');
    const bad = kinds.filter((k) => !(ENGINES as readonly string[]).includes(k));
    if (bad.length) return `unknown engine ${bad.join(', ')}; known: ${ENGINES.join(', ')}`;
    options.engines = kinds as RuntimeKind[];
  }
  return undefined;
}
