import { performance } from 'node:perf_hooks';

export interface Stats {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of a sample. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, median: NaN, p90: NaN, min: NaN, max: NaN };
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, median: mid, p90: percentile(s, 90), min: s[0], max: s[s.length - 1] };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed (ms each). */
export async function timeIt(fn: () => Promise<unknown> | unknown, warmup: number, runs: number): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtStats(s: Stats): string {
  return `${fmtMs(s.median)} (p90 ${fmtMs(s.p90)})`;
}
