/**
 * `node scripts/bench.mjs --profile-render [--n 100] [--runs 5] [--snapshot FILE] [--diagram ID] [--webview DIR] [--plain] [--screenshot FILE]`:
 * renders the live diagram of a host with N containers (or, with --diagram, one of the guide's) in
 * the real webview page in Chromium, with the V8 CPU profiler on (Chrome DevTools Protocol) from
 * navigation to `rendered`, and writes one .cpuprofile per run to test-results/profiles/ for
 * bench/topProfile.mjs. --webview serves another build's dist/webview (a production build, as the
 * panel bench stages one). FILE is a HostSnapshot JSON (`container-anatomy
 * --json` on a host with the bench containers); without it the host is SYNTHETIC, shaped like the
 * bench's: N busybox containers on `--network none`, plus a few that share namespaces or have limits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { HostSnapshot } from '../src/core/model';
import { buildDiagram, isDiagramId } from '../src/core/diagrams';
import { liveHostDiagram } from '../src/core/diagrams/liveHost';
import { container } from '../test/support/snapshots';
import { renderInPage, startWebviewHarness } from '../test/browser/support/webviewPage';
import { repoRoot } from '../test/support/repoRoot';
import { fmtStats, summarize } from './stats';

function syntheticHost(n: number): HostSnapshot {
  const kinds = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
  const ns = (base: number, shared: Partial<Record<(typeof kinds)[number], string>> = {}) => ({
    entries: kinds.map((kind, i) => ({
      kind,
      read: { state: 'ok' as const, inode: base + i },
      verdict: shared[kind]
        ? { kind: 'shared' as const, withKeys: [shared[kind]!] }
        : kind === 'user' || kind === 'time' || kind === 'cgroup'
          ? { kind: 'host' as const }
          : { kind: 'isolated' as const },
    })),
  });
  const containers = [
    container({ id: 'owner', name: 'anatomy-netowner', namespaces: ns(10, { net: 'docker::joiner' }) }),
    container({ id: 'joiner', name: 'anatomy-netjoiner', namespaces: ns(20, { net: 'docker::owner' }) }),
    container({
      id: 'limits',
      name: 'anatomy-limits',
      namespaces: ns(30),
      cgroup: {
        version: '1',
        path: '/docker/limits',
        memory: { limitBytes: 64 * 1024 * 1024 },
        cpu: { cpus: 0.5 },
        pids: { limit: 50 },
      },
    }),
  ];
  for (let i = 0; i < n; i++) {
    containers.push(
      container({
        id: `bench${i}`,
        name: `anatomy-bench-${i}`,
        namespaces: ns(1000 + 10 * i),
        cgroup: { version: '1', path: `/docker/bench${i}` },
      }),
    );
  }
  return {
    takenAt: new Date().toISOString(),
    host: { cgroupVersion: 'hybrid', namespaces: { self: {}, pid1: {}, pid1Unreadable: 'EACCES' }, isRoot: true },
    runtimes: [
      {
        kind: 'docker',
        endpoint: 'unix:///var/run/docker.sock',
        status: { state: 'ok' },
        version: '20.10.24',
        chain: [
          { name: 'docker', version: '28.2.2', role: 'cli' },
          { name: 'dockerd', version: '20.10.24', role: 'engine' },
          { name: 'containerd', version: '1.6.20', role: 'cri' },
          { name: 'runc', version: '1.1.5', role: 'oci' },
        ],
      },
    ],
    containers,
  };
}

async function stopProfiler(cdp: CDPSession, file: string): Promise<void> {
  const { profile } = await cdp.send('Profiler.stop');
  fs.writeFileSync(file, JSON.stringify(profile));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const n = Number(opt('--n') ?? 100);
  const runs = Number(opt('--runs') ?? 5);
  const snapshotFile = opt('--snapshot');
  // --plain: the same renders without the profiler, whose sampling slows them down.
  const plain = argv.includes('--plain');
  // --screenshot FILE: a PNG of the last render, to look at the layout.
  const screenshot = opt('--screenshot');
  const snapshot: HostSnapshot = snapshotFile ? JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) : syntheticHost(n);
  const guideDiagram = opt('--diagram');
  if (guideDiagram && !isDiagramId(guideDiagram)) throw new Error(`--diagram: no diagram ${guideDiagram}`);
  const spec = guideDiagram && isDiagramId(guideDiagram) ? buildDiagram(guideDiagram) : liveHostDiagram(snapshot);
  const webviewDir = opt('--webview');
  const outDir = path.join(repoRoot(), 'test-results', 'profiles');
  fs.mkdirSync(outDir, { recursive: true });
  console.log(
    guideDiagram
      ? `${guideDiagram}: mermaid source ${spec.source.length} chars`
      : `${snapshotFile ?? `synthetic host, N=${n}`}: ${snapshot.containers.length} containers, mermaid source ${spec.source.length} chars`,
  );

  const harness = await startWebviewHarness(webviewDir ? { webviewDir } : {});
  const elapsed: number[] = [];
  try {
    // The profiler is attached to a page of the harness's own origin before the webview page loads
    // there (same origin: same renderer process), so the whole render — mermaid's parse, layout,
    // label measuring, DOMPurify — is in the profile. The first run warms Chromium and is not kept.
    for (let i = 0; i <= runs; i++) {
      const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${harness.origin}/blank`);
      const cdp = plain ? undefined : await page.context().newCDPSession(page);
      await cdp?.send('Profiler.enable');
      await cdp?.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp?.send('Profiler.start');
      const rendered = await renderInPage(harness, spec, 'light', page);
      const file = path.join(outDir, `render-${guideDiagram ?? `n${n}`}-${i}.cpuprofile`);
      if (cdp) await stopProfiler(cdp, file);
      if (i === runs && screenshot) await page.screenshot({ path: screenshot, fullPage: true });
      await page.close();
      const msg = rendered.posted.find((m) => m.type === 'rendered' || m.type === 'renderFailed');
      if (msg?.type !== 'rendered') throw new Error(`render failed: ${JSON.stringify(msg)}`);
      if (i === 0) continue;
      elapsed.push(Number(msg.elapsedMs));
      const at = (type: string) => rendered.timeline.find((t) => t.type === type)?.atMs ?? NaN;
      console.log(
        `run ${i}: render ${Number(msg.elapsedMs).toFixed(0)} ms; navigation → ready ${at('ready').toFixed(0)} ms, → rendered ${at('rendered').toFixed(0)} ms${cdp ? ` → ${path.relative(repoRoot(), file)}` : ''}`,
      );
    }
  } finally {
    await harness.close();
  }
  console.log(`render (webview elapsedMs): ${fmtStats(summarize(elapsed))}`);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
