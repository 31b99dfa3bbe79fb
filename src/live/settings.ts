import vscode = require('../vscodeApi');
import type { RuntimeKind } from '../core/model';
import type { EngineSource } from '../core/snapshot/engineSource';
import type { Part } from '../parts/load';
import type { SudoInodeReader as SudoInodeReaderType } from '../core/kernel/inodeReader';
import path = require('node:path');

/**
 * Reads the engine settings each time, so a change applies at the next reconfigure. Takes the
 * loaded engines part: the feed calls this at its first read, when that code is loaded.
 */
export function sourcesFromSettings({ ALL_ENGINES, createDefaultSources }: Part<'engines'>): EngineSource[] {
  const config = vscode.workspace.getConfiguration('containerAnatomy');
  const engines = config
    .get<string[]>('engines', [...ALL_ENGINES])
    .filter((e): e is RuntimeKind => (ALL_ENGINES as readonly string[]).includes(e));
  return createDefaultSources({
    engines,
    dockerHost: config.get<string>('docker.host', '') || undefined,
    podmanSocket: config.get<string>('podman.socket', '') || undefined,
    containerdAddress: config.get<string>('containerd.address', '') || undefined,
  });
}

/** Off by default; on, denied namespace links are read through `sudo -n` and the bundled reader (never prompts). */
export function sudoInodesFromSettings({ SudoInodeReader }: Part<'engines'>): SudoInodeReaderType | undefined {
  if (!vscode.workspace.getConfiguration('containerAnatomy').get<boolean>('namespaces.readInodesWithSudo', false))
    return undefined;
  return new SudoInodeReader({ nodePath: process.execPath, readerPath: path.join(__dirname, 'nsInodeReader.js') });
}

export function debounceMs(): number {
  return clamp(vscode.workspace.getConfiguration('containerAnatomy').get<number>('refresh.debounceMs', 150), 0, 5_000);
}

export function usageIntervalMs(): number {
  return clamp(
    vscode.workspace.getConfiguration('containerAnatomy').get<number>('tree.usageIntervalMs', 5_000),
    1_000,
    600_000,
  );
}

/** Settings that change which engines are read and how. */
export const ENGINE_SETTINGS = [
  'containerAnatomy.engines',
  'containerAnatomy.docker.host',
  'containerAnatomy.podman.socket',
  'containerAnatomy.containerd.address',
  'containerAnatomy.namespaces.readInodesWithSudo',
];

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
