import type { HostSnapshot } from '../model';
import type { Timers } from '../runtimes/shared/timers';
import type { ContainerEvent } from '../snapshot/engineSource';
import type { Snapshotter } from '../snapshot/snapshotter';
import type { Disposable } from './emitter';
import { after } from './schedule';

/** More containers than this changed within one debounce window: read the host once instead. */
export const MAX_SINGLE_REFRESHES = 8;

export interface EventBatchOptions {
  timers: Timers;
  debounceMs(): number;
  /** Applies one batch; the next batch is taken only when this has settled. */
  apply(events: ContainerEvent[]): Promise<void>;
}

/**
 * The engines' events waiting to be applied, debounced: the first event after a quiet spell goes
 * at once, only the rest of a burst waits for the debounce, so one `docker run` appears without the
 * debounce's delay. Batches are applied one at a time: events that arrive meanwhile wait and are
 * taken in the next round, so a storm of events (hundreds of containers starting) costs a bounded
 * number of reads instead of a backlog of one refresh per event.
 */
export class EventBatch implements Disposable {
  /** By container: the same container twice within a window is re-read once. */
  private readonly pending = new Map<string, ContainerEvent>();
  private timer: Disposable | undefined;
  private flushing = false;
  private lastEventAt = 0;
  private disposed = false;

  constructor(private readonly options: EventBatchOptions) {}

  add(event: ContainerEvent): void {
    this.pending.set(`${event.runtime}|${event.namespace ?? ''}|${event.id}`, event);
    if (this.flushing) return; // the running flush picks this up when it is done
    this.timer?.dispose();
    const now = this.options.timers.now();
    const quiet = now - this.lastEventAt > this.options.debounceMs();
    this.lastEventAt = now;
    this.timer = after(this.options.timers, quiet ? 0 : this.options.debounceMs(), () => void this.flush());
  }

  /** Drops what waits (the watches it came from are over). */
  clear(): void {
    this.timer?.dispose();
    this.timer = undefined;
    this.pending.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.size > 0 && !this.disposed) {
        const events = [...this.pending.values()];
        this.pending.clear();
        await this.options.apply(events);
      }
    } finally {
      this.flushing = false;
    }
  }
}

/**
 * `snapshot` with `events` applied: one container re-read per event, or one full read for a burst
 * (compose up, a script creating many containers), which is then cheaper. Undefined when
 * `stillCurrent()` turned false on the way (reconfigured or released meanwhile).
 */
export async function applyEvents(
  snapshotter: Snapshotter,
  snapshot: HostSnapshot,
  events: readonly ContainerEvent[],
  stillCurrent: () => boolean,
): Promise<HostSnapshot | undefined> {
  if (events.length > MAX_SINGLE_REFRESHES) return snapshotter.take();
  for (const e of events) {
    if (!stillCurrent()) return undefined;
    snapshot = await snapshotter.refreshContainer(snapshot, e.runtime, e.id, {
      namespace: e.namespace,
      sourceId: e.sourceId,
    });
  }
  return snapshot;
}
