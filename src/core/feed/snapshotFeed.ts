import type { HostSnapshot } from '../model';
import type { UsagePoint } from '../usage/history';
import type { Disposable, Event } from './emitter';

/**
 * The one source of the host's snapshot for every view (the Containers tree, the live diagram).
 * Views never talk to an engine: they read `current`, listen to `onDidChange`, and hold a lease
 * while they are visible so the feed follows the engines' event streams only while someone looks.
 */
export interface SnapshotFeed extends Disposable {
  /** The latest snapshot; undefined until the first read finished. */
  readonly current: HostSnapshot | undefined;
  /** Fires after every change: a full read, or one container re-read after an event. */
  readonly onDidChange: Event<HostSnapshot>;
  /** A full re-read of every engine (the Refresh command), with progress in the view. */
  refresh(): Promise<HostSnapshot>;
  /**
   * A visible consumer: while at least one lease is held the feed reads the host and follows the
   * event streams; with none it stops (no requests while nobody looks). Releasing the lease also
   * drops the usage watch set under the same consumer name.
   */
  acquire(consumer: string): Disposable;
  /** Containers (ContainerInfo.key) whose usage figures are shown: only they are polled for usage. */
  setUsageWatch(consumer: string, keys: readonly string[]): void;
  /** A watched container's samples so far, oldest first (kept in memory while it is watched). */
  usageHistory(key: string): readonly UsagePoint[];
  /** Milliseconds between usage samples (the setting). */
  readonly usageIntervalMs: number;
}
