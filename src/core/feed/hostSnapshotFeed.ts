import type { HostSnapshot } from '../model';
import type { UsagePoint } from '../usage/history';
import { realTimers, type Timers } from '../runtimes/shared/timers';
import type { ContainerEvent, EngineSource } from '../snapshot/engineSource';
import type { shownThroughDocker, Snapshotter } from '../snapshot/snapshotter';
import { Emitter, type Disposable } from './emitter';
import type { SudoInodeReader } from '../kernel/inodeReader';
import type { SnapshotFeed } from './snapshotFeed';

/** More containers than this changed within one debounce window: read the host once instead. */
export const MAX_SINGLE_REFRESHES = 8;

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
 * event stream (debounced; one container re-read per event), does a full re-read when a stream
 * connects again (the engine restarted or came up), and polls usage only for the containers shown
 * expanded. Operations run one at a time so a refresh never overtakes another.
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
  private watchers: Disposable[] = [];
  private pollTimer: Disposable | undefined;
  private usageTimer: Disposable | undefined;
  private debounceTimer: Disposable | undefined;
  private flushing = false;
  private lastEventAt = 0;
  /** Reading and watching (between the first lease and the last release). */
  private running = false;
  private readonly pending = new Map<string, ContainerEvent>();
  private readonly usageWatch = new Map<string, readonly string[]>();
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /**
   * Bumped when the lease count falls to zero and on reconfigure: a read or flush begun before
   * then is from a configuration or a watch that is over, so its result is not published.
   */
  private generation = 0;
  /**
   * Sources (by id: two users' rootless Podman are two) whose stream dropped: their next `connected`
   * means catch up with a full read.
   */
  private readonly needsCatchUp = new Set<string>();

  private readonly timers: Timers;

  constructor(private readonly options: HostSnapshotFeedOptions) {
    this.timers = options.timers ?? realTimers;
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
    if (this.leases.size === 1) this.after(0, () => this.start());
    return {
      dispose: () => {
        if (!this.leases.delete(id)) return;
        this.usageWatch.delete(consumer);
        if (this.leases.size === 0) this.stop();
        else this.restartUsageTimer();
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
    if (keys.length === 0) this.usageWatch.delete(consumer);
    else this.usageWatch.set(consumer, keys);
    this.restartUsageTimer();
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
    this.stopWatchers();
    this.pending.clear();
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
    void this.read().catch(() => undefined); // logged by enqueue
    this.startWatchers();
    this.restartUsageTimer();
  }

  private stop(): void {
    this.generation++;
    this.running = false;
    this.stopWatchers();
    this.usageTimer?.dispose();
    this.usageTimer = undefined;
    this.forgetUnwatchedUsage();
    this.debounceTimer?.dispose();
    this.debounceTimer = undefined;
    this.pending.clear();
  }

  private startWatchers(): void {
    const unwatched: EngineSource[] = [];
    for (const source of this.snapshotter.sources) {
      if (!source.watch) {
        unwatched.push(source);
        continue;
      }
      this.watchers.push(
        source.watch(
          (event) => this.onEngineEvent(event),
          (status) => {
            if (status.state === 'connected') {
              if (this.needsCatchUp.delete(source.id)) this.readInBackground();
            } else {
              this.options.log.info(
                `${source.kind} event stream: ${status.reason}${status.retryInMs ? `; retrying in ${status.retryInMs} ms` : ''}`,
              );
              // Show the engine's new state (stopped, denied) now; catch up when it is back.
              if (!this.needsCatchUp.has(source.id)) {
                this.needsCatchUp.add(source.id);
                this.readInBackground();
              }
            }
          },
        ),
      );
    }
    if (unwatched.length > 0) {
      const every = this.options.pollWithoutEventsMs ?? 10_000;
      this.pollTimer = this.every(every, () => this.readInBackground());
    }
  }

  private stopWatchers(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.pollTimer?.dispose();
    this.pollTimer = undefined;
    this.needsCatchUp.clear();
  }

  private onEngineEvent(event: ContainerEvent): void {
    const about = `${event.runtime}${event.namespace ? ` ${event.namespace}` : ''} ${event.action} ${event.id.slice(0, 12)}`;
    if (this.engines.shownThroughDocker(this.snapshot, event)) {
      this.options.log.debug(`event: ${about} (shown through Docker, which sends its own)`);
      return;
    }
    this.options.log.debug(`event: ${about}`);
    this.pending.set(`${event.runtime}|${event.namespace ?? ''}|${event.id}`, event);
    if (this.flushing) return; // the running flush picks these up when it is done
    this.debounceTimer?.dispose();
    // The first event after a quiet spell is shown at once; only the rest of a burst waits for the
    // debounce, so one `docker run` appears without the debounce's delay.
    const now = this.timers.now();
    const quiet = now - this.lastEventAt > this.options.debounceMs();
    this.lastEventAt = now;
    this.debounceTimer = this.after(quiet ? 0 : this.options.debounceMs(), () => void this.flushEvents());
  }

  /**
   * Applies the pending events, one flush at a time: events that arrive meanwhile wait in `pending`
   * and are taken in the next round, so a storm of events (hundreds of containers starting) costs a
   * bounded number of reads instead of a backlog of one refresh per event.
   */
  private async flushEvents(): Promise<void> {
    this.debounceTimer = undefined;
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.size > 0 && !this.disposed) {
        const events = [...this.pending.values()];
        this.pending.clear();
        const generation = this.generation;
        await this.enqueue(async () => {
          let snapshot = this.snapshot;
          if (!snapshot || generation !== this.generation) return;
          const snapshotter = this.snapshotter;
          const started = performance.now();
          if (events.length > MAX_SINGLE_REFRESHES) {
            // A burst (compose up, a script creating many containers): one full read is cheaper.
            snapshot = await snapshotter.take();
          } else {
            for (const e of events) {
              if (generation !== this.generation) return; // reconfigured or released meanwhile
              snapshot = await snapshotter.refreshContainer(snapshot, e.runtime, e.id, {
                namespace: e.namespace,
                sourceId: e.sourceId,
              });
            }
          }
          if (generation !== this.generation) return;
          this.options.log.debug(`applied ${events.length} event(s) in ${(performance.now() - started).toFixed(1)} ms`);
          this.publish(this.withWatchedUsage(snapshot));
        }).catch(() => undefined); // logged by enqueue
      }
    } finally {
      this.flushing = false;
    }
  }

  private restartUsageTimer(): void {
    this.usageTimer?.dispose();
    this.usageTimer = undefined;
    this.forgetUnwatchedUsage();
    if (!this.isWatching || this.watchedKeys().size === 0) return;
    this.usageTimer = this.every(this.options.usageIntervalMs(), () => {
      if (this.snapshot) this.publish(this.withWatchedUsage(this.snapshot));
    });
  }

  /**
   * A container no one watches any more loses its samples: watched again later, its chart starts
   * afresh instead of joining samples from before across the gap.
   */
  private forgetUnwatchedUsage(): void {
    this.snapshotterInstance?.usageSampler().retainOnly(this.isWatching ? this.watchedKeys() : new Set());
  }

  private watchedKeys(): Set<string> {
    return new Set([...this.usageWatch.values()].flat());
  }

  private withWatchedUsage(snapshot: HostSnapshot): HostSnapshot {
    return this.snapshotter.refreshUsage(snapshot, this.watchedKeys());
  }

  private publish(snapshot: HostSnapshot): void {
    if (this.disposed) return;
    this.snapshot = snapshot;
    this.changed.fire(snapshot);
  }

  /** A full read nobody awaits (catch-up, polling): a failure is logged by enqueue. */
  private readInBackground(): void {
    void this.read().catch(() => undefined);
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch((error: unknown) => this.options.log.error(`Refresh failed: ${describe(error)}`));
    return run;
  }

  private after(ms: number, fn: () => void): Disposable {
    const handle = this.timers.setTimeout(fn, ms);
    return { dispose: () => this.timers.clearTimeout(handle) };
  }

  /** `fn` every `ms`, each run armed after the previous one (Timers has no interval). */
  private every(ms: number, fn: () => void): Disposable {
    let current: Disposable | undefined;
    const arm = (): void => {
      current = this.after(ms, () => {
        arm();
        fn();
      });
    };
    arm();
    return { dispose: () => current?.dispose() };
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    this.snapshotterInstance?.dispose();
    for (const s of this.snapshotterInstance?.sources ?? []) s.dispose?.();
    this.changed.dispose();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
