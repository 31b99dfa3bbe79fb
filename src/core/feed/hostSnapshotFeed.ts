import type { HostSnapshot } from '../model';
import type { UsagePoint } from '../usage/history';
import { realTimers, type Timers } from '../runtimes/shared/timers';
import type { ContainerEvent, EngineSource } from '../snapshot/engineSource';
import type { shownThroughDocker, Snapshotter } from '../snapshot/snapshotter';
import { Emitter, type Disposable } from './emitter';
import type { SudoInodeReader } from '../kernel/inodeReader';
import type { SnapshotFeed } from './snapshotFeed';
import { applyEvents, EventBatch } from './eventBatch';
import { EngineWatchers } from './engineWatchers';
import { after } from './schedule';
import { UsageWatch } from './usageWatch';

/** Where the feed reports; the extension's log channel fits it. */
export interface FeedLog {
  debug(message: string): void;
  info(message: string): void;
  error(message: string): void;
}

/** The code the feed reads the host with (src/parts/engines.ts). */
export interface FeedEngines {
  Snapshotter: typeof Snapshotter;
  shownThroughDocker: typeof shownThroughDocker;
}

export interface HostSnapshotFeedOptions {
  /**
   * Called at the first read, not before: the extension loads the engine clients then (a bundle
   * of their own), so activation does not pay for them.
   */
  engines(): FeedEngines;
  /** The configured engines; called at the first read and again after each reconfigure. */
  createSources(): EngineSource[];
  log: FeedLog;
  debounceMs(): number;
  usageIntervalMs(): number;
  /** How often engines without an event stream are re-read while someone looks. */
  pollWithoutEventsMs?: number;
  /** The opt-in `sudo -n` reader of denied namespace links, where the setting is on. */
  sudoInodes?(): SudoInodeReader | undefined;
  /** Injectable so debounce, polling and quiet spells can be tested without waiting. */
  timers?: Timers;
}

/**
 * The refresh coordinator: reads the host only while a view holds a lease, follows each engine's
 * event stream (debounced; one container re-read per event, EventBatch), does a full re-read when a
 * stream connects again (EngineWatchers), and polls usage only for the containers shown expanded
 * (UsageWatch). Operations run one at a time so a refresh never overtakes another.
 */
export class HostSnapshotFeed implements SnapshotFeed {
  private readonly changed = new Emitter<HostSnapshot>((error) =>
    this.options.log.error(`A snapshot listener failed: ${describe(error)}`),
  );
  readonly onDidChange = this.changed.event;
  private snapshot: HostSnapshot | undefined;
  /** Made on first use: creating the engine clients loads their code, which activation need not pay for. */
  private snapshotterInstance: Snapshotter | undefined;
  private enginesLoaded: FeedEngines | undefined;
  private readonly leases = new Map<number, string>();
  private nextLease = 0;
  /** Reading and watching (between the first lease and the last release). */
  private running = false;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /**
   * Bumped when the lease count falls to zero and on reconfigure: a read or flush begun before
   * then is from a configuration or a watch that is over, so its result is not published.
   */
  private generation = 0;

  private readonly timers: Timers;
  private readonly watchers: EngineWatchers;
  private readonly events: EventBatch;
  private readonly usage: UsageWatch;

  constructor(private readonly options: HostSnapshotFeedOptions) {
    const timers = (this.timers = options.timers ?? realTimers);
    this.watchers = new EngineWatchers({
      timers,
      pollWithoutEventsMs: options.pollWithoutEventsMs,
      onEvent: (event) => this.onEngineEvent(event),
      readAll: () => this.readInBackground(),
      info: (message) => options.log.info(message),
    });
    this.events = new EventBatch({
      timers,
      debounceMs: () => options.debounceMs(),
      apply: (events) => this.applyEvents(events),
    });
    this.usage = new UsageWatch({
      timers,
      intervalMs: () => options.usageIntervalMs(),
      sampler: () => this.snapshotterInstance?.usageSampler(),
      active: () => this.isWatching,
      sample: () => {
        if (this.snapshot) this.publish(this.withWatchedUsage(this.snapshot));
      },
    });
  }

  private get engines(): FeedEngines {
    return (this.enginesLoaded ??= this.options.engines());
  }

  private get snapshotter(): Snapshotter {
    this.snapshotterInstance ??= new this.engines.Snapshotter({
      sources: this.options.createSources(),
      sudoInodes: this.options.sudoInodes?.(),
    });
    return this.snapshotterInstance;
  }

  get current(): HostSnapshot | undefined {
    return this.snapshot;
  }

