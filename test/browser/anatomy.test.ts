import * as assert from 'node:assert/strict';
import { containerAnatomyDiagram, liveHostDiagram } from '../../src/core/diagrams';
import type { HostSnapshot } from '../../src/core/model';
import type { ThemeKind } from '../../src/shared/protocol';
import { fitsViewport, labelOverflows } from './support/layoutChecks';
import { DARK_MODERN } from './support/themes';
import { renderInPage } from './support/webviewPage';
import { screenshotPath, useWebviewHarness } from './support/useWebviewHarness';
import { hostileSnapshot, HOSTILE_TEXTS } from '../support/snapshots';
import { recordedSnapshot } from '../support/busyHost';

function keyOf(s: HostSnapshot, name: string): string {
  return s.containers.find((c) => c.name === name)!.key;
}

function assertNoOverflow(check: { measured: number; overflowing: string[] }): void {
  assert.ok(check.measured > 0, 'labels were measured');
  assert.deepEqual(check.overflowing, []);
}

describe("a container's anatomy rendered by the webview bundle in Chromium", function () {
  this.timeout(120_000);
  const web = useWebviewHarness();

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`the anatomy of a container sharing its network with another fits on opening, nothing overflows (${theme})`, async () => {
      const s = recordedSnapshot();
      const spec = containerAnatomyDiagram(s, keyOf(s, 'anatomy-netjoiner'));
      const page = await web.harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
      const r = await renderInPage(web.harness, spec, theme, page, theme === 'dark' ? DARK_MODERN : {});
      try {
        assert.deepEqual(r.consoleErrors, []);
        assert.deepEqual(r.cspViolations, []);
        assert.ok(r.svg.startsWith('<svg'), JSON.stringify(r.posted));
        for (const text of [
          'net: shared with anatomy-netowner',
          'anatomy-netowner',
          'One shared Linux kernel',
          'Started by',
        ])
          assert.ok(r.svgText.includes(text), text);
        assertNoOverflow(await labelOverflows(r.page));
        const fit = await fitsViewport(r.page);
        assert.ok(fit.fits, fit.detail);
        const zoomText = await r.page.textContent('#zoom-reset');
        assert.ok(Number(zoomText!.replace('%', '')) <= 100, `fitted, never enlarged: ${zoomText}`);
        await r.page.screenshot({ path: screenshotPath(`anatomy-netjoiner-${theme}.png`) });
      } finally {
        await r.page.close();
      }
    });
  }

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`the live host of the engine set-up fits on opening, says the defaults once, nothing overflows (${theme})`, async () => {
      const spec = liveHostDiagram(recordedSnapshot());
      const page = await web.harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
      const r = await renderInPage(web.harness, spec, theme, page, theme === 'dark' ? DARK_MODERN : {});
      try {
        assert.deepEqual(r.consoleErrors, []);
        assert.ok(r.svgText.includes('Unless drawn otherwise, every container here'));
        assert.ok(!r.svgText.includes('host ns:'));
        assertNoOverflow(await labelOverflows(r.page));
        const fit = await fitsViewport(r.page);
        assert.ok(fit.fits, fit.detail);
        await r.page.screenshot({ path: screenshotPath(`live-host-engine-setup-${theme}.png`) });
      } finally {
        await r.page.close();
      }
    });
  }

  it("draws in the VS Code theme's own colours: node fill and border from the --vscode-* variables", async () => {
    const s = recordedSnapshot();
    const page = await web.harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const r = await renderInPage(
      web.harness,
      containerAnatomyDiagram(s, keyOf(s, 'anatomy-netjoiner')),
      'dark',
      page,
      DARK_MODERN,
    );
    try {
      const style = await r.page.evaluate(() => {
        const rect = document.querySelector('#diagram svg g.node rect')!;
        const cs = getComputedStyle(rect);
        return { fill: cs.fill, stroke: cs.stroke };
      });
      // #202020 and #0078d4 as the browser reports colours.
      assert.equal(style.fill, 'rgb(32, 32, 32)');
      assert.equal(style.stroke, 'rgb(0, 120, 212)');
    } finally {
      await r.page.close();
    }
  });

  it('clicking a container node posts its node id only; the webview attached the handler, no mermaid click', async () => {
    const s = recordedSnapshot();
    for (const spec of [containerAnatomyDiagram(s, keyOf(s, 'anatomy-netjoiner')), liveHostDiagram(s)]) {
      const r = await renderInPage(web.harness, spec, 'light');
      try {
        const nodeIds = Object.keys(spec.nodeContainers ?? {});
        assert.ok(nodeIds.length > 0);
        const target = nodeIds[0];
        const node = r.page.locator(`#diagram svg g.node[data-container-node="${target}"]`);
        assert.equal(await node.count(), 1, `${target} made clickable`);
        assert.match((await node.getAttribute('aria-label')) ?? '', /^Open the anatomy of /);
        await node.click();
        await node.press('Enter');
        const posted = (await r.page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)) as Array<
          Record<string, unknown>
        >;
        const opened = posted.filter((m) => m.type === 'openContainerNode');
        assert.deepEqual(opened, [
          { type: 'openContainerNode', diagramId: spec.id, nodeId: target },
          { type: 'openContainerNode', diagramId: spec.id, nodeId: target },
        ]);
        const clickable = await r.page.locator('#diagram svg [data-container-node]').count();
        assert.equal(clickable, nodeIds.length, 'every container node, and nothing else');
      } finally {
        await r.page.close();
      }
    }
  });

  it('hostile names in an anatomy stay literal text and run nothing', async () => {
    const s = hostileSnapshot();
    const r = await renderInPage(web.harness, containerAnatomyDiagram(s, s.containers[0].key), 'dark');
    try {
      assert.deepEqual(r.consoleErrors, []);
      assert.equal(r.injectedScriptRan, false);
      assert.ok(r.svgText.includes(HOSTILE_TEXTS[0]), 'the name shown literally');
      const injected = await r.page.evaluate(
        () =>
          document.querySelectorAll('#diagram svg img, #diagram svg script, #diagram svg a, #diagram svg iframe')
            .length,
      );
      assert.equal(injected, 0);
    } finally {
      await r.page.close();
    }
  });
});
