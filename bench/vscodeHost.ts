/**
 * Activation time and extension host memory in the real VS Code host: scripts/host/lib.mjs starts
 * code-server's VS Code server and Debian's Chromium; the workbench opens the sample folder with
 * this repository as the extension under development (dist/extension.js as built); the bench clicks
 * the Container Anatomy activity bar item so the Containers view opens (which activates the
 * extension and reads every engine), then reads:
 * - activation: VS Code's own figure from Developer: Show Running Extensions (code loading plus the
 *   activate() call), and the extension's own split, which it logs when activate() ends: the
 *   bundle's evaluation and activate() itself, timed with performance.now().
 * - peak RSS: VmHWM in /proc/<pid>/status of the extension host process (`--type=extensionHost`)
 *   once the tree shows the bench containers.
 * - an activation profile: the extension host is started with its V8 inspector on
 *   (`inspect-extensions`), the bench connects to it and records a CPU profile from just before the
 *   click until the extension has activated; test-results/profiles/activation.cpuprofile, and the
 *   time spent in the extension's own code (module evaluation and activate(), callees included)
 *   against the whole window.
 * The extension measured is a production build (`scripts/build.mjs --production`, as packaged in the
 * VSIX) staged in a temporary folder with the manifest and media, not the development dist/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  InspectorClient,
  summarizeActivationProfile,
  type ActivationProfileFigures,
  type CpuProfile,
} from './activationProfile';
import { descendants, statusKiB } from './hostProcesses';
import { hostMissing, openWorkbench, type Workbench } from './hostWorkbench';
import {
  FLOOR_EXTENSION_NAME,
  installFloorExtension,
  measureEventToTree,
  stageProductionExtension,
} from './hostProbes';

export interface HostFigures {
  /** `docker start` returned → the container's row in VS Code's tree says it runs (one per probe). */
  eventToTreeMs?: number[];
  /** How long after the workbench loaded the server, host and browser went quiet (then the click). */
  settledAfterMs?: number;
  /** activate() itself, timed by the extension and logged (performance.now()). */
  activateCallMs?: number;
  /** From the bundle's first module to the end of its last (src/loadClock.ts). */
  bundleEvaluationMs?: number;
  profileProblem?: string;
  peakRssMiB?: number;
  rssMiB?: number;
  containersListed?: number;
  treeShownMs?: number;
  /** VS Code's own figure, from Developer: Show Running Extensions (the row of this extension). */
  runningExtensionsRow?: string;
  runningExtensionsMs?: number;
  /**
   * The floor: VS Code's figure for an extension that only requires `vscode` and returns from an
   * empty activate(), installed beside ours and activated by the same click.
   */
  floorExtensionMs?: number;
  /** Each session's figures when several were run (bench/main.ts reports the median session). */
  sessions?: Array<
    Pick<HostFigures, 'runningExtensionsMs' | 'floorExtensionMs' | 'bundleEvaluationMs' | 'activateCallMs' | 'reason'>
  >;
  rowsSeen?: string[];
  screenshot?: string;
  /** From the activation CPU profile (see the header). */
  activationProfile?: ActivationProfileFigures;
  reason?: string;
  treeNote: string;
}

/**
 * `profile`: attach the V8 profiler to the extension host around activation. Its sampling slows the
 * extension host down, so the bench takes its figures from a run without it and the profile from a
 * second run.
 */
