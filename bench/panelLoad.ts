/**
 * How fast the panel opens: the webview as built now (an ES module entry with chunks, mermaid's
 * diagram types loaded when shown) against the single bundle it replaced (one IIFE with all of
 * mermaid, loaded by a classic script), built from the same sources in the same run and measured
 * interleaved, so both meet the same load from elsewhere.
 * - In Chromium, the real page (test/browser/support/webviewPage.ts), a new browser context per
 *   sample: the scripts loaded before the entry ran (`ready`) and by the first diagram's `rendered`
 *   (Resource Timing), and navigation start → `rendered`.
 * - In VS Code: the Open Architecture Panel command run from the command palette → the `rendered`
 *   message reaching the extension host (the log line's own timestamp), one fresh session each.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDiagram } from '../src/core/diagrams';
import {
  renderInPage,
  startWebviewHarness,
  type PostedAt,
  type WebviewHarness,
} from '../test/browser/support/webviewPage';
import { cleanups, log } from './common';
import { stageProductionExtension } from './hostProbes';
import { hostMissing, openWorkbench } from './hostWorkbench';
import type { Options } from './options';
import { summarize, type Stats } from './stats';

/** The diagram the panel opens on (DEFAULT_DIAGRAM in src/panel/architecturePanel.ts). */
export const FIRST_DIAGRAM = 'container-architecture';
export const VARIANTS = ['split', 'single'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface PageLoadFigures {
  /**
   * Script bytes (as served, uncompressed) and files requested before the entry ran: its static
   * imports, and the page's modulepreloads (mermaid's core, the first diagram's type and layout).
   */
  initialBytes: number;
  initialFiles: number;
  /** …and by the time the first diagram was rendered. */
  firstDiagramBytes: number;
  firstDiagramFiles: number;
  /** Navigation start → the page posts `rendered`. */
  pageToRenderedMs: Stats;
  /** The webview's own figure: mermaid's render, message → SVG. */
  renderMs: Stats;
  /** Navigation start → the entry posts `ready` (page, scripts fetched, entry evaluated). */
  pageToReadyMs: Stats;
}

export interface PanelLoadFigures {
  diagram: string;
  browser?: Record<Variant, PageLoadFigures>;
  browserProblem?: string;
  /** Open Architecture Panel → `rendered` in the extension host, one figure per session. */
  vscode?: Record<Variant, number[]>;
  vscodeProblem?: string;
}

/** The old page loaded its one bundle with a classic script; the module attribute is what changed. */
const MODULE_SCRIPT = '<script type="module" ';
const asClassicScript = (text: string): string => {
  if (!text.includes(MODULE_SCRIPT)) throw new Error(`no ${MODULE_SCRIPT}…> in the page to make classic`);
  return text.split(MODULE_SCRIPT).join('<script ');
};

/**
 * The extension as it was before the split, beside the staged one: the same production build, with
 * dist/webview/ holding only main.js, the webview built with the old options (one minified IIFE),
 * and the panel's page loading it as a classic script.
 */
async function stageSingleBundleExtension(repo: string, splitDir: string): Promise<string> {
  const dir = `${splitDir}-single`;
  fs.cpSync(splitDir, dir, { recursive: true });
  const webviewDir = path.join(dir, 'dist', 'webview');
  fs.rmSync(webviewDir, { recursive: true, force: true });
  // No module list: the panel then names no modulepreloads, as before the split.
  fs.rmSync(path.join(dir, 'dist', 'webviewModules.json'), { force: true });
  await esbuild.build({
    absWorkingDir: repo,
    entryPoints: { main: 'src/webview/main.ts' },
    outdir: webviewDir,
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  });
  const panel = path.join(dir, 'dist', 'panel.js');
  fs.writeFileSync(panel, asClassicScript(fs.readFileSync(panel, 'utf8')));
  return dir;
}

const webviewPath = (url: string) => new URL(url).pathname;
type Scripts = PostedAt['scripts'];
const bytesOf = (scripts: Scripts) => scripts.reduce((sum, s) => sum + s.bytes, 0);
const filesOf = (scripts: Scripts) => new Set(scripts.map((s) => webviewPath(s.url))).size;

async function measurePageLoads(
  opts: Options,
  harnesses: Record<Variant, WebviewHarness>,
): Promise<Record<Variant, PageLoadFigures>> {
  const spec = buildDiagram(FIRST_DIAGRAM);
  const rounds = opts.quick ? 6 : 15;
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as PostedAt[][]])) as Record<Variant, PostedAt[][]>;
  const renders = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  for (let round = 0; round <= rounds; round++) {
    // Alternate which goes first, so neither always runs right after the other's page closed.
    for (const variant of round % 2 ? [...VARIANTS].reverse() : VARIANTS) {
      const r = await renderInPage(harnesses[variant], spec, 'light');
      await r.page.close();
      const rendered = r.posted.find((m) => m.type === 'rendered');
      if (!rendered) throw new Error(`${variant}: ${JSON.stringify(r.posted.at(-1))}`);
      if (round === 0) continue; // the first page of each warms Chromium
      samples[variant].push(r.timeline);
      renders[variant].push(Number(rendered.elapsedMs));
    }
  }
  const figures = (variant: Variant): PageLoadFigures => {
    const last = samples[variant].at(-1) ?? [];
    const readyAt = last.find((t) => t.type === 'ready')?.atMs ?? NaN;
    const byRendered = last.find((t) => t.type === 'rendered')?.scripts ?? [];
    const initial = byRendered.filter((s) => s.startMs < readyAt);
    const at = (type: string) => summarize(samples[variant].map((t) => t.find((m) => m.type === type)?.atMs ?? NaN));
    return {
      initialBytes: bytesOf(initial),
      initialFiles: filesOf(initial),
      firstDiagramBytes: bytesOf(byRendered),
      firstDiagramFiles: filesOf(byRendered),
      pageToRenderedMs: at('rendered'),
      renderMs: summarize(renders[variant]),
      pageToReadyMs: at('ready'),
    };
  };
  return { split: figures('split'), single: figures('single') };
}

