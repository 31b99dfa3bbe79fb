/**
 * The bench's command line: --quick, --n 10,100, --idle 60, --keep, --no-host, --no-browser, --host-only,
 * --only SECTION[,SECTION] (see BENCH_SECTIONS).
 */

/**
 * What `--only` can pick; `listing`, `refresh`, `events`, `usage`, `host` and `renders` run over the
 * generated containers; `hovers`, `bundles` and `panel` (opening the architecture panel, in Chromium and
 * VS Code) need none.
 */
export const BENCH_SECTIONS = [
  'listing',
  'refresh',
  'events',
  'usage',
  'host',
  'hovers',
  'bundles',
  'renders',
  'panel',
] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

export interface Options {
  quick: boolean;
  ns: number[];
  idleSeconds: number;
  keep: boolean;
  skipHost: boolean;
  skipBrowser: boolean;
  hostOnly: boolean;
  /** Only these sections; undefined: all of them. */
  only?: ReadonlySet<string>;
}

export function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const valueOf = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`${flag}=`));
    return eq?.slice(flag.length + 1);
  };
  const nText = valueOf('--n');
  const ns = nText
    ? nText
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0)
    : quick
      ? [10, 100]
      : [10, 100, 300];
  const idle = valueOf('--idle');
  const onlyText = valueOf('--only');
  const only = onlyText ? new Set(onlyText.split(',').map((t) => t.trim())) : undefined;
  const unknown = only ? [...only].filter((t) => !(BENCH_SECTIONS as readonly string[]).includes(t)) : [];
  if (unknown.length)
    throw new Error(`--only: unknown section ${unknown.join(', ')}; known: ${BENCH_SECTIONS.join(', ')}`);
  return {
    quick,
    ns: [...new Set(ns)].sort((a, b) => a - b),
    idleSeconds: idle ? Number(idle) : quick ? 10 : 60,
    keep: argv.includes('--keep'),
    skipHost: argv.includes('--no-host'),
    skipBrowser: argv.includes('--no-browser'),
    hostOnly: argv.includes('--host-only'),
    only,
  };
}

/** Warm-up and timed iterations at a given N. */
export function iterations(opts: Options, n: number): { warmup: number; runs: number } {
  if (opts.quick) return { warmup: 2, runs: n >= 300 ? 5 : 8 };
  return { warmup: 3, runs: n >= 300 ? 7 : 15 };
}

/** Whether a section runs in this bench: every one, unless `--only` names some. */
export function wants(opts: Options, section: BenchSection): boolean {
  return !opts.only || opts.only.has(section);
}

/** Whether any section that needs the N generated containers runs. */
export function wantsContainers(opts: Options): boolean {
  return (['listing', 'refresh', 'events', 'usage', 'host', 'renders'] as const).some((s) => wants(opts, s));
}
