/**
 * The usage over time charts rendered by the real webview bundle and CSP in Chromium: two xycharts
 * (memory in MiB, CPU in percent) stacked as one SVG, each with its measured line and its limit
 * line where the limit is, in the theme's chart colours, a hostile name shown as literal text.
 * Where the limit line sits is checked against the y-axis's own tick labels in the rendered SVG.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { containerUsageDiagram } from '../../src/core/diagrams';
import type { HostSnapshot } from '../../src/core/model';
import type { UsagePoint } from '../../src/core/usage/history';
import type { ThemeKind } from '../../src/shared/protocol';
import { renderInPage } from './support/webviewPage';
import { screenshotPath, useWebviewHarness } from './support/useWebviewHarness';
import { container, hostileSnapshot, HOSTILE_TEXTS } from '../support/snapshots';

const MiB = 1024 * 1024;

/** Thirty samples 2 s apart: a working set growing from 10 to 39 MiB under 64 MiB, CPU near its 0.5 CPU. */
const HISTORY: UsagePoint[] = Array.from({ length: 30 }, (_, i) => ({
  atMs: 100_000 + i * 2000,
  workingSetBytes: (10 + i) * MiB,
  memoryLimitBytes: 64 * MiB,
  cpuPercent: i === 0 ? undefined : 40 + (i % 5) * 2,
  cpus: 0.5,
}));

function snapshotWith(name: string): { snapshot: HostSnapshot; key: string } {
  const snapshot = hostileSnapshot();
  const c = container({
    id: 'u1',
    name,
    cgroup: { version: '1', path: '/docker/u1', memory: { limitBytes: 64 * MiB }, cpu: { cpus: 0.5 } },
  });
  snapshot.containers.push(c);
  return { snapshot, key: c.key };
}

interface Plot {
  stroke: string;
  ys: number[];
  xs: number[];
}

/** Each chart's line plots (mermaid's `g.line-plot-N > path`), read from the path data. */
async function plotsOf(page: Page): Promise<Plot[][]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('#diagram > svg > svg')).map((chart) =>
      Array.from(chart.querySelectorAll('g[class^="line-plot-"] path')).map((p) => {
        const numbers = (p.getAttribute('d') ?? '').match(/-?[\d.]+(e-?\d+)?/g)!.map(Number);
        return {
          stroke: getComputedStyle(p).stroke,
          xs: numbers.filter((_, i) => i % 2 === 0),
          ys: numbers.filter((_, i) => i % 2 === 1),
        };
      }),
    ),
  );
}