export async function measureVsCodeHost(
  repo = process.cwd(),
  options: { profile?: boolean } = {},
): Promise<HostFigures> {
  const missing = hostMissing(repo);
  if (missing) return { reason: missing, treeNote: 'not measured inside VS Code' };
  if (!fs.existsSync(path.join(repo, 'dist', 'extension.js')))
    return { reason: 'dist/extension.js missing (npm run build)', treeNote: 'not measured inside VS Code' };
  const extensionDir = stageProductionExtension(repo);
  let workbench: Workbench | undefined;
  try {
    workbench = await openWorkbench(repo, extensionDir, {
      inspectExtensions: options.profile,
      prepare: (runDir) => installFloorExtension(path.join(runDir, 'extensions')),
    });
    const { page, settledAfterMs, logsRoot, ourLogLines, inspectPort } = workbench;
    let inspector: InspectorClient | undefined;
    let profileProblem: string | undefined;
    try {
      if (!options.profile) throw new Error('not asked for');
      inspector = await InspectorClient.connect(inspectPort, 30_000);
      await inspector.send('Profiler.enable');
      await inspector.send('Profiler.setSamplingInterval', { interval: 100 });
      await inspector.send('Profiler.start');
    } catch (e) {
      profileProblem = e instanceof Error ? e.message : String(e);
      inspector?.close();
      inspector = undefined;
    }
    const opened = Date.now();
    const item = page.locator('.activitybar [aria-label^="Container Anatomy"]').first();
    await item.click({ timeout: 30_000 });
    const activatedDeadline = Date.now() + 30_000;
    while (Date.now() < activatedDeadline && !ourLogLines().some((l) => l.includes('Container Anatomy activated')))
      await page.waitForTimeout(50);
    let activationProfile: ActivationProfileFigures | undefined;
    if (inspector) {
      try {
        const { profile } = await inspector.send<{ profile: CpuProfile }>('Profiler.stop');
        const file = path.join(repo, 'test-results', 'profiles', 'activation.cpuprofile');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(profile));
        activationProfile = summarizeActivationProfile(profile, `${extensionDir}/dist/`, path.relative(repo, file));
      } catch (e) {
        profileProblem = e instanceof Error ? e.message : String(e);
      } finally {
        inspector.close();
      }
    }
    // The tree: wait until a row names a bench container (the docker node may need expanding).
    let treeShownMs: number | undefined;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const texts = await page
        .locator('.monaco-list-row')
        .allTextContents()
        .catch(() => [] as string[]);
      if (texts.some((t) => t.includes('anatomy-bench-'))) {
        treeShownMs = Date.now() - opened;
        break;
      }
      const collapsedDocker = page.locator('.monaco-list-row[aria-expanded="false"]', { hasText: /docker/i }).first();
      if ((await collapsedDocker.count()) > 0) await collapsedDocker.click().catch(() => {});
      await page.waitForTimeout(500);
    }
    await page.waitForTimeout(3000);
    const eventToTreeMs = treeShownMs !== undefined ? await measureEventToTree(page) : [];
    // The extension's own log of the session (its event and refresh lines at the debug level), to
    // read the event → tree figure against.
    fs.mkdirSync(path.join(repo, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'test-results', 'bench-extension.log'), ourLogLines().join('\n'));
    const rowsSeen = (
      await page
        .locator('.monaco-list-row')
        .allTextContents()
        .catch(() => [] as string[])
    ).slice(0, 30);
    const screenshot = path.join(repo, 'test-results', 'bench-vscode-host.png');
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot }).catch(() => {});

    // VS Code's own activation figure: Developer: Show Running Extensions.
    let runningExtensionsRow: string | undefined;
    let floorExtensionRow: string | undefined;
    try {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
      await page.keyboard.type('Developer: Show Running Extensions');
      await page.waitForTimeout(800);
      await page.keyboard.press('Enter');
      const row = page
        .locator('.monaco-list-row', { hasText: /container-anatomy|Container Anatomy/ })
        .filter({ hasText: /Activation/ })
        .first();
      await row.waitFor({ timeout: 15_000 });
      // The activation figure's tooltip splits it (activation event, code loading, activate() call).
      const titles = await row
        .locator('[title]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))
        .catch(() => [] as string[]);
      await row
        .locator('text=/Activation/')
        .first()
        .hover()
        .catch(() => {});
      await page.waitForTimeout(1500);
      const hoverText = await page
        .locator('.monaco-hover, .workbench-hover')
        .allTextContents()
        .catch(() => [] as string[]);
      runningExtensionsRow = [(await row.textContent())?.replace(/\s+/g, ' ').trim(), ...titles, ...hoverText]
        .filter(Boolean)
        .join(' | ');
      const floorRow = page
        .locator('.monaco-list-row', { hasText: FLOOR_EXTENSION_NAME })
        .filter({ hasText: /Activation/ })
        .first();
      await floorRow.waitFor({ timeout: 5_000 }).catch(() => {});
      floorExtensionRow = (await floorRow.textContent().catch(() => null))?.replace(/\s+/g, ' ').trim();
      await page.screenshot({ path: path.join(repo, 'test-results', 'bench-running-extensions.png') }).catch(() => {});
    } catch (e) {
      runningExtensionsRow = `unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
      await page.screenshot({ path: path.join(repo, 'test-results', 'bench-running-extensions.png') }).catch(() => {});
    }
    const reMs =
      runningExtensionsRow && !runningExtensionsRow.startsWith('unavailable')
        ? /Activation:\s*(\d+(?:\.\d+)?)\s*ms/.exec(runningExtensionsRow)
        : null;

    // The extension's own split, logged at the end of activate().
    const doneLine = ourLogLines().find((l) => l.includes('Container Anatomy activated'));
    const own = doneLine ? /activate\(\) ([\d.]+) ms; bundle evaluation ([\d.]+) ms/.exec(doneLine) : null;

    const hosts = workbench.serverPid
      ? descendants(workbench.serverPid).filter((p) => p.args.includes('--type=extensionHost'))
      : [];
    const hwm = hosts.map((h) => statusKiB(h.pid, 'VmHWM')).filter((v): v is number => v !== undefined);
    const rss = hosts.map((h) => statusKiB(h.pid, 'VmRSS')).filter((v): v is number => v !== undefined);
    const rows = await page
      .locator('.monaco-list-row')
      .allTextContents()
      .catch(() => [] as string[]);
    const figures: HostFigures = {
      settledAfterMs,
      eventToTreeMs,
      activateCallMs: own ? Number(own[1]) : undefined,
      bundleEvaluationMs: own ? Number(own[2]) : undefined,
      activationProfile,
      profileProblem,
      peakRssMiB: hwm.length ? Math.max(...hwm) / 1024 : undefined,
      rssMiB: rss.length ? Math.max(...rss) / 1024 : undefined,
      containersListed: rows.filter((t) => t.includes('anatomy-bench-')).length || undefined,
      treeShownMs,
      runningExtensionsRow,
      runningExtensionsMs: reMs ? Number(reMs[1]) : undefined,
      floorExtensionMs: floorExtensionRow
        ? Number(/Activation:\s*(\d+(?:\.\d+)?)\s*ms/.exec(floorExtensionRow)?.[1] ?? NaN) || undefined
        : undefined,
      rowsSeen,
      screenshot,
      treeNote:
        treeShownMs !== undefined
          ? `in VS Code the Containers view showed a bench container ${treeShownMs} ms after its activity bar item was clicked (activation, first full read and render included)`
          : 'the Containers view did not show a bench container within 90 s',
      reason: !own
        ? `the extension's "activated" log line was not found in ${logsRoot}`
        : hwm.length === 0
          ? 'no --type=extensionHost process found under the server'
          : undefined,
    };
    return figures;
  } finally {
    await workbench?.close();
    fs.rmSync(extensionDir, { recursive: true, force: true });
  }
}
