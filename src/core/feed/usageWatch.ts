import type { Timers } from '../runtimes/shared/timers';
import type { UsageSampler } from '../usage/sampler';
import type { Disposable } from './emitter';
import { every } from './schedule';

export interface UsageWatchOptions {
  timers: Timers;
  intervalMs(): number;
  /** The sampler holding the samples; undefined before the first read made one. */
  sampler(): UsageSampler | undefined;
  /** Whether anyone looks: with no lease, no container is watched whatever was asked. */
  active(): boolean;
  /** Called every interval while some container is watched and someone looks: sample them. */
  sample(): void;
}

/**
 * Which containers (ContainerInfo.key) each consumer shows usage for, and the timer that samples
 * them: only watched containers are polled, and only while someone looks.
 */
export class UsageWatch implements Disposable {
  private readonly byConsumer = new Map<string, readonly string[]>();
  private timer: Disposable | undefined;

  constructor(private readonly options: UsageWatchOptions) {}

  set(consumer: string, keys: readonly string[]): void {
    if (keys.length === 0) this.byConsumer.delete(consumer);
    else this.byConsumer.set(consumer, keys);
    this.restart();
  }

  /** The consumer is gone (its lease released): its keys stop counting, without restarting anything. */
  delete(consumer: string): void {
    this.byConsumer.delete(consumer);
  }

  keys(): Set<string> {
    return new Set([...this.byConsumer.values()].flat());
  }

  /** Re-arms the timer for the keys and interval as they are now. */
  restart(): void {
    this.dispose();
    if (!this.options.active() || this.keys().size === 0) return;
    this.timer = every(this.options.timers, this.options.intervalMs(), () => this.options.sample());
  }

  /**
   * Stops the timer. A container no one watches any more loses its samples: watched again later,
   * its chart starts afresh instead of joining samples from before across the gap.
   */
  dispose(): void {
    this.timer?.dispose();
    this.timer = undefined;
    this.options.sampler()?.retainOnly(this.options.active() ? this.keys() : new Set());
  }
}
