/**
 * How the cost of an operation grows with its input, for the tests that guard a complexity class
 * (a scan that must stay linear, a read that must stay bounded) without asserting a speed: speed
 * is measured in the bench. Built so that load on the machine cannot fail it, while a worse class
 * still shows:
 *
 * - the process's CPU time, not wall time (which also counts the time other processes held the
 *   CPU);
 * - each input run in batches long enough for the clock, about as long for either size;
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

const REPETITIONS = 9;
/** A batch takes at least this much CPU time. */
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

/** Runs a batch needs to take MIN_BATCH_MS, found by doubling. */
function runsFor(run: () => void): number {
  let runs = 1;
  while (runs < MAX_RUNS_PER_BATCH && batchMs(run, runs) < MIN_BATCH_MS) runs *= 2;
  return runs;
}

export function growth(small: () => void, large: () => void): Growth {
  // Warm both up first: the first runs of a function are interpreted, the later ones compiled.
  batchMs(small, 3);
  batchMs(large, 3);
  // Each size gets batches of about the same length (so fewer runs of the larger input): a batch
  // then allocates about as much for either, and is as likely to pay for a collection.
  let smallRuns = runsFor(small);
  let largeRuns = runsFor(large);
  for (;;) {
    let smallBatch = Infinity;
    let largeBatch = Infinity;
    for (let i = 0; i < REPETITIONS; i++) {
      smallBatch = Math.min(smallBatch, batchMs(small, smallRuns));
      largeBatch = Math.min(largeBatch, batchMs(large, largeRuns));
    }
    // Compiled code got faster than the calibration saw: a batch too short for the clock is noise.
    const smallShort = smallBatch < MIN_BATCH_MS && smallRuns < MAX_RUNS_PER_BATCH;
    const largeShort = largeBatch < MIN_BATCH_MS && largeRuns < MAX_RUNS_PER_BATCH;
    if (smallShort) smallRuns *= 2;
    if (largeShort) largeRuns *= 2;
    if (smallShort || largeShort) continue;
    const [smallMs, largeMs] = [smallBatch / smallRuns, largeBatch / largeRuns];
    const ratio = largeMs / Math.max(smallMs, Number.MIN_VALUE);
    const detail = `${largeMs.toFixed(5)} ms against ${smallMs.toFixed(5)} ms a run (${ratio.toFixed(1)}×, fastest of ${REPETITIONS} batches of ${largeRuns} and ${smallRuns} runs)`;
    return { ratio, smallMs, largeMs, detail };
  }
}
