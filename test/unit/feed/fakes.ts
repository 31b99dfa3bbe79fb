import type { ContainerInfo, RuntimeKind } from '../../../src/core/model';
import type { Timers } from '../../../src/core/runtimes/shared/timers';
import type {
  ContainerEvent,
  EngineReading,
  EngineSource,
  EngineWatchStatus,
  SingleContainerReading,
} from '../../../src/core/snapshot/engineSource';

/** Lets every promise and setImmediate the feed and the Snapshotter started run to its end. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** FAKE timers: the clock moves only when the test says so. */
export class FakeTimers implements Timers {
  private clock = 1_000_000;
  private nextId = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.due.set(id, { at: this.clock + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }

  now(): number {
    return this.clock;
  }

  get pending(): number {
    return this.due.size;
  }

  /** Moves the clock on by `ms`, running each timer that falls due on the way (in order) and settling after it. */
  async advance(ms: number): Promise<void> {
    const end = this.clock + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.due) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.due.delete(next[0]);
      this.clock = next[1].at;
      next[1].fn();
      await settle();
    }
    this.clock = end;
    await settle();
  }
}

export interface Gate {
  promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * A FAKE engine: containers without a PID (so no /proc is read), reads that can be held at a gate,
 * and an event stream the test drives through `emit` and `status`.
 */
export class FakeEngine implements EngineSource {
  reads = 0;
  readonly readOnes: string[] = [];
  disposed = false;
  /** While set, read() and readOne() wait for it to open. */
  held: Gate | undefined;
  private onEvent: ((event: ContainerEvent) => void) | undefined;
  private onStatus: ((status: EngineWatchStatus) => void) | undefined;

  constructor(
    readonly kind: RuntimeKind = 'docker',
    /** Shown as the runtime's endpoint, so a snapshot tells which engine object it came from. */
    readonly label = 'engine',
    public names: string[] = ['a'],
  ) {}

  get id(): string {
    return `${this.kind}:${this.label}`;
  }

  get endpoint(): string {
    return `fake://${this.label}`;
  }

  get watching(): boolean {
    return this.onEvent !== undefined;
  }

  private container(name: string): ContainerInfo {
    return {
      key: `${this.kind}::${name}`,
      id: name,
      name,
      runtime: this.kind,
      image: 'busybox',
      state: 'running',
      labels: { from: this.label },
    };
  }

  async read(): Promise<EngineReading> {
    this.reads++;
    await this.held?.promise;
    return {
      runtime: { kind: this.kind, endpoint: this.label, status: { state: 'ok' }, chain: [] },
      containers: this.names.map((n) => this.container(n)),
    };
  }

  async readOne(id: string): Promise<SingleContainerReading> {
    this.readOnes.push(id);
    await this.held?.promise;
    return this.names.includes(id) ? { state: 'found', container: this.container(id) } : { state: 'gone' };
  }

  watch(onEvent: (event: ContainerEvent) => void, onStatus: (status: EngineWatchStatus) => void): { dispose(): void } {
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    return {
      dispose: () => {
        this.onEvent = undefined;
        this.onStatus = undefined;
      },
    };
  }

  emit(id: string, action = 'start'): void {
    if (!this.onEvent) throw new Error(`${this.label}: nobody watches`);
    this.onEvent({ runtime: this.kind, id, action });
  }

  status(status: EngineWatchStatus): void {
    if (!this.onStatus) throw new Error(`${this.label}: nobody watches`);
    this.onStatus(status);
  }

  dispose(): void {
    this.disposed = true;
  }
}
