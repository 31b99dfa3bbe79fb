/**
 * The bench runs in plain Node, where there is no `vscode` module. scripts/bench.mjs aliases
 * `vscode` to this file (esbuild `alias`) for @microsoft/vscode-container-client and
 * @microsoft/vscode-processutils, the bench's comparison client, which read only the enums
 * ShellQuoting and FileType (values copied from @types/vscode). Our own code needs none of it.
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
