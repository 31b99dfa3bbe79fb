import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { architectureHtml } from '../../../src/panel/html';
import { modulesToPreload, readWebviewModules, type WebviewModules } from '../../../src/panel/webviewModules';
import { diagramPayload, type DiagramPayload, type ThemeKind } from '../../../src/shared/protocol';
import type { DiagramSpec } from '../../../src/core/diagrams';
import { repoRoot } from '../../support/repoRoot';

/**
 * Serves the panel's real page (the same HTML builder, CSP and webview bundle the extension uses) on
 * loopback and drives it in Debian's Chromium. Only `acquireVsCodeApi` is stood in for: in VS Code
 * the webview host provides it; here an init script records what the page posts.
 */

const repo = repoRoot();
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface WebviewHarness {
  browser: Browser;
  origin: string;
  /** The build's module list (dist/webviewModules.json beside the served folder), if it has one and preloads. */
  modules: WebviewModules | undefined;
  /**
   * A page URL that opens on a diagram of these sources: its HTML names the same modulepreloads the
   * panel names for it (none for a build without a module list).
   */
  pageUrl(sources: readonly string[]): string;
  close(): Promise<void>;
}

export interface WebviewHarnessOptions {
  /** The folder served as /dist/webview/ (the entry main.js and its chunks); default the repo's dist/webview. */
  webviewDir?: string;
  /** Rewrites the page before it is served (the bench loads the old single bundle as a classic script). */
  rewritePage?: (html: string) => string;
  /**
   * false: pages name no modulepreloads, so they request only what their modules import (the
   * loading test's ground truth for what a diagram needs). Default true, as the panel does.
   */
  preload?: boolean;
}

/** A path below /dist/webview/ as a file of dir, or undefined if it would leave dir. */
function webviewFile(dir: string, pathname: string): string | undefined {
  const prefix = '/dist/webview/';
  if (!pathname.startsWith(prefix)) return undefined;
  const file = path.resolve(dir, `.${pathname.slice(prefix.length - 1)}`);
  return file.startsWith(path.resolve(dir) + path.sep) && file.endsWith('.js') ? file : undefined;
}

