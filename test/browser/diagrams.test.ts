import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { buildDiagram, GUIDE_DIAGRAM_IDS, liveHostDiagram } from '../../src/core/diagrams';
import type { ThemeKind } from '../../src/shared/protocol';
import { fitsViewport, overflowingLabels } from './support/layoutChecks';
import { renderInPage, startWebviewHarness, type WebviewHarness } from './support/webviewPage';
import { container, hostileSnapshot, HOSTILE_TEXTS } from '../support/snapshots';
import { repoRoot } from '../support/repoRoot';

const screenshots = path.join(repoRoot(), 'test-results', 'screenshots');

/** Labels each guide diagram must show once rendered (proves the text survived Mermaid). */
const EXPECTED_LABELS: Record<(typeof GUIDE_DIAGRAM_IDS)[number], string[]> = {
  'vm-architecture': ['Hypervisor', 'Guest OS: Ubuntu 22.04', 'Windows Server', 'Physical server'],
  'container-architecture': ['One shared Linux kernel', 'Container runtime', 'Redis', 'Nginx'],
  'runtime-layers': ['containerd', 'CRI-O', 'runc', 'crun', 'gVisor runsc', 'nerdctl', 'CRI (gRPC)'],
  'namespaces-cgroups': ['what a process can SEE', 'what a process can USE', 'pid:', 'memory:'],
  startup: ['30 to 60 s', 'under 1 s', 'Create namespaces', 'Set cgroup limits'],
  'decision-guide': ['Use a VM', 'Use containers', 'Runs untrusted code?'],
  'containers-in-vms': ['Hypervisor', 'tenant A', 'tenant B'],
};

describe('diagrams rendered by the webview bundle in Chromium', function () {
  this.timeout(120_000);
  let harness: WebviewHarness;

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  for (const id of GUIDE_DIAGRAM_IDS) {
    for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
      it(`${id} renders as an SVG with its labels in the ${theme} theme, with no errors or CSP violations`, async () => {
        const spec = buildDiagram(id);
        const r = await renderInPage(harness, spec, theme);
        try {
          assert.deepEqual(r.consoleErrors, []);
          assert.deepEqual(r.cspViolations, []);
          assert.ok(r.svg.startsWith('<svg'), `an SVG was rendered (posted: ${JSON.stringify(r.posted)})`);
          for (const label of EXPECTED_LABELS[id])
            assert.ok(r.svgText.includes(label), `"${label}" in the rendered SVG`);
          // Opened fitted to the panel, with no label spilling out of its box.
          const fit = await fitsViewport(r.page);
          assert.ok(fit.fits, fit.detail);
          assert.deepEqual(await overflowingLabels(r.page), []);
          await r.page.screenshot({ path: path.join(screenshots, `diagram-${id}-${theme}.png`), fullPage: true });
        } finally {
          await r.page.close();
        }
      });
    }
  }

  it('the live diagram shows hostile container names, images and pod names as literal text and runs none of them', async () => {
    const spec = liveHostDiagram(hostileSnapshot());
    const r = await renderInPage(harness, spec, 'dark');
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
      await r.page.screenshot({ path: path.join(screenshots, 'diagram-live-host-hostile-dark.png'), fullPage: true });
    } finally {
      await r.page.close();
    }
  });

  it('a name with bidirectional controls is drawn with them as visible codes, never as reordering characters', async () => {
    const spoof = 'web\u202Enimda\u202C\u2066x\u2069';
    const snapshot = hostileSnapshot();
    snapshot.containers.push(container({ id: 'e5', name: spoof }));
    const r = await renderInPage(harness, liveHostDiagram(snapshot), 'light');
    try {
      assert.deepEqual(r.consoleErrors, []);
      assert.doesNotMatch(r.svgText, /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      assert.ok(r.svgText.includes('web\\u202enimda\\u202c\\u2066x\\u2069'), 'the codes are shown as text');
    } finally {
      await r.page.close();
    }
  });

  it('re-renders in the new colours when VS Code switches the theme', async () => {
    const r = await renderInPage(harness, buildDiagram('container-architecture'), 'light');
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
