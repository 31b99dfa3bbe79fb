/** Something to release: a subscription, a lease, a watch. Structurally a `vscode.Disposable`. */
export interface Disposable {
  dispose(): void;
}

/** Subscribe to an event; dispose the result to unsubscribe. Structurally a `vscode.Event`. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/**
 * The feed's own event emitter, so the core needs no `vscode`. A listener that throws is reported
 * and does not keep the listeners after it from hearing the event.
 */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();
  private disposed = false;

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    // A wrapper per subscription: the same function subscribed twice is two subscriptions.
    const subscription = (value: T): void => listener(value);
    this.listeners.add(subscription);
    return { dispose: () => void this.listeners.delete(subscription) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      if (!this.listeners.has(listener)) continue; // unsubscribed by an earlier listener
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
