/** The bench's command line: --quick, --n 10,100, --idle 60, --keep, --no-host, --no-browser, --host-only. */

export interface Options {
  quick: boolean;
  ns: number[];
  idleSeconds: number;
  keep: boolean;
  skipHost: boolean;
  skipBrowser: boolean;
  hostOnly: boolean;
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
  return {
    quick,
    ns: [...new Set(ns)].sort((a, b) => a - b),
    idleSeconds: idle ? Number(idle) : quick ? 10 : 60,
    keep: argv.includes('--keep'),
    skipHost: argv.includes('--no-host'),
    skipBrowser: argv.includes('--no-browser'),
    hostOnly: argv.includes('--host-only'),
  };
}

/** Warm-up and timed iterations at a given N. */
export function iterations(opts: Options, n: number): { warmup: number; runs: number } {
  if (opts.quick) return { warmup: 2, runs: n >= 300 ? 5 : 8 };
  return { warmup: 3, runs: n >= 300 ? 7 : 15 };
}
