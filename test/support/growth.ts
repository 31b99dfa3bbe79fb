/**
 * How the cost of an operation grows with its input, for the tests that guard a complexity class
 * (a scan that must stay linear, a read that must stay bounded) without asserting a speed: speed
 * is measured in the bench. Built so that load on the machine cannot fail it, while a worse class
 * still shows:
 *
 * - the process's CPU time, not wall time (which also counts the time other processes held the
 *   CPU);
 * - each input run in batches long enough for the clock (the same count of runs for both sizes);
 * - the two sizes interleaved, so a busy spell falls on both alike;
 * - the fastest batch of several kept: other work only ever adds time, never takes it away.
 *
 * Inputs `factor` times apart cost `factor`× for linear work, `factor`²× for quadratic work and 1×
 * for bounded work; the tests set their limit between the class they claim and the next one.
 */

export interface Growth {
  /** The larger input's time per run ÷ the smaller's. */
  ratio: number;
  smallMs: number;
  largeMs: number;
  /** For a failure message. */
  detail: string;
}

const REPETITIONS = 5;
/** A batch of the smaller input takes at least this much CPU time. */
const MIN_BATCH_MS = 2;
const MAX_RUNS_PER_BATCH = 1 << 16;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function batchMs(run: () => void, runs: number): number {
  const t0 = cpuMs();
  for (let i = 0; i < runs; i++) run();
  return cpuMs() - t0;
}

export function growth(small: () => void, large: () => void): Growth {
  // Warm both up first: the first runs of a function are interpreted, the later ones compiled.
  batchMs(small, 3);
  batchMs(large, 3);
  let runs = 1;
  while (runs < MAX_RUNS_PER_BATCH && batchMs(small, runs) < MIN_BATCH_MS) runs *= 2;
  for (;;) {
    let smallBatch = Infinity;
    let largeBatch = Infinity;
    for (let i = 0; i < REPETITIONS; i++) {
      smallBatch = Math.min(smallBatch, batchMs(small, runs));
      largeBatch = Math.min(largeBatch, batchMs(large, runs));
    }
    // Compiled code got faster than the calibration saw: a batch too short for the clock is noise.
    if (smallBatch < MIN_BATCH_MS && runs < MAX_RUNS_PER_BATCH) {
      runs *= 2;
      continue;
    }
    const ratio = largeBatch / Math.max(smallBatch, Number.MIN_VALUE);
    const [smallMs, largeMs] = [smallBatch / runs, largeBatch / runs];
    const detail = `${largeMs.toFixed(5)} ms against ${smallMs.toFixed(5)} ms a run (${ratio.toFixed(1)}×, fastest of ${REPETITIONS} batches of ${runs})`;
    return { ratio, smallMs, largeMs, detail };
  }
}
