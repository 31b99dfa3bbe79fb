import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildDiagram, DIAGRAM_IDS, liveHostDiagram, type DiagramId } from '../../src/core/diagrams';
import { fitsViewport, labelOverflows, smallestTextPx } from './support/layoutChecks';
import { THEME_VARIABLES, THEMES } from './support/themes';
import { busyHost, recordedSnapshot } from '../support/busyHost';
import { renderInPage } from './support/webviewPage';
import { screenshotPath, useWebviewHarness } from './support/useWebviewHarness';
import { container, hostileSnapshot, HOSTILE_TEXTS } from '../support/snapshots';

/** Labels each diagram must show once rendered (proves the text survived Mermaid). */
const EXPECTED_LABELS: Record<DiagramId, string[]> = {
  'vm-architecture': ['Hypervisor', 'Guest OS: Ubuntu 22.04', 'Windows Server', 'Physical server'],
  'container-architecture': ['One shared Linux kernel', 'Container runtime', 'Redis', 'Nginx'],
  'runtime-layers': ['containerd', 'CRI-O', 'runc', 'crun', 'gVisor runsc', 'nerdctl', 'CRI (gRPC)', 'conmon'],
  'namespaces-cgroups': ['what a process can SEE', 'what a process can USE', 'pid:', 'memory:'],
  startup: ['30 to 60 s', 'under 1 s', 'Create namespaces', 'Set cgroup limits'],
  'decision-guide': ['Use a VM', 'Use containers', 'Runs untrusted code?'],
  'containers-in-vms': ['Hypervisor', 'tenant A', 'tenant B'],
  'live-host': ['anatomy-netjoiner', 'anatomy-limits'],
};

/**
 * The smallest text a fitted diagram may show, in CSS pixels. Mermaid draws its labels at 16 px; 10 px
 * (the panel fitting a diagram to 5/8 of its size) is below VS Code's own smallest UI text (11 px in
 * the status bar), and under it a label stops being readable without zooming in, which is what
 * fit-to-view is meant to spare.
 */
const MIN_TEXT_PX = 10;

/**
 * The live host of a busy host (20 and 300 containers) is held to the same floor: 11.5 px at 20 and
 * 10.7 px at 300 when this was written (24 drawn per engine, the rest counted; a pod or compose
 * project of one drawn container named in its box rather than framed; before that, 9.8 and 8.1 px).
 */
const BUSY_HOST_MIN_TEXT_PX = MIN_TEXT_PX;

/** The panel as it opens in an editor column of a 1400×900 window's worth of room. */
const VIEWPORT = { width: 1400, height: 900 };

async function assertLaidOut(page: Page, what: string): Promise<void> {
  const labels = await labelOverflows(page);
  assert.ok(labels.measured > 0, `${what}: labels were measured`);
  assert.deepEqual(labels.overflowing, [], `${what}: no label overflows its box`);
  const fit = await fitsViewport(page);
  assert.ok(fit.fits, `${what}: ${fit.detail}`);
  const text = await smallestTextPx(page);
  assert.ok(text.px >= MIN_TEXT_PX, `${what}: smallest text ${text.px.toFixed(1)} px ("${text.label}")`);
}

