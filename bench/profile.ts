/**
 * `node scripts/bench.mjs --profile [--n 100] [--runs 50]`: takes the snapshot in a loop with the
 * bench containers already there (make them with a bench run and --keep), for `node --cpu-prof`.
 * Prints the time per take and a split: engine list only, kernel reads and verdicts.
 */
import { performance } from 'node:perf_hooks';
import { Snapshotter } from '../src/core/snapshot/snapshotter';
import { createDefaultSources } from '../src/core/snapshot/defaultSources';
import { createDockerSource } from '../src/core/runtimes/docker';
import { fmtStats, summarize, timeIt } from './stats';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runsArg = argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 50;
  const snapshotter = new Snapshotter({ sources: createDefaultSources({ engines: ['docker'] }) });
  const first = await snapshotter.take();
  const running = first.containers.filter((c) => c.pid !== undefined).length;
  console.log(`${first.containers.length} containers, ${running} with a PID`);
  const take = await timeIt(() => snapshotter.take(), 3, runs);
  const source = createDockerSource();
  await source.read();
  const read = await timeIt(() => source.read(), 3, runs);
  const samples: number[] = [];
  console.log(`take: ${fmtStats(take)}; DockerSource.read (list + kept inspects, no kernel): ${fmtStats(read)}`);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await snapshotter.take();
    samples.push(performance.now() - t);
  }
  console.log(`take again: ${fmtStats(summarize(samples))}`);
  source.dispose();
  for (const s of snapshotter.sources) s.dispose();
}

void main();
