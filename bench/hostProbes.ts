/** What a VS Code host session sets up and probes: the floor extension, the staged production build, event → tree. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROBE_NAME = 'anatomy-a-probe';

/**
 * Event → tree, in VS Code: a created container is started with `docker start`, and the time runs
 * until the tree's row for it (named to sort first, so it is on screen) shows it running. The clock
 * starts when the command returns, a little after dockerd sends the `start` event, so the figure
 * slightly understates the latency; the debounce (150 ms by default) is included.
 */
export async function measureEventToTree(page: import('playwright-core').Page, probes = 5): Promise<number[]> {
  const docker = (...args: string[]) =>
    execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const rowOf = async () =>
    (
      await page
        .locator('.monaco-list-row', { hasText: PROBE_NAME })
        .allTextContents()
        .catch(() => [] as string[])
    )[0];
  const waitFor = async (pred: (row: string | undefined) => boolean, ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (pred(await rowOf())) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return false;
  };
  const out: number[] = [];
  try {
    docker('rm', '-f', PROBE_NAME);
  } catch {
    /* absent */
  }
  try {
    docker(
      'create',
      '--label',
      'anatomy.bench=1',
      '--network',
      'none',
      '--name',
      PROBE_NAME,
      'anatomy-busybox:latest',
      'sleep',
      '1000000',
    );
    if (!(await waitFor((row) => row !== undefined && !/Up /.test(row), 15_000))) return out;
    for (let i = 0; i < probes; i++) {
      docker('start', PROBE_NAME);
      const t0 = performance.now();
      if (!(await waitFor((row) => row !== undefined && /Up /.test(row), 15_000))) break;
      out.push(Math.round(performance.now() - t0));
      docker('stop', '-t', '0', PROBE_NAME);
      if (!(await waitFor((row) => row !== undefined && !/Up /.test(row), 15_000))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    try {
      docker('rm', '-f', PROBE_NAME);
    } catch {
      /* gone */
    }
  }
  return out;
}

export const FLOOR_EXTENSION_NAME = 'anatomy-activation-floor';

/** The floor extension, in the server's extensions folder (the server scans it at start). */
export function installFloorExtension(extensionsDir: string): void {
  const dir = path.join(extensionsDir, `anatomy-bench.${FLOOR_EXTENSION_NAME}-0.0.1`);
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    name: FLOOR_EXTENSION_NAME,
    publisher: 'anatomy-bench',
    version: '0.0.1',
    engines: { vscode: '^1.100.0' },
    main: './floor.js',
    activationEvents: ['onView:containerAnatomy.containers'],
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(
    path.join(dir, 'floor.js'),
    "'use strict';\nconst vscode = require('vscode');\nexports.activate = function activate() { return { version: vscode.version }; };\n",
  );
}

/** The extension as the VSIX ships it: a production build with the manifest and media, in a temp folder. */
export function stageProductionExtension(repo: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-bench-ext-'));
  execFileSync(process.execPath, ['scripts/build.mjs', '--production', '--outdir', path.join(dir, 'dist')], {
    cwd: repo,
    stdio: 'ignore',
    timeout: 300_000,
  });
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'media', 'syntaxes']) {
    if (fs.existsSync(path.join(repo, entry)))
      fs.cpSync(path.join(repo, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}
