// How the webview's ES modules load in Chromium, under the panel's own page and CSP: the page names in
// modulepreload links exactly the modules its first diagram imports (checked against a page without
// preloads, for every diagram the panel opens on); without them, the entry and its static imports
// (read from the built files here, not from esbuild's record), mermaid's core as one chunk, then only
// the chunks of the diagram type shown; no CSP violation on the way, while a script without the nonce
// is refused and reported.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { buildDiagram, containerAnatomyDiagram, containerUsageDiagram, DIAGRAMS } from '../../src/core/diagrams';
import { usageCharts } from '../../src/core/diagrams/usageChart';
import type { UsagePoint } from '../../src/core/usage/history';
import { modulesToPreload, readWebviewModules } from '../../src/panel/webviewModules';
import { busyHost, recordedSnapshot } from '../support/busyHost';
import type { DiagramPayload, HostMessage } from '../../src/shared/protocol';
import { renderInPage, startWebviewHarness } from './support/webviewPage';
import { useWebviewHarness } from './support/useWebviewHarness';
import { reachableModules } from '../support/moduleGraph';
import { repoRoot } from '../support/repoRoot';

const webviewDir = path.join(repoRoot(), 'dist', 'webview');
const readModule = (relative: string) => readFileSync(path.join(webviewDir, relative), 'utf8');
const WEBVIEW_PATH = '/dist/webview/';

const flowchart: DiagramPayload = {
  id: 'loading-flowchart',
  title: 'A flowchart',
  caption: ['', ''],
  source: 'flowchart TB\n  kernel["Linux kernel"] --> runtime["runtime"]',
};
const USAGE_HISTORY: UsagePoint[] = [
  { atMs: 0, workingSetBytes: 10 * 2 ** 20, memoryLimitBytes: 64 * 2 ** 20, cpuPercent: 2, cpus: 1 },
  { atMs: 2000, workingSetBytes: 12 * 2 ** 20, memoryLimitBytes: 64 * 2 ** 20, cpuPercent: 5, cpus: 1 },
];
const xychart: DiagramPayload = {
  id: 'loading-xychart',
  title: 'Usage',
  caption: ['', ''],
  source: usageCharts('web', USAGE_HISTORY).memory,
};

/** Mermaid's chunk for each diagram type is named after its module (esbuild's `[name]-[hash]`). */
const OTHER_TYPES = [
  'xychartDiagram-',
  'sequenceDiagram-',
  'ganttDiagram-',
  'classDiagram-',
  'erDiagram-',
  'blockDiagram-',
];

/** The webview modules a page requested, as paths relative to dist/webview/, in order. */
function recordScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (request.resourceType() === 'script' || pathname.endsWith('.js'))
      scripts.push(pathname.startsWith(WEBVIEW_PATH) ? pathname.slice(WEBVIEW_PATH.length) : pathname);
  });
  return scripts;
}

const sorted = (list: readonly string[]) => [...list].sort();

type Posted = Array<{ type: string; diagramId?: string }>;

