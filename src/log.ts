import vscode = require('./vscodeApi');

/** The extension's log channel; `{ log: true }` gives levels, timestamps and the user's log level. */
export type Logger = vscode.LogOutputChannel;

export function createLogger(): Logger {
  return vscode.window.createOutputChannel('Container Anatomy', { log: true });
}

/** Logs an error with its stack and tells the user, once, in plain words. */
export function reportError(log: Logger, what: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  log.error(`${what}: ${error instanceof Error && error.stack ? error.stack : detail}`);
  void vscode.window.showErrorMessage(`Container Anatomy: ${what}: ${detail}`);
}