/** `2026-12-02 13:01:02.345 [info] Rendered diagram …`: VS Code's log timestamp, local time. */
const RENDERED_LINE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[info\] Rendered diagram /;

/** One session: the command from the palette, then the first `rendered` logged by the extension host. */
async function commandToRendered(repo: string, extensionDir: string): Promise<number> {
  const workbench = await openWorkbench(repo, extensionDir);
  try {
    const { page } = workbench;
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
    await page.keyboard.type('Container Anatomy: Open Architecture Panel');
    await page.waitForTimeout(800); // the palette filters as it is typed
    const started = Date.now();
    await page.keyboard.press('Enter');
    const deadline = started + 60_000;
    while (Date.now() < deadline) {
      const line = workbench.ourLogLines().find((l) => RENDERED_LINE.test(l));
      const m = line ? RENDERED_LINE.exec(line) : null;
      if (m) return new Date(`${m[1]}T${m[2]}`).getTime() - started;
      await page.waitForTimeout(50);
    }
    throw new Error(`no "Rendered diagram" in the extension's log within 60 s (${workbench.logsRoot})`);
  } finally {
    await workbench.close();
  }
}

async function measureCommandToRendered(
  repo: string,
  opts: Options,
  dirs: Record<Variant, string>,
): Promise<Record<Variant, number[]>> {
  const out: Record<Variant, number[]> = { split: [], single: [] };
  const sessions = opts.quick ? 2 : 3;
  for (let i = 0; i < sessions; i++)
    for (const variant of i % 2 ? [...VARIANTS].reverse() : VARIANTS) {
      log(`panel: VS Code session ${i + 1}/${sessions}, ${variant} webview…`);
      out[variant].push(await commandToRendered(repo, dirs[variant]));
      log(`panel: ${variant}: command → rendered ${out[variant].at(-1)} ms`);
    }
  return out;
}

export async function measurePanelLoad(repo: string, opts: Options): Promise<PanelLoadFigures> {
  const figures: PanelLoadFigures = { diagram: FIRST_DIAGRAM };
  log('panel: staging the extension as built now, and with the single webview bundle it replaced…');
  const split = stageProductionExtension(repo);
  const dirs: Record<Variant, string> = { split, single: await stageSingleBundleExtension(repo, split) };
  try {
    if (!opts.skipBrowser) {
      const harnesses: Record<Variant, WebviewHarness> = {
        split: await startWebviewHarness({ webviewDir: path.join(dirs.split, 'dist', 'webview') }),
        single: await startWebviewHarness({
          webviewDir: path.join(dirs.single, 'dist', 'webview'),
          rewritePage: asClassicScript,
        }),
      };
      const close = () => Promise.all(VARIANTS.map((v) => harnesses[v].close())).then(() => undefined);
      cleanups.push(close);
      try {
        figures.browser = await measurePageLoads(opts, harnesses);
      } catch (e) {
        figures.browserProblem = e instanceof Error ? e.message : String(e);
      } finally {
        cleanups.splice(cleanups.indexOf(close), 1);
        await close();
      }
    }
    const missing = opts.skipHost ? 'skipped (--no-host)' : hostMissing(repo);
    if (missing) figures.vscodeProblem = missing;
    else
      figures.vscode = await measureCommandToRendered(repo, opts, dirs).catch((e: unknown) => {
        figures.vscodeProblem = e instanceof Error ? e.message.split('\n')[0] : String(e);
        return undefined;
      });
  } finally {
    for (const dir of Object.values(dirs)) fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
