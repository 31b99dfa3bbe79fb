/**
 * `node scripts/bench.mjs --profile-refresh [--runs 50]`: Snapshotter.refreshContainer of one running
 * bench container in a loop, with the bench containers already there (a bench run with --keep), for
 * `node --cpu-prof`. Prints the time per refresh and the time of the same container's inspect + list
 * on its own, so the split between the engine and our code is visible.
 */
import { performance } from 'node:perf_hooks';
import { Snapshotter } from '../src/core/snapshot/snapshotter';
import { createDefaultSources } from '../src/core/snapshot/defaultSources';
import { fmtStats, summarize } from './stats';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runsArg = argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 50;
  const snapshotter = new Snapshotter({ sources: createDefaultSources({ engines: ['docker'] }) });
  let snapshot = await snapshotter.take();
  const target = snapshot.containers.find((c) => c.pid !== undefined && c.name.startsWith('anatomy-bench-'));
  if (!target) throw new Error('no running bench container: make them with `npm run bench -- --n 300 --keep`');
  console.log(`${snapshot.containers.length} containers; refreshing ${target.name}`);
  const source = snapshotter.sources.find((s) => s.kind === 'docker')!;
  const samples: number[] = [];
  const engineOnly: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    snapshot = await snapshotter.refreshContainer(snapshot, 'docker', target.id);
    samples.push(performance.now() - t);
    t = performance.now();
    await source.readOne(target.id);
    engineOnly.push(performance.now() - t);
  }
  console.log(
    `refreshContainer: ${fmtStats(summarize(samples))}; the source's readOne alone: ${fmtStats(summarize(engineOnly))}`,
  );
  for (const s of snapshotter.sources) s.dispose();
}

void main();
