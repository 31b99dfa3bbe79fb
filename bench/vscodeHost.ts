/**
 * Activation time and extension host memory in the real VS Code host: scripts/host/lib.mjs starts
 * code-server's VS Code server and Debian's Chromium; the workbench opens the sample folder with
 * this repository as the extension under development (dist/extension.js as built); the bench clicks
 * the Container Anatomy activity bar item so the Containers view opens (which activates the
 * extension and reads every engine), then reads:
 * - activation: from the extension host log line `ExtensionService#_doActivateExtension
 *   container-anatomy…` (VS Code logs it when activation starts) to the extension's own
 *   `Container Anatomy activated.` line (logged at the end of activate()), both with millisecond
 *   timestamps: code loading plus activate(). VS Code's own per-extension activation times are only
 *   shown in its Running Extensions view, not logged, so this is the closest logged figure.
 * - peak RSS: VmHWM in /proc/<pid>/status of the extension host process (`--type=extensionHost`)
 *   once the tree shows the bench containers.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface HostFigures {
  activationMs?: number;
  peakRssMiB?: number;
  rssMiB?: number;
  containersListed?: number;
  treeShownMs?: number;
  /** VS Code's own figure, from Developer: Show Running Extensions (the row of this extension). */
  runningExtensionsRow?: string;
  runningExtensionsMs?: number;
  rowsSeen?: string[];
  screenshot?: string;
  reason?: string;
  treeNote: string;
}

interface HostLib {
  repoRoot: string;
  sampleWorkspace: string;
  makeRunDir(): { dir: string; keep: boolean };
  findFreePort(preferred?: number): Promise<number>;
  startServer(o: { port: number; runDir: string; env?: NodeJS.ProcessEnv }): Promise<{ child: { pid?: number }; url: string; logPath: string }>;
  launchBrowser(o?: { headless?: boolean }): Promise<import('playwright-core').Browser>;
  workbenchUrl(o: { port: number; folder?: string; extensionDevelopmentPath: string }): string;
  cleanup(): Promise<void>;
}

function findFiles(dir: string, match: (p: string) => boolean, out: string[] = []): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const full = path.join(dir, n);
    if (fs.statSync(full).isDirectory()) findFiles(full, match, out);
    else if (match(full)) out.push(full);
  }
  return out;
}

const stamp = (line: string): number | undefined => {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? Date.parse(`${m[1]}T${m[2]}`) : undefined;
};

/** Descendants of `root` (by ppid), from ps. */
function descendants(root: number): Array<{ pid: number; args: string }> {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const out: Array<{ pid: number; args: string }> = [];
  const frontier = [root];
  while (frontier.length) {
    const p = frontier.pop()!;
    for (const r of rows) if (r.ppid === p) {
      out.push(r);
      frontier.push(r.pid);
    }
  }
  return out;
}

