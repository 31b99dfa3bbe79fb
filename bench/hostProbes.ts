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
 * slightly understates the latency; the debounce (150 ms by default) is included. The row's change
 * is timed in the page by a MutationObserver on the view's list (Date.now(), the clock this process
 * reads too), so the figure does not include the bench's own polling of the page.
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
  /** In the page: note when the probe's row first reads `Up `, watching only the list that holds it. */
  const watchRow = () =>
    page.evaluate((name) => {
      const w = window as unknown as { probeSeenAt?: number };
      w.probeSeenAt = undefined;
      const findRow = () =>
        Array.from(document.querySelectorAll('.monaco-list-row')).find((r) => r.textContent?.includes(name));
      const list = findRow()?.closest('.monaco-list');
      if (!list) return false;
      const observer = new MutationObserver(() => {
        if (/Up /.test(findRow()?.textContent ?? '')) {
          w.probeSeenAt = Date.now();
          observer.disconnect();
        }
      });
      observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
      return true;
    }, PROBE_NAME);
  const seenAt = async (ms: number): Promise<number | undefined> => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const at = await page.evaluate(() => (window as unknown as { probeSeenAt?: number }).probeSeenAt);
      if (at !== undefined) return at;
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
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
      if (!(await watchRow())) break;
      docker('start', PROBE_NAME);
      const returnedAt = Date.now();
      const at = await seenAt(15_000);
      if (at === undefined) break;
      out.push(at - returnedAt);
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