describe('diagrams rendered by the webview bundle in Chromium', function () {
  this.timeout(120_000);
  const web = useWebviewHarness();

  for (const id of DIAGRAM_IDS) {
    for (const theme of THEMES) {
      it(`${id} (${theme}) renders with its labels, fits the panel when opened, readable, nothing overflowing`, async () => {
        const spec = buildDiagram(id, recordedSnapshot());
        const page = await web.harness.browser.newPage({ viewport: VIEWPORT });
        const r = await renderInPage(web.harness, spec, theme, page, THEME_VARIABLES[theme]);
        try {
          assert.deepEqual(r.consoleErrors, []);
          assert.deepEqual(r.cspViolations, []);
          assert.ok(r.svg.startsWith('<svg'), `an SVG was rendered (posted: ${JSON.stringify(r.posted)})`);
          for (const label of EXPECTED_LABELS[id])
            assert.ok(r.svgText.includes(label), `"${label}" in the rendered SVG`);
          await r.page.screenshot({ path: screenshotPath(`diagram-${id}-${theme}.png`) });
          await assertLaidOut(r.page, `${id} ${theme}`);
        } finally {
          await r.page.close();
        }
      });
    }
  }

  it('the start-up sequences read as the guide does: the VM above the container', async () => {
    const page = await web.harness.browser.newPage({ viewport: VIEWPORT });
    const r = await renderInPage(web.harness, buildDiagram('startup', recordedSnapshot()), 'light', page);
    try {
      const tops = await r.page.evaluate(() => {
        const top = (title: string) =>
          Array.from(document.querySelectorAll('g.cluster'))
            .find((g) => g.textContent?.includes(title))
            ?.getBoundingClientRect().top;
        return { vm: top('Virtual machine'), container: top('Container: under 1 s') };
      });
      assert.ok(tops.vm !== undefined && tops.container !== undefined, JSON.stringify(tops));
      assert.ok(tops.vm < tops.container, `VM group at ${tops.vm} px, container group at ${tops.container} px`);
    } finally {
      await r.page.close();
    }
  });

  for (const n of [1, 20, 300]) {
    describe(`the live host with ${n} container(s), fitted to the panel`, () => {
      let rendered: Awaited<ReturnType<typeof renderInPage>> | undefined;
      const snapshot = busyHost(n);
      const spec = liveHostDiagram(snapshot);
      before(async () => {
        const page = await web.harness.browser.newPage({ viewport: VIEWPORT });
        rendered = await renderInPage(web.harness, spec, 'dark', page, THEME_VARIABLES.dark);
        await page.screenshot({ path: screenshotPath(`live-host-n${n}-dark.png`) });
      });
      after(async () => rendered?.page.close());

      it('renders whole, nothing overflowing, the rest counted past the cap', async () => {
        const r = rendered!;
        assert.equal(snapshot.containers.length, n);
        assert.deepEqual(r.consoleErrors, []);
        assert.ok(r.svg.startsWith('<svg'), JSON.stringify(r.posted));
        const labels = await labelOverflows(r.page);
        assert.ok(labels.measured > 0);
        assert.deepEqual(labels.overflowing, []);
        const fit = await fitsViewport(r.page);
        assert.ok(fit.fits, fit.detail);
        // Past the diagram's cap the rest is counted, not drawn: drawn plus counted is every running container.
        const running = snapshot.containers.filter((c) => c.state === 'running').length;
        const drawn = new Set(Object.values(spec.nodeContainers ?? {})).size;
        if (drawn < running)
          assert.ok(r.svgText.includes(`+${running - drawn} more`), `${drawn} drawn of ${running}, the rest counted`);
        else assert.ok(!r.svgText.includes(' more'), 'all drawn, nothing counted');
      });

      const floor = n === 1 ? MIN_TEXT_PX : BUSY_HOST_MIN_TEXT_PX;
      it(`its smallest text is at least ${floor} px`, async () => {
        const text = await smallestTextPx(rendered!.page);
        assert.ok(text.px >= floor, `smallest text ${text.px.toFixed(1)} px ("${text.label}")`);
      });
    });
  }

  it('the live diagram shows hostile container names, images and pod names as literal text and runs none of them', async () => {
    const spec = liveHostDiagram(hostileSnapshot());
    const r = await renderInPage(web.harness, spec, 'dark');
    try {
      assert.deepEqual(r.consoleErrors, []);
      assert.deepEqual(r.cspViolations, []);
      assert.equal(r.injectedScriptRan, false, 'no injected script ran');
      for (const text of HOSTILE_TEXTS) assert.ok(r.svgText.includes(text), `${JSON.stringify(text)} shown literally`);
      // Nothing from the payloads became markup: no img, script, or link elements in the SVG.
      const injected = await r.page.evaluate(
        () =>
          document.querySelectorAll('#diagram svg img, #diagram svg script, #diagram svg a, #diagram svg iframe')
            .length,
      );
      assert.equal(injected, 0);
      await r.page.screenshot({ path: screenshotPath('diagram-live-host-hostile-dark.png'), fullPage: true });
    } finally {
      await r.page.close();
    }
  });

  it('a name with bidirectional controls is drawn with them as visible codes, never as reordering characters', async () => {
    const spoof = 'web\u202Enimda\u202C\u2066x\u2069';
    const snapshot = hostileSnapshot();
    snapshot.containers.push(container({ id: 'e5', name: spoof }));
    const r = await renderInPage(web.harness, liveHostDiagram(snapshot), 'light');
    try {
      assert.deepEqual(r.consoleErrors, []);
      assert.doesNotMatch(r.svgText, /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      assert.ok(r.svgText.includes('web\\u202enimda\\u202c\\u2066x\\u2069'), 'the codes are shown as text');
    } finally {
      await r.page.close();
    }
  });

  it('re-renders in the new colours when VS Code switches the theme', async () => {
    const r = await renderInPage(web.harness, buildDiagram('container-architecture'), 'light');
    try {
      const before = r.svg;
      await r.page.evaluate(() => (document.body.className = 'vscode-dark'));
      await r.page.waitForFunction(
        () =>
          (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'rendered')
            .length >= 2,
        undefined,
        { timeout: 15_000 },
      );
      const after = await r.page
        .locator('#diagram svg')
        .first()
        .evaluate((e) => e.outerHTML);
      assert.notEqual(after, before, 'the SVG was redrawn');
      // Mermaid's dark theme paints node backgrounds dark; the light one does not.
      const fill = await r.page
        .locator('#diagram svg .node rect, #diagram svg .node polygon')
        .first()
        .evaluate((e) => getComputedStyle(e).fill);
      const [red, green, blue] = (fill.match(/\d+/g) ?? ['255', '255', '255']).map(Number);
      assert.ok(red + green + blue < 3 * 128, `dark node fill, got ${fill}`);
    } finally {
      await r.page.close();
    }
  });
});