function statusKiB(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function measureVsCodeHost(repo = process.cwd()): Promise<HostFigures> {
  const libPath = path.join(repo, 'scripts', 'host', 'lib.mjs');
  const serverMain = path.join(repo, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  if (!fs.existsSync(serverMain)) return { reason: 'the VS Code host is not installed (run scripts/host/install-host.sh)', treeNote: 'not measured inside VS Code' };
  if (!fs.existsSync(path.join(repo, 'dist', 'extension.js'))) return { reason: 'dist/extension.js missing (npm run build)', treeNote: 'not measured inside VS Code' };
  const lib = (await import(pathToFileURL(libPath).href)) as HostLib;
  try {
    const run = lib.makeRunDir();
    const port = await lib.findFreePort();
    const server = await lib.startServer({ port, runDir: run.dir, env: process.env });
    const browser = await lib.launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(lib.workbenchUrl({ port, folder: lib.sampleWorkspace, extensionDevelopmentPath: lib.repoRoot }));
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    const opened = Date.now();
    const item = page.locator('.activitybar [aria-label^="Container Anatomy"]').first();
    await item.click({ timeout: 30_000 });
    // The tree: wait until a row names a bench container (the docker node may need expanding).
    let treeShownMs: number | undefined;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const texts = await page.locator('.monaco-list-row').allTextContents().catch(() => [] as string[]);
      if (texts.some((t) => t.includes('anatomy-bench-'))) {
        treeShownMs = Date.now() - opened;
        break;
      }
      const collapsedDocker = page.locator('.monaco-list-row[aria-expanded="false"]', { hasText: /docker/i }).first();
      if ((await collapsedDocker.count()) > 0) await collapsedDocker.click().catch(() => {});
      await page.waitForTimeout(500);
    }
    await page.waitForTimeout(3000);
    const rowsSeen = (await page.locator('.monaco-list-row').allTextContents().catch(() => [] as string[])).slice(0, 30);
    const screenshot = path.join(repo, 'test-results', 'bench-vscode-host.png');
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot }).catch(() => {});

    // VS Code's own activation figure: Developer: Show Running Extensions.
    let runningExtensionsRow: string | undefined;
    try {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
      await page.keyboard.type('Developer: Show Running Extensions');
      await page.waitForTimeout(800);
      await page.keyboard.press('Enter');
      const row = page.locator('.monaco-list-row', { hasText: /container-anatomy|Container Anatomy/ }).filter({ hasText: /Activation/ }).first();
      await row.waitFor({ timeout: 15_000 });
      // The activation figure's tooltip splits it (activation event, code loading, activate() call).
      const titles = await row.locator('[title]').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? '')).catch(() => [] as string[]);
      await row.locator('text=/Activation/').first().hover().catch(() => {});
      await page.waitForTimeout(1500);
      const hoverText = await page.locator('.monaco-hover, .workbench-hover').allTextContents().catch(() => [] as string[]);
      runningExtensionsRow = [(await row.textContent())?.replace(/\s+/g, ' ').trim(), ...titles, ...hoverText].filter(Boolean).join(' | ');
      await page.screenshot({ path: path.join(repo, 'test-results', 'bench-running-extensions.png') }).catch(() => {});
    } catch (e) {
      runningExtensionsRow = `unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
      await page.screenshot({ path: path.join(repo, 'test-results', 'bench-running-extensions.png') }).catch(() => {});
    }
    const reMs = runningExtensionsRow && !runningExtensionsRow.startsWith('unavailable') ? /Activation:\s*(\d+(?:\.\d+)?)\s*ms/.exec(runningExtensionsRow) : null;

    const logsRoot = path.join(run.dir, 'user-data', 'logs');
    const extLogs = findFiles(logsRoot, (p) => p.endsWith('remoteexthost.log'));
    const ourLogs = findFiles(logsRoot, (p) => p.endsWith('Container Anatomy.log'));
    const startLine = extLogs.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).find((l) => l.includes('_doActivateExtension container-anatomy.container-anatomy'));
    const doneLine = ourLogs.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).find((l) => l.includes('Container Anatomy activated.'));
    const t0 = startLine ? stamp(startLine) : undefined;
    const t1 = doneLine ? stamp(doneLine) : undefined;

    const hosts = server.child.pid ? descendants(server.child.pid).filter((p) => p.args.includes('--type=extensionHost')) : [];
    const hwm = hosts.map((h) => statusKiB(h.pid, 'VmHWM')).filter((v): v is number => v !== undefined);
    const rss = hosts.map((h) => statusKiB(h.pid, 'VmRSS')).filter((v): v is number => v !== undefined);
    const rows = await page.locator('.monaco-list-row').allTextContents().catch(() => [] as string[]);
    const figures: HostFigures = {
      activationMs: t0 !== undefined && t1 !== undefined ? t1 - t0 : undefined,
      peakRssMiB: hwm.length ? Math.max(...hwm) / 1024 : undefined,
      rssMiB: rss.length ? Math.max(...rss) / 1024 : undefined,
      containersListed: rows.filter((t) => t.includes('anatomy-bench-')).length || undefined,
      treeShownMs,
      runningExtensionsRow,
      runningExtensionsMs: reMs ? Number(reMs[1]) : undefined,
      rowsSeen,
      screenshot,
      treeNote:
        treeShownMs !== undefined
          ? `in VS Code the Containers view showed a bench container ${treeShownMs} ms after its activity bar item was clicked (activation, first full read and render included)`
          : 'the Containers view did not show a bench container within 90 s',
      reason:
        t0 === undefined || t1 === undefined
          ? `activation log lines not found (start: ${startLine ? 'yes' : 'no'}, activated: ${doneLine ? 'yes' : 'no'})`
          : hwm.length === 0
            ? 'no --type=extensionHost process found under the server'
            : undefined,
    };
    return figures;
  } finally {
    await lib.cleanup();
  }
}
