import vscode = require('./vscodeApi');
import { displayName } from './core/displayText';

/** The extension's log channel; `{ log: true }` gives levels, timestamps and the user's log level. */
export type Logger = vscode.LogOutputChannel;

export function createLogger(): Logger {
  return vscode.window.createOutputChannel('Container Anatomy', { log: true });
}

/**
 * Logs an error with its stack and tells the user, once, in plain words. The notification goes
 * through displayName: an engine's error can quote a container's name, and a notification renders
 * `[x](command:…)` as a link.
 */
export function reportError(log: Logger, what: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  log.error(`${what}: ${error instanceof Error && error.stack ? error.stack : detail}`);
  void vscode.window.showErrorMessage(`Container Anatomy: ${displayName(what)}: ${displayName(detail)}`);
}