  get isWatching(): boolean {
    return this.leases.size > 0;
  }

  acquire(consumer: string): Disposable {
    const id = this.nextLease++;
    this.leases.set(id, consumer);
    // Started on the next turn, not inside the caller: a view made visible during activation must
    // not make activation wait for the engine clients to load.
    if (this.leases.size === 1) after(this.timers, 0, () => this.start());
    return {
      dispose: () => {
        if (!this.leases.delete(id)) return;
        this.usage.delete(consumer);
        if (this.leases.size === 0) this.stop();
        else this.usage.restart();
      },
    };
  }

  /** The user's Refresh: every engine and every kernel file read again. */
  refresh(): Promise<HostSnapshot> {
    return this.read({ fresh: true });
  }

  /** A full read that may reuse unchanged kernel detail (start-up, catch-up after a reconnect, polling). */
  private read(options: { fresh?: boolean } = {}): Promise<HostSnapshot> {
    const generation = this.generation;
    return this.enqueue(async () => {
      const snapshot = await this.snapshotter.take(undefined, options);
      if (generation === this.generation) this.publish(this.withWatchedUsage(snapshot));
      return snapshot;
    });
  }

  setUsageWatch(consumer: string, keys: readonly string[]): void {
    this.usage.set(consumer, keys);
    // Show the figures now rather than one interval later.
    if (keys.length > 0 && this.snapshot) this.publish(this.withWatchedUsage(this.snapshot));
  }

  usageHistory(key: string): readonly UsagePoint[] {
    // No snapshotter yet means nothing sampled yet; asking must not load the engines' code.
    return this.snapshotterInstance?.usageSampler().history.of(key) ?? [];
  }

  get usageIntervalMs(): number {
    return this.options.usageIntervalMs();
  }

  /** New settings (engines, endpoints): new sources and a full read if someone is looking. */
  reconfigure(): void {
    this.generation++;
    this.watchers.dispose();
    this.events.clear();
    this.snapshotterInstance?.dispose();
    for (const s of this.snapshotterInstance?.sources ?? []) s.dispose?.();
    this.snapshotterInstance = undefined;
    if (this.isWatching) {
      this.running = false;
      this.start();
    }
  }

  private start(): void {
    if (this.disposed || this.running || this.leases.size === 0) return;
    this.running = true;
    this.readInBackground();
    this.watchers.start(this.snapshotter.sources);
    this.usage.restart();
  }

  private stop(): void {
    this.generation++;
    this.running = false;
    this.watchers.dispose();
    this.usage.dispose();
    this.events.clear();
  }

  private onEngineEvent(event: ContainerEvent): void {
    const about = `${event.runtime}${event.namespace ? ` ${event.namespace}` : ''} ${event.action} ${event.id.slice(0, 12)}`;
    if (this.engines.shownThroughDocker(this.snapshot, event)) {
      this.options.log.debug(`event: ${about} (shown through Docker, which sends its own)`);
      return;
    }
    this.options.log.debug(`event: ${about}`);
    this.events.add(event);
  }

  /** One batch of events, in the queue after whatever read or batch came before it. */
  private applyEvents(events: ContainerEvent[]): Promise<void> {
    const generation = this.generation;
    const current = (): boolean => generation === this.generation;
    return this.enqueue(async () => {
      if (!this.snapshot || !current()) return;
      const started = performance.now();
      const snapshot = await applyEvents(this.snapshotter, this.snapshot, events, current);
      if (!snapshot || !current()) return;
      this.options.log.debug(`applied ${events.length} event(s) in ${(performance.now() - started).toFixed(1)} ms`);
      this.publish(this.withWatchedUsage(snapshot));
    }).catch(() => undefined); // logged by enqueue
  }

  private withWatchedUsage(snapshot: HostSnapshot): HostSnapshot {
    return this.snapshotter.refreshUsage(snapshot, this.usage.keys());
  }

  private publish(snapshot: HostSnapshot): void {
    if (this.disposed) return;
    this.snapshot = snapshot;
    this.changed.fire(snapshot);
  }

  /** A full read nobody awaits (start-up, catch-up, polling): a failure is logged by enqueue. */
  private readInBackground(): void {
    void this.read().catch(() => undefined);
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch((error: unknown) => this.options.log.error(`Refresh failed: ${describe(error)}`));
    return run;
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    this.events.dispose();
    this.snapshotterInstance?.dispose();
    for (const s of this.snapshotterInstance?.sources ?? []) s.dispose?.();
    this.changed.dispose();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
