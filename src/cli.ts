/**
 * `container-anatomy`: prints this host's containers with their namespaces and cgroups.
 * Exit codes: 0 at least one engine answered; 1 none did; 2 bad arguments.
 */
import path = require('node:path');
import { parseArgs, USAGE, USAGE_CHART_SAMPLES } from './core/cli/args';
import { renderSnapshotTree } from './core/cli/renderTree';
import { sampleRounds, sampleTwice, USAGE_SAMPLE_GAP_MS, watchUsage } from './core/cli/usageRun';
import { allSources, buildDiagramRef, refContainerKey, type DiagramRef, type SampledUsage } from './core/diagrams';
import type { HostSnapshot } from './core/model';
import { SudoInodeReader } from './core/kernel/inodeReader';
import { createDefaultSources } from './core/snapshot/defaultSources';
import { Snapshotter } from './core/snapshot/snapshotter';

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`container-anatomy: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  // A guide diagram needs no read of the host.
  const guide = parsed.diagram && 'id' in parsed.diagram && parsed.diagram.id !== 'live-host';
  if (guide && parsed.diagram) return printDiagram(parsed.diagram);
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
  let snapshot = await snapshotter.take();
  if (parsed.watchSeconds === undefined) for (const s of sources) s.dispose();
  if (parsed.diagram) {
    // A one-off run has no history: a usage chart is drawn from a few samples taken now.
    const key = 'usageOf' in parsed.diagram ? refContainerKey(parsed.diagram, snapshot) : undefined;
    let usage: SampledUsage | undefined;
    if (key !== undefined) {
      snapshot = await sampleRounds(snapshotter, snapshot, new Set([key]), USAGE_CHART_SAMPLES);
      usage = { pointsOf: (k) => snapshotter.usageSampler().history.of(k), intervalMs: USAGE_SAMPLE_GAP_MS };
    }
    const code = printDiagram(parsed.diagram, snapshot, usage);
    return code !== 0 ? code : snapshot.runtimes.some((r) => r.status.state === 'ok') ? 0 : 1;
  }
  if (parsed.watchSeconds !== undefined) {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    await watchUsage(snapshotter, snapshot, {
      seconds: parsed.watchSeconds,
      relist: () => snapshotter.take(),
      json: parsed.json,
      clear: process.stdout.isTTY === true,
      write: (text) => process.stdout.write(text),
      signal: stop.signal,
    });
    for (const s of sources) s.dispose();
    snapshotter.dispose();
    return 0;
  }
  if (parsed.usage) snapshot = await sampleTwice(snapshotter, snapshot);
  const shown = parsed.json ? JSON.stringify(snapshot, null, 2) : renderSnapshotTree(snapshot);
  process.stdout.write(`${shown}\n`);
  return snapshot.runtimes.some((r) => r.status.state === 'ok') ? 0 : 1;
}

/** Writes the diagram's Mermaid source; 1 when it names no container of this host. */
function printDiagram(ref: DiagramRef, snapshot?: HostSnapshot, usage?: SampledUsage): number {
  const built = buildDiagramRef(ref, snapshot, usage);
  if ('error' in built) {
    process.stderr.write(`container-anatomy: ${built.error}\n`);
    return 1;
  }
  process.stdout.write(`${allSources(built)}\n`);
  return 0;
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