export async function startWebviewHarness(options: WebviewHarnessOptions = {}): Promise<WebviewHarness> {
  const webviewDir = options.webviewDir ?? path.join(repo, 'dist', 'webview');
  const rewritePage = options.rewritePage ?? ((html: string) => html);
  const modules = options.preload === false ? undefined : readWebviewModules(path.dirname(webviewDir));
  const pageSources = new Map<string, readonly string[]>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const sources = pageSources.get(url.searchParams.get('page') ?? '') ?? [];
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        rewritePage(
          architectureHtml({
            cspSource: origin,
            scriptUri: `${origin}/dist/webview/main.js`,
            preloadUris: modules ? modulesToPreload(modules, sources).map((m) => `${origin}/dist/webview/${m}`) : [],
            styleUri: `${origin}/media/panel.css`,
          }),
        ),
      );
      return;
    }
    if (url.pathname === '/blank') {
      // An empty page of the same origin: the bench's render profile attaches the profiler here first.
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>blank</title>');
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.statusCode = 204; // Chromium asks for it on its own; the webview never does.
      res.end();
      return;
    }
    const file =
      url.pathname === '/media/panel.css'
        ? path.join(repo, 'media', 'panel.css')
        : webviewFile(webviewDir, url.pathname);
    let body: Buffer | undefined;
    try {
      body = file ? readFileSync(file) : undefined;
    } catch {
      body = undefined;
    }
    if (!body) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', url.pathname.endsWith('.js') ? 'text/javascript' : 'text/css');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let pages = 0;
  return {
    browser,
    origin,
    modules,
    pageUrl(sources) {
      const id = String(++pages);
      pageSources.set(id, sources);
      return `${origin}/?page=${id}`;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RenderedDiagram {
  page: Page;
  svg: string;
  svgText: string;
  posted: Array<Record<string, unknown>>;
  consoleErrors: string[];
  cspViolations: string[];
  /** Set by a script of the page if any injected payload ever ran. */
  injectedScriptRan: boolean;
  /** Each message the page posted: when (ms since navigation start) and the scripts it had loaded by then. */
  timeline: PostedAt[];
}

export interface PostedAt {
  type: string;
  atMs: number;
  /**
   * Resource Timing's script entries so far (those whose response has ended): URL, body bytes as
   * served (the harness does not compress) and when the request started (ms since navigation start).
   */
  scripts: Array<{ url: string; bytes: number; startMs: number }>;
}

const THEME_CLASS: Record<ThemeKind, string> = {
  light: 'vscode-light',
  dark: 'vscode-dark',
  'high-contrast': 'vscode-high-contrast',
  'high-contrast-light': 'vscode-high-contrast-light',
};

/**
 * Opens the page, answers its `ready` with the diagram, and waits for the SVG or a failure. `page`
 * is a page already open (the bench's render profile attaches the profiler to it first).
 */
export async function renderInPage(
  harness: WebviewHarness,
  built: DiagramPayload | DiagramSpec,
  theme: ThemeKind = 'light',
  existingPage?: Page,
  /** `--vscode-*` variables set on the page's root, as VS Code sets them from the colour theme. */
  cssVariables: Record<string, string> = {},
): Promise<RenderedDiagram> {
  // As the panel sends it: a built diagram's container nodes by id only.
  const diagram = 'nodeContainers' in built ? diagramPayload(built) : built;
  const page = existingPage ?? (await harness.browser.newPage({ viewport: { width: 1280, height: 900 } }));
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.addInitScript(
    ({ diagram, themeClass, cssVariables }) => {
      const w = window as unknown as Record<string, unknown>;
      w.__posted = [];
      w.__timeline = [];
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (w.__csp as string[]).push(`${e.violatedDirective} ${e.blockedURI}`),
      );
      w.acquireVsCodeApi = () => ({
        postMessage(message: { type: string }) {
          (w.__posted as unknown[]).push(message);
          const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
            .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
            .map((e) => ({ url: e.name, bytes: e.decodedBodySize, startMs: e.startTime }));
          (w.__timeline as unknown[]).push({ type: message.type, atMs: performance.now(), scripts });
          if (message.type === 'ready') {
            document.body.className = themeClass;
            for (const [name, value] of Object.entries(cssVariables))
              document.documentElement.style.setProperty(name, value);
            window.postMessage({ type: 'showDiagram', diagram, tabs: [{ id: diagram.id, title: 'Tab' }] }, '*');
          }
        },
        setState() {},
        getState() {
          return undefined;
        },
      });
    },
    { diagram, themeClass: THEME_CLASS[theme], cssVariables },
  );
  await page.goto(harness.pageUrl([diagram.source, ...(diagram.moreSources ?? [])]));
  await page.waitForFunction(
    () =>
      ((window as unknown as { __posted: Array<{ type: string }> }).__posted ?? []).some(
        (m) => m.type === 'rendered' || m.type === 'renderFailed',
      ),
    undefined,
    { timeout: 30_000 },
  );
  const posted = (await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)) as Array<
    Record<string, unknown>
  >;
  const cspViolations = (await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)) as string[];
  const svg =
    (await page
      .locator('#diagram svg')
      .first()
      .evaluate((e) => e.outerHTML)
      .catch(() => '')) ?? '';
  const svgText =
    (await page
      .locator('#diagram svg')
      .first()
      .textContent()
      .catch(() => '')) ?? '';
  const injectedScriptRan = await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned === true);
  const timeline = await page.evaluate(() => (window as unknown as { __timeline: PostedAt[] }).__timeline);
  return { page, svg, svgText, posted, consoleErrors, cspViolations, injectedScriptRan, timeline };
}
