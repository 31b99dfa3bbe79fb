/** The live diagram rendered in Chromium through the real webview bundle. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { liveHostDiagram } from '../src/core/diagrams';
import type { HostSnapshot } from '../src/core/model';
import { renderInPage, startWebviewHarness, type WebviewHarness } from '../test/browser/support/webviewPage';
import { cleanups, log, repo } from './common';
import type { Options } from './options';
import { summarize, type Stats } from './stats';

export interface RenderFigures {
  n: number;
  containersInSnapshot: number;
  sourceChars: number;
  /** Posted by the webview: mermaid render of the diagram, from message to SVG. */
  renderMs: Stats;
  /** From page navigation to `rendered` (loading the bundle included). */
  pageToRenderedMs: Stats;
  svgBytes: number;
  failed?: string;
}

export async function measureRenders(opts: Options, snapshots: Map<number, HostSnapshot>): Promise<RenderFigures[]> {
  if (!fs.existsSync(path.join(repo, 'dist', 'webview', 'main.js'))) {
    log('dist/webview/main.js missing: running node scripts/build.mjs');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: 'inherit' });
  }
  const harness: WebviewHarness = await startWebviewHarness();
  const closeHarness = () => harness.close();
  cleanups.push(closeHarness);
  const out: RenderFigures[] = [];
  try {
    for (const [n, snapshot] of snapshots) {
      const spec = liveHostDiagram(snapshot);
      const runs = opts.quick ? 3 : 5;
      const render: number[] = [];
      const wall: number[] = [];
      let svgBytes = 0;
      let failed: string | undefined;
      for (let i = 0; i < runs + 1; i++) {
        const t = performance.now();
        const r = await renderInPage(harness, spec, 'light');
        const elapsedWall = performance.now() - t;
        const msg = r.posted.find((m) => m.type === 'rendered' || m.type === 'renderFailed');
        await r.page.close();
        if (msg?.type !== 'rendered') {
          failed = JSON.stringify(msg);
          break;
        }
        if (i === 0) continue; // the first page load warms Chromium's caches
        render.push(Number(msg.elapsedMs));
        wall.push(elapsedWall);
        svgBytes = Number(msg.svgBytes);
      }
      out.push({
        n,
        containersInSnapshot: snapshot.containers.length,
        sourceChars: spec.source.length,
        renderMs: summarize(render),
        pageToRenderedMs: summarize(wall),
        svgBytes,
        failed,
      });
    }
  } finally {
    const i = cleanups.indexOf(closeHarness);
    if (i >= 0) cleanups.splice(i, 1);
    await harness.close();
  }
  return out;
}
