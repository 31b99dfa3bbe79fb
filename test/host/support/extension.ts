// What several host suites need: the extension's test API, and the docker CLI.
import * as assert from 'assert';
import { execFile } from 'child_process';
import { promisify } from 'util';
import * as vscode from 'vscode';
import type { ContainerAnatomyApi } from '../../../src/extension';

const run = promisify(execFile);
export const extensionId = 'container-anatomy.container-anatomy';

/** The extension, activated, as its test API. */
export async function api(): Promise<ContainerAnatomyApi> {
  const extension = vscode.extensions.getExtension<ContainerAnatomyApi>(extensionId);
  assert.ok(extension, 'extension loaded');
  return extension.activate();
}

/** The docker CLI's trimmed output. */
export async function docker(...args: string[]): Promise<string> {
  return (await run('docker', args, { timeout: 30_000 })).stdout.trim();
}
