/**
 * One VS Code session for the bench: code-server's VS Code server and Debian's Chromium
 * (scripts/host/lib.mjs), the workbench on the sample folder with a staged extension under
 * development, waited on until the server, extension host and browser are quiet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { findFiles, waitUntilQuiet } from './hostProcesses';

interface HostLib {
  repoRoot: string;
  sampleWorkspace: string;
  makeRunDir(): { dir: string; keep: boolean };
  findFreePort(preferred?: number): Promise<number>;
  startServer(o: {
    port: number;
    runDir: string;
    env?: NodeJS.ProcessEnv;
  }): Promise<{ child: { pid?: number }; url: string; logPath: string }>;
  launchBrowser(o?: { headless?: boolean }): Promise<import('playwright-core').Browser>;
  workbenchUrl(o: {
    port: number;
    folder?: string;
    extensionDevelopmentPath: string;
    inspectExtensionsPort?: number;
  }): string;
  cleanup(): Promise<void>;
}

export interface Workbench {
  page: Page;
  serverPid?: number;
  /** The extension host's inspector port, when asked for. */
  inspectPort: number;
  logsRoot: string;
  /** How long after the workbench loaded the server, host and browser went quiet. */
  settledAfterMs: number;
  /** The lines of the extension's log channel so far. */
  ourLogLines(): string[];
  close(): Promise<void>;
}

/** Why the VS Code host cannot run here, or undefined when it can. */
export function hostMissing(repo: string): string | undefined {
  const serverMain = path.join(repo, '.vscode-test', 'code-server', 'node_modules', 'code-server');
  if (!fs.existsSync(path.join(serverMain, 'lib', 'vscode', 'out', 'server-main.js')))
    return 'the VS Code host is not installed (run scripts/host/install-host.sh)';
  return undefined;
}

/**
 * Starts a session with `extensionDir` as the extension under development. `prepare` runs on the
 * session's folder before the server starts (the activation bench installs its floor extension).
 */
export async function openWorkbench(
  repo: string,
  extensionDir: string,
  options: { inspectExtensions?: boolean; prepare?: (runDir: string) => void } = {},
): Promise<Workbench> {
  const lib = (await import(pathToFileURL(path.join(repo, 'scripts', 'host', 'lib.mjs')).href)) as HostLib;
  try {
    const run = lib.makeRunDir();
    options.prepare?.(run.dir);
    const logsRoot = path.join(run.dir, 'user-data', 'logs');
    const port = await lib.findFreePort();
    const inspectPort = await lib.findFreePort();
    const server = await lib.startServer({ port, runDir: run.dir, env: process.env });
    const browser = await lib.launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(
      lib.workbenchUrl({
        port,
        folder: lib.sampleWorkspace,
        extensionDevelopmentPath: extensionDir,
        inspectExtensionsPort: options.inspectExtensions ? inspectPort : undefined,
      }),
    );
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    // Act only once the workbench and the extension host have settled: on two cores, a figure taken
    // while Chromium and the host still start up measures their contention, not the extension.
    const settledAfterMs = await waitUntilQuiet(30_000);
    return {
      page,
      serverPid: server.child.pid,
      inspectPort,
      logsRoot,
      settledAfterMs,
      ourLogLines: () =>
        findFiles(logsRoot, (p) => p.endsWith('Container Anatomy.log')).flatMap((f) =>
          fs.readFileSync(f, 'utf8').split('\n'),
        ),
      close: () => lib.cleanup(),
    };
  } catch (e) {
    await lib.cleanup();
    throw e;
  }
}