/** Shows a diagram as the panel does, and waits until the page posts that it rendered it (or failed). */
async function showNext(
  page: Page,
  diagram: DiagramPayload,
  tabs: HostMessage['tabs'],
): Promise<Record<string, unknown>> {
  const before = await page.evaluate(() => (window as unknown as { __posted: Posted }).__posted.length);
  const message: HostMessage = { type: 'showDiagram', diagram, tabs };
  await page.evaluate((m) => window.postMessage(m, '*'), message);
  const handle = await page.waitForFunction(
    (from) =>
      (window as unknown as { __posted: Posted }).__posted
        .slice(from)
        .find((m) => m.type === 'rendered' || m.type === 'renderFailed'),
    before,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as Record<string, unknown>;
}

describe('the webview loads only what the shown diagram needs (ES modules in Chromium)', function () {
  this.timeout(120_000);
  const web = useWebviewHarness();
  const initial = reachableModules('main.js', readModule, false);
  const everything = reachableModules('main.js', readModule, true);

  it('a page preloads exactly the modules its first diagram needs: each diagram the panel opens on, against a page without preloads', async () => {
    const bare = await startWebviewHarness({ preload: false });
    const modules = readWebviewModules(path.dirname(webviewDir));
    assert.ok(modules, 'the build wrote dist/webviewModules.json');
    const s = recordedSnapshot();
    const key = s.containers.find((c) => c.name === 'anatomy-limits')!.key;
    const specs = [
      ...DIAGRAMS.map((d) => buildDiagram(d.id, d.id === 'live-host' ? busyHost(20) : undefined)),
      buildDiagram('live-host'), // before the first read: its placeholder
      containerAnatomyDiagram(s, key),
      containerUsageDiagram(s, key, USAGE_HISTORY, 2000),
    ];
    try {
      for (const spec of specs) {
        const what = `${spec.id}: ${spec.source.slice(0, 50)}`;
        // What the page imports when nothing is preloaded: the ground truth.
        const plain = await bare.browser.newPage({ viewport: { width: 1280, height: 900 } });
        const needed = recordScripts(plain);
        try {
          const r = await renderInPage(bare, spec, 'light', plain);
          assert.equal(r.posted.at(-1)?.type, 'rendered', `${what}: ${JSON.stringify(r.posted.at(-1))}`);
        } finally {
          await plain.close();
        }
        const page = await web.harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
        const requested = recordScripts(page);
        try {
          const r = await renderInPage(web.harness, spec, 'light', page);
          assert.equal(r.posted.at(-1)?.type, 'rendered', `${what}: ${JSON.stringify(r.posted.at(-1))}`);
          assert.deepEqual(r.cspViolations, [], `${what}: every preload and module under script-src nonce only`);
          assert.deepEqual(r.consoleErrors, [], what);
          const preloaded = modulesToPreload(modules, [spec.source, ...(spec.moreSources ?? [])]);
          assert.deepEqual(sorted(preloaded), sorted(needed.filter((m) => m !== modules.entry)), `${what}: preloaded`);
          // The preloads are the module fetches: none is fetched again when imported, nothing else is fetched.
          assert.equal(
            new Set(requested).size,
            requested.length,
            `${what}: no module fetched twice: ${requested.join(', ')}`,
          );
          assert.deepEqual(sorted(requested), sorted(needed), `${what}: requested with preloads`);
          // All of them were asked for before the entry ran (it posts ready from its top level).
          const ready = r.timeline.find((t) => t.type === 'ready');
          const rendered = r.timeline.find((t) => t.type === 'rendered');
          assert.ok(ready && rendered, what);
          const startedBeforeReady = rendered.scripts.filter((x) => x.startMs < ready.atMs).map((x) => x.url);
          assert.deepEqual(
            sorted(startedBeforeReady.map((u) => new URL(u).pathname.slice(WEBVIEW_PATH.length))),
            sorted(needed),
            `${what}: every module requested before the entry ran`,
          );
        } finally {
          await page.close();
        }
      }
    } finally {
      await bare.close();
    }
  });

  it('before the first diagram: the entry, its static imports and mermaid’s core; a flowchart then adds its own chunks, no other type’s', async () => {
    const bare = await startWebviewHarness({ preload: false });
    const page = await bare.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requested = recordScripts(page);
    try {
      const r = await renderInPage(bare, flowchart, 'light', page);
      assert.equal(r.posted.at(-1)?.type, 'rendered', JSON.stringify(r.posted));
      assert.deepEqual(r.consoleErrors, []);
      // The entry's static imports are loaded when it runs (it posts `ready` from its top level).
      const ready = r.timeline.find((t) => t.type === 'ready');
      assert.ok(ready, 'the page posted ready');
      const loadedAtReady = ready.scripts.map((s) => new URL(s.url).pathname.slice(WEBVIEW_PATH.length));
      for (const m of initial) assert.ok(loadedAtReady.includes(m), `${m}, a static import of the entry, is loaded`);
      assert.ok(!initial.some((m) => /flowDiagram-|mermaid\.core-/.test(m)), 'mermaid is not among the static imports');
      // Everything requested is one of the build's modules, each once, and the flowchart's chunk is among them.
      assert.deepEqual(
        requested.filter((m) => !everything.includes(m)),
        [],
        'only modules of dist/webview',
      );
      assert.equal(new Set(requested).size, requested.length, `no module fetched twice: ${requested.join(', ')}`);
      assert.ok(
        requested.some((m) => /^chunks\/flowDiagram-/.test(m)),
        `the flowchart's chunk: ${requested.join(', ')}`,
      );
      for (const other of OTHER_TYPES)
        assert.ok(!requested.some((m) => m.includes(other)), `no ${other} chunk for a flowchart`);
      assert.ok(requested.length < everything.length / 2, `${requested.length} of ${everything.length} modules`);
      // Mermaid's core is one chunk (scripts/webviewBuild.mjs), not a level of imports after another.
      const core = reachableModules(
        requested.find((m) => /^chunks\/mermaid\.core-/.test(m)) ?? 'missing',
        readModule,
        false,
      );
      assert.ok(core.length <= 4, `mermaid's core and its static imports: ${core.join(', ')}`);
    } finally {
      await page.close();
      await bare.close();
    }
  });

  it('another diagram type loads its chunks when shown; zoom, fit and tabs keep working', async () => {
    const page = await web.harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requested = recordScripts(page);
    try {
      const r = await renderInPage(web.harness, flowchart, 'dark', page);
      assert.equal(r.posted.at(-1)?.type, 'rendered', JSON.stringify(r.posted));
      const beforeSwitch = requested.length;
      assert.ok(!requested.some((m) => m.includes('xychartDiagram-')), 'no xychart chunk while a flowchart is shown');

      // The toolbar and the tabs are the entry's own code: they work before any other type is loaded.
      const zoomLabel = () => page.textContent('#zoom-reset');
      const fitted = await zoomLabel();
      await page.click('#zoom-in');
      assert.notEqual(await zoomLabel(), fitted, 'zoom in changes the scale');
      await page.click('#zoom-fit');
      assert.equal(await zoomLabel(), fitted, 'fit returns to the fitted scale');
      const tabs = [
        { id: flowchart.id, title: 'Flow' },
        { id: xychart.id, title: 'Usage' },
      ];
      const posted = await showNext(page, { ...flowchart }, tabs);
      assert.equal(posted.type, 'rendered');
      await page.click(`#tabs button:has-text("Usage")`);
      const selected = await page.evaluate(() =>
        (window as unknown as { __posted: Posted }).__posted.filter((m) => m.type === 'selectDiagram'),
      );
      assert.deepEqual(selected, [{ type: 'selectDiagram', diagramId: xychart.id }], 'the tab asks the host');

      // The host answers with the xychart: its chunk is fetched now, the entry and the core are not again.
      const rendered = await showNext(page, xychart, tabs);
      assert.equal(rendered.type, 'rendered', JSON.stringify(rendered));
      const fetchedForIt = requested.slice(beforeSwitch);
      assert.ok(
        fetchedForIt.some((m) => /^chunks\/xychartDiagram-/.test(m)),
        `the xychart's chunk on demand: ${fetchedForIt.join(', ')}`,
      );
      assert.ok(!fetchedForIt.includes('main.js'), 'the entry is not loaded again');
      assert.equal(new Set(requested).size, requested.length, `no module fetched twice: ${requested.join(', ')}`);
      assert.ok(await page.locator('#diagram svg').count(), 'the xychart is on screen');
      assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), []);
    } finally {
      await page.close();
    }
  });

  it('no CSP violation while the chunks load; a script without the nonce, even one of our own chunks, is refused', async () => {
    const r = await renderInPage(web.harness, flowchart, 'high-contrast');
    try {
      assert.equal(r.posted.at(-1)?.type, 'rendered', JSON.stringify(r.posted));
      assert.deepEqual(r.cspViolations, [], 'the entry and every chunk loaded under script-src nonce only');
      assert.deepEqual(r.consoleErrors, []);
      // The control: the same listener does hear a violation, so its silence above means something.
      // A chunk the page has not loaded (a module already loaded would be taken from the module map unfetched).
      const chunk = everything.find((m) => /^chunks\/xychartDiagram-/.test(m));
      assert.ok(chunk, 'the build has a chunk for the xychart');
      await r.page.evaluate((src) => {
        const inline = document.createElement('script');
        inline.textContent = 'window.__ran = true';
        document.body.append(inline);
        const foreign = document.createElement('script');
        foreign.type = 'module';
        foreign.src = src;
        document.body.append(foreign);
      }, `${WEBVIEW_PATH}${chunk}`);
      await r.page
        .waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.length >= 2, undefined, {
          timeout: 10_000,
        })
        .catch(() => undefined); // the assertions below say which one is missing
      const violations = await r.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      assert.ok(
        violations.some((v) => v.startsWith('script-src') && v.endsWith(`${WEBVIEW_PATH}${chunk}`)),
        `our own chunk, loaded without the nonce, is refused: ${violations.join('; ')}`,
      );
      assert.ok(
        violations.some((v) => /^script-src/.test(v) && / inline$/.test(v)),
        `an inline script is refused: ${violations.join('; ')}`,
      );
      assert.equal(await r.page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran), undefined);
    } finally {
      await r.page.close();
    }
  });
});
