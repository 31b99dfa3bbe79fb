/**
 * The CLI's usage rounds: CPU percent needs two samples, so `--usage` samples twice a second
 * apart; `--watch` samples every N seconds and redraws. The samples read the kernel only; `--watch`
 * also lists the containers again each round (one list request per engine, inspecting only the
 * ones it has not seen), so a container started or removed meanwhile shows on the next redraw.
 */
import type { HostSnapshot } from '../model';
import { renderUsageTable, usageJsonLine, usageKeys } from './usageTable';

export interface UsageRefresher {
  refreshUsage(snapshot: HostSnapshot, keys: ReadonlySet<string>): HostSnapshot;
}

export const USAGE_SAMPLE_GAP_MS = 1000;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Two samples `gapMs` apart: the second carries CPU percent over that interval. */
export function sampleTwice(
  refresher: UsageRefresher,
  snapshot: HostSnapshot,
  gapMs = USAGE_SAMPLE_GAP_MS,
): Promise<HostSnapshot> {
  return sampleRounds(refresher, snapshot, usageKeys(snapshot), 2, gapMs);
}

/** `rounds` samples of `keys`, `gapMs` apart (the sampler keeps them as history). */
export async function sampleRounds(
  refresher: UsageRefresher,
  snapshot: HostSnapshot,
  keys: ReadonlySet<string>,
  rounds: number,
  gapMs = USAGE_SAMPLE_GAP_MS,
): Promise<HostSnapshot> {
  let current = refresher.refreshUsage(snapshot, keys);
  for (let i = 1; i < rounds; i++) {
    await sleep(gapMs);
    current = refresher.refreshUsage(current, keys);
  }
  return current;
}

export interface WatchOptions {
  seconds: number;
  /** The host read again (warm: the engines' lists), for the containers running now. */
  relist: () => Promise<HostSnapshot>;
  json: boolean;
  /** Clear the screen before each table (a terminal), or separate them by a blank line. */
  clear: boolean;
  write: (text: string) => void;
  signal: AbortSignal;
}

/** Redraws until the signal aborts (Ctrl-C). */
export async function watchUsage(refresher: UsageRefresher, snapshot: HostSnapshot, o: WatchOptions): Promise<void> {
  refresher.refreshUsage(snapshot, usageKeys(snapshot));
  while (!o.signal.aborted) {
    await sleep(o.seconds * 1000, o.signal);
    if (o.signal.aborted) break;
    const listed = await o.relist();
    if (o.signal.aborted) break;
    // The sampler remembers each container's last CPU time by key, so a container seen before
    // gets its percent over this interval; a new one shows its CPU from the next round.
    const current = refresher.refreshUsage(listed, usageKeys(listed));
    if (o.json) o.write(`${usageJsonLine(current)}\n`);
    else
      o.write(
        `${o.clear ? '\x1b[H\x1b[2J' : '\n'}${renderUsageTable(current)}\n\n` +
          `CPU % over the last ${o.seconds} s; memory is the working set (charge less inactive file), as docker stats counts it. ` +
          `The containers are listed again each round.\n`,
      );
  }
}