/** The left axis's tick labels of one chart: their value and where they are drawn. */
async function yTicks(page: Page, chart: number): Promise<Array<{ value: number; y: number }>> {
  return page.evaluate((index) => {
    const svg = document.querySelectorAll('#diagram > svg > svg')[index];
    return Array.from(svg.querySelectorAll('g.left-axis g.label text')).map((t) => {
      const m = /translate\(\s*[-\d.]+\s*,\s*([-\d.]+)/.exec(t.getAttribute('transform') ?? '');
      return { value: Number(t.textContent), y: m ? Number(m[1]) : Number(t.getAttribute('y')) };
    });
  }, chart);
}

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const CHART_COLOURS: Partial<Record<ThemeKind, { plot: string; limit: string }>> = {
  light: { plot: '#1a85ff', limit: '#e51400' },
  dark: { plot: '#3794ff', limit: '#f14c4c' },
};

describe('usage over time rendered by the webview bundle in Chromium', function () {
  this.timeout(120_000);
  const web = useWebviewHarness();

  for (const theme of ['light', 'dark'] as ThemeKind[]) {
    it(`memory against its 64 MiB limit and CPU against its quota, as two stacked charts (${theme})`, async () => {
      const { snapshot, key } = snapshotWith('usage-web');
      const spec = containerUsageDiagram(snapshot, key, HISTORY, 2000);
      const r = await renderInPage(web.harness, spec, theme);
      try {
        assert.deepEqual(r.consoleErrors, []);
        assert.deepEqual(r.cspViolations, []);
        assert.ok(r.svg.startsWith('<svg'), JSON.stringify(r.posted));
        const plots = await plotsOf(r.page);
        assert.equal(plots.length, 2, 'two charts in one SVG');
        for (const [i, chart] of plots.entries()) {
          assert.equal(chart.length, 2, `chart ${i}: the measured line and the limit line`);
          const [measured, limit] = chart;
          assert.equal(measured.ys.length, i === 0 ? 30 : 29, 'one point per sample (CPU from the second)');
          assert.equal(new Set(limit.ys).size, 1, 'the limit is a flat line');
          assert.ok(Math.max(...measured.ys) > limit.ys[0], 'every sample is below the limit (SVG y grows down)');
          assert.equal(measured.stroke, rgb(CHART_COLOURS[theme]!.plot));
          assert.equal(limit.stroke, rgb(CHART_COLOURS[theme]!.limit));
        }
        // The limit line is drawn where the y-axis's own labels put 64 MiB; the memory line rises.
        const ticks = (await yTicks(r.page, 0)).filter((t) => Number.isFinite(t.value));
        assert.ok(ticks.length >= 2, JSON.stringify(ticks));
        const [low, high] = [ticks[0], ticks[ticks.length - 1]];
        const yOf = (mib: number) => low.y + ((mib - low.value) / (high.value - low.value)) * (high.y - low.y);
        const [memory, memoryLimit] = plots[0];
        assert.ok(Math.abs(memoryLimit.ys[0] - yOf(64)) < 2, `limit at ${memoryLimit.ys[0]}, 64 MiB at ${yOf(64)}`);
        assert.ok(Math.abs(memory.ys[0] - yOf(10)) < 2 && Math.abs(memory.ys[29] - yOf(39)) < 2);
        for (const text of [
          'usage-web: memory working set against its limit',
          'working set, now 39 MiB',
          'limit 64 MiB',
          'usage-web: CPU, 100 % is one CPU against its quota',
          'quota 0.5 CPU (50 %)',
          'seconds ago',
          '-54',
        ])
          assert.ok(r.svgText.includes(text), `${JSON.stringify(text)} in ${r.svgText.slice(0, 400)}`);
        // Every third sample labelled (30 samples, at most 12 labels), the newest always: no overlap.
        const xLabels = await r.page.evaluate(() =>
          Array.from(document.querySelectorAll('#diagram > svg > svg:first-child g.bottom-axis g.label text'))
            .map((t) => t.textContent!.replace(/\u200b/g, ''))
            .filter((t) => t !== ''),
        );
        assert.deepEqual(xLabels, ['-54', '-48', '-42', '-36', '-30', '-24', '-18', '-12', '-6', '0']);
        await r.page.screenshot({ path: screenshotPath(`usage-chart-${theme}.png`) });
      } finally {
        await r.page.close();
      }
    });
  }

  it('a hostile container name is drawn as literal text in both titles and runs nothing', async () => {
    const { snapshot, key } = snapshotWith(`${HOSTILE_TEXTS[0]} ${HOSTILE_TEXTS[1]}`);
    const r = await renderInPage(web.harness, containerUsageDiagram(snapshot, key, HISTORY, 2000), 'dark');
    try {
      assert.deepEqual(r.consoleErrors, []);
      assert.deepEqual(r.cspViolations, []);
      assert.equal(r.injectedScriptRan, false);
      const titles = await r.page.evaluate(() =>
        Array.from(document.querySelectorAll('#diagram g.chart-title text')).map((t) => t.textContent),
      );
      assert.equal(titles.length, 2, JSON.stringify(titles));
      // The name is cut to 60 characters in a title; what is shown is the name's own text.
      const shown = `${HOSTILE_TEXTS[0]} ${HOSTILE_TEXTS[1]}`.slice(0, 59);
      for (const title of titles) assert.ok(title!.startsWith(shown), JSON.stringify(title));
      const injected = await r.page.evaluate(
        () => document.querySelectorAll('#diagram svg img, #diagram svg script, #diagram svg a').length,
      );
      assert.equal(injected, 0);
    } finally {
      await r.page.close();
    }
  });

  it('with one sample, or for a stopped container, says so instead of drawing a chart', async () => {
    const { snapshot, key } = snapshotWith('usage-web');
    const one = await renderInPage(web.harness, containerUsageDiagram(snapshot, key, HISTORY.slice(0, 1), 2000));
    try {
      assert.ok(one.svgText.includes('Sampling usage-web every 2 s'), one.svgText);
      assert.equal(await one.page.locator('g[class^="line-plot-"]').count(), 0);
    } finally {
      await one.page.close();
    }
    snapshot.containers.find((c) => c.key === key)!.state = 'exited';
    const stopped = await renderInPage(web.harness, containerUsageDiagram(snapshot, key, HISTORY, 2000));
    try {
      assert.ok(stopped.svgText.includes('usage-web is exited: no usage to sample'), stopped.svgText);
    } finally {
      await stopped.page.close();
    }
  });
});
