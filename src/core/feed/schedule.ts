import type { Timers } from '../runtimes/shared/timers';
import type { Disposable } from './emitter';

/** `fn` once, `ms` from now, through the injectable timers; dispose cancels it. */
export function after(timers: Timers, ms: number, fn: () => void): Disposable {
  const handle = timers.setTimeout(fn, ms);
  return { dispose: () => timers.clearTimeout(handle) };
}

/** `fn` every `ms`, each run armed after the previous one (Timers has no interval). */
export function every(timers: Timers, ms: number, fn: () => void): Disposable {
  let current: Disposable | undefined;
  const arm = (): void => {
    current = after(timers, ms, () => {
      arm();
      fn();
    });
  };
  arm();
  return { dispose: () => current?.dispose() };
}
