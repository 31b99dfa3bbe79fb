import type { Timers } from '../runtimes/shared/timers';
import type { ContainerEvent, EngineSource } from '../snapshot/engineSource';
import type { Disposable } from './emitter';
import { every } from './schedule';

export const POLL_WITHOUT_EVENTS_MS = 10_000;

export interface EngineWatchersOptions {
  timers: Timers;
  /** How often engines without an event stream are re-read. */
  pollWithoutEventsMs?: number;
  onEvent(event: ContainerEvent): void;
  /** A full read nobody awaits: an engine's state changed, or one without a stream is due. */
  readAll(): void;
  info(message: string): void;
}

/**
 * The engines' event streams while someone looks: each source's events go to `onEvent`; a stream
 * that drops shows the engine's new state (stopped, denied) at once and catches up with one full
 * read when it connects again; engines without a stream are polled.
 */
export class EngineWatchers implements Disposable {
  private watchers: Disposable[] = [];
  private pollTimer: Disposable | undefined;
  /**
   * Sources (by id: two users' rootless Podman are two) whose stream dropped: their next `connected`
   * means catch up with a full read.
   */
  private readonly needsCatchUp = new Set<string>();

  constructor(private readonly options: EngineWatchersOptions) {}

  start(sources: readonly EngineSource[]): void {
    const unwatched = sources.filter((s) => !s.watch);
    for (const source of sources) {
      const watch = source.watch?.(
        (event) => this.options.onEvent(event),
        (status) => {
          if (status.state === 'connected') {
            if (this.needsCatchUp.delete(source.id)) this.options.readAll();
            return;
          }
          const retry = status.retryInMs ? `; retrying in ${status.retryInMs} ms` : '';
          this.options.info(`${source.kind} event stream: ${status.reason}${retry}`);
          if (!this.needsCatchUp.has(source.id)) {
            this.needsCatchUp.add(source.id);
            this.options.readAll();
          }
        },
      );
      if (watch) this.watchers.push(watch);
    }
    if (unwatched.length > 0) {
      const ms = this.options.pollWithoutEventsMs ?? POLL_WITHOUT_EVENTS_MS;
      this.pollTimer = every(this.options.timers, ms, () => this.options.readAll());
    }
  }

  /** Closes every stream and the poll; the next start begins afresh. */
  dispose(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.pollTimer?.dispose();
    this.pollTimer = undefined;
    this.needsCatchUp.clear();
  }
}
