/**
 * The bench runs in plain Node, where there is no `vscode` module. scripts/bench.mjs aliases
 * `vscode` to this file (esbuild `alias`), for two kinds of importer:
 * - @microsoft/vscode-container-client and @microsoft/vscode-processutils, which read only the enums
 *   ShellQuoting and FileType (values copied from @types/vscode);
 * - our HostSnapshotFeed, which needs only EventEmitter and Disposable.
 */
export enum ShellQuoting {
  Escape = 1,
  Strong = 2,
  Weak = 3,
}

export enum FileType {
  Unknown = 0,
  File = 1,
  Directory = 2,
  SymbolicLink = 64,
}

export class Disposable {
  constructor(private readonly fn: () => void) {}
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<(e: T) => void>();
  readonly event = (listener: (e: T) => void): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}
