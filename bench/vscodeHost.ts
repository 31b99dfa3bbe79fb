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
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

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

interface HostLib {
  repoRoot: string;
  sampleWorkspace: string;
  makeRunDir(): { dir: string; keep: boolean };
  findFreePort(preferred?: number): Promise<number>;
  startServer(o: {
    port: number;
    runDir: string;
    env?: NodeJS.ProcessEnv;
  }): Promise<{ child: { pid?: number }; url: string; logPath: string }>;
  launchBrowser(o?: { headless?: boolean }): Promise<import('playwright-core').Browser>;
  workbenchUrl(o: {
    port: number;
    folder?: string;
    extensionDevelopmentPath: string;
    inspectExtensionsPort?: number;
  }): string;
  cleanup(): Promise<void>;
}

function findFiles(dir: string, match: (p: string) => boolean, out: string[] = []): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const full = path.join(dir, n);
    if (fs.statSync(full).isDirectory()) findFiles(full, match, out);
    else if (match(full)) out.push(full);
  }
  return out;
}

/** Descendants of `root` (by ppid), from ps. */
function descendants(root: number): Array<{ pid: number; args: string }> {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const out: Array<{ pid: number; args: string }> = [];
  const frontier = [root];
  while (frontier.length) {
    const p = frontier.pop()!;
    for (const r of rows)
      if (r.ppid === p) {
        out.push(r);
        frontier.push(r.pid);
      }
  }
  return out;
}

/** CPU time (user + system, ms) of a process and its descendants, from /proc/<pid>/stat. */
function cpuTimeMs(root: number): number {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of [root, ...descendants(root).map((p) => p.pid)]) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
    } catch {
      /* exited */
    }
  }
  return total;
}

/**
 * Waits until the VS Code server, its extension host and the browser together use less than a fifth
 * of a core for two half-seconds in a row (or the deadline passes). Returns the time it took.
 */
async function waitUntilQuiet(deadlineMs: number): Promise<number> {
  const started = Date.now();
  // The server and Chromium are both children of this process.
  const sample = () => cpuTimeMs(process.pid);
  let last = sample();
  let quiet = 0;
  while (Date.now() - started < deadlineMs && quiet < 2) {
    await new Promise((r) => setTimeout(r, 500));
    const now = sample();
    quiet = now - last < 100 ? quiet + 1 : 0;
    last = now;
  }
  return Date.now() - started;
}

function statusKiB(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface ActivationProfileFigures {
  file: string;
  /** Sampled time from the click to the extension's activation. */
  windowMs: number;
  /** Samples whose stack passes through the extension's bundle: its module code and activate(). */
  inOwnCodeMs: number;
  /** The heaviest functions by self time in the window, `name file:line ms`. */
  topSelf: string[];
  /** The heaviest frames of the extension's own bundle, inclusive time. */
  topOwn: string[];
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools Protocol client over Node's WebSocket (Node 20: --experimental-websocket). */
class InspectorClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
      if (!waiter) return;
      this.pending.delete(msg.id!);
      if (msg.error) waiter.reject(new Error(msg.error.message));
      else waiter.resolve(msg.result);
    });
  }

  static async connect(port: number, deadlineMs: number): Promise<InspectorClient> {
    const WebSocketCtor = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    if (!WebSocketCtor) throw new Error('no WebSocket in this Node (run with --experimental-websocket)');
    const until = Date.now() + deadlineMs;
    let target: string | undefined;
    while (!target && Date.now() < until) {
      try {
        const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
          webSocketDebuggerUrl?: string;
        }>;
        target = list.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    if (!target) throw new Error(`the extension host's inspector did not answer on port ${port}`);
    const socket = new WebSocketCtor(target);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`could not connect to ${target}`)), { once: true });
    });
    return new InspectorClient(socket);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

function frameName(n: CpuProfile['nodes'][number]): string {
  return `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
}

/** Where the window's time went, and how much of it the extension's own bundle took. */
export function summarizeActivationProfile(
  profile: CpuProfile,
  ownUrlPart: string,
  file: string,
): ActivationProfileFigures {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<string, number>();
  const ownInclusiveUs = new Map<string, number>();
  let windowUs = 0;
  let ownUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    windowUs += dt;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName !== '(idle)') selfUs.set(frameName(leaf), (selfUs.get(frameName(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur)!;
      if (!node.callFrame.url.includes(ownUrlPart)) continue;
      const key = frameName(node);
      if (seen.size === 0) ownUs += dt;
      if (!seen.has(key)) ownInclusiveUs.set(key, (ownInclusiveUs.get(key) ?? 0) + dt);
      seen.add(key);
    }
  });
  const top = (m: Map<string, number>, count: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([k, us]) => `${k} ${(us / 1000).toFixed(1)} ms`);
  return {
    file,
    windowMs: windowUs / 1000,
    inOwnCodeMs: ownUs / 1000,
    topSelf: top(selfUs, 12),
    topOwn: top(ownInclusiveUs, 8),
  };
}

const PROBE_NAME = 'anatomy-a-probe';

/**
 * Event → tree, in VS Code: a created container is started with `docker start`, and the time runs
 * until the tree's row for it (named to sort first, so it is on screen) shows it running. The clock
 * starts when the command returns, a little after dockerd sends the `start` event, so the figure
 * slightly understates the latency; the debounce (150 ms by default) is included.
 */
async function measureEventToTree(page: import('playwright-core').Page, probes = 5): Promise<number[]> {
  const docker = (...args: string[]) =>
    execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const rowOf = async () =>
    (
      await page
        .locator('.monaco-list-row', { hasText: PROBE_NAME })
        .allTextContents()
        .catch(() => [] as string[])
    )[0];
  const waitFor = async (pred: (row: string | undefined) => boolean, ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (pred(await rowOf())) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return false;
  };
  const out: number[] = [];
  try {
    docker('rm', '-f', PROBE_NAME);
  } catch {
    /* absent */
  }
  try {
    docker(
      'create',
      '--label',
      'anatomy.bench=1',
      '--network',
      'none',
      '--name',
      PROBE_NAME,
      'anatomy-busybox:latest',
      'sleep',
      '1000000',
    );
    if (!(await waitFor((row) => row !== undefined && !/Up /.test(row), 15_000))) return out;
    for (let i = 0; i < probes; i++) {
      docker('start', PROBE_NAME);
      const t0 = performance.now();
      if (!(await waitFor((row) => row !== undefined && /Up /.test(row), 15_000))) break;
      out.push(Math.round(performance.now() - t0));
      docker('stop', '-t', '0', PROBE_NAME);
      if (!(await waitFor((row) => row !== undefined && !/Up /.test(row), 15_000))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    try {
      docker('rm', '-f', PROBE_NAME);
    } catch {
      /* gone */
    }
  }
  return out;
}

const FLOOR_EXTENSION_NAME = 'anatomy-activation-floor';

/** The floor extension, in the server's extensions folder (the server scans it at start). */
function installFloorExtension(extensionsDir: string): void {
  const dir = path.join(extensionsDir, `anatomy-bench.${FLOOR_EXTENSION_NAME}-0.0.1`);
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    name: FLOOR_EXTENSION_NAME,
    publisher: 'anatomy-bench',
    version: '0.0.1',
    engines: { vscode: '^1.100.0' },
    main: './floor.js',
    activationEvents: ['onView:containerAnatomy.containers'],
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(
    path.join(dir, 'floor.js'),
    "'use strict';\nconst vscode = require('vscode');\nexports.activate = function activate() { return { version: vscode.version }; };\n",
  );
}

/** The extension as the VSIX ships it: a production build with the manifest and media, in a temp folder. */
function stageProductionExtension(repo: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-bench-ext-'));
  execFileSync(process.execPath, ['scripts/build.mjs', '--production', '--outdir', path.join(dir, 'dist')], {
    cwd: repo,
    stdio: 'ignore',
    timeout: 300_000,
  });
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'media', 'syntaxes']) {
    if (fs.existsSync(path.join(repo, entry)))
      fs.cpSync(path.join(repo, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
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
  const libPath = path.join(repo, 'scripts', 'host', 'lib.mjs');
  const serverMain = path.join(
    repo,
    '.vscode-test',
    'code-server',
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'out',
    'server-main.js',
  );
  if (!fs.existsSync(serverMain))
    return {
      reason: 'the VS Code host is not installed (run scripts/host/install-host.sh)',
      treeNote: 'not measured inside VS Code',
    };
  if (!fs.existsSync(path.join(repo, 'dist', 'extension.js')))
    return { reason: 'dist/extension.js missing (npm run build)', treeNote: 'not measured inside VS Code' };
  const lib = (await import(pathToFileURL(libPath).href)) as HostLib;
  const extensionDir = stageProductionExtension(repo);
  try {
    const run = lib.makeRunDir();
    installFloorExtension(path.join(run.dir, 'extensions'));
    const logsRoot = path.join(run.dir, 'user-data', 'logs');
    const ourLogLines = () =>
      findFiles(logsRoot, (p) => p.endsWith('Container Anatomy.log')).flatMap((f) =>
        fs.readFileSync(f, 'utf8').split('\n'),
      );
    const port = await lib.findFreePort();
    const inspectPort = await lib.findFreePort();
    const server = await lib.startServer({ port, runDir: run.dir, env: process.env });
    const browser = await lib.launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(
      lib.workbenchUrl({
        port,
        folder: lib.sampleWorkspace,
        extensionDevelopmentPath: extensionDir,
        inspectExtensionsPort: options.profile ? inspectPort : undefined,
      }),
    );
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    // Click only once the workbench and the extension host have settled: on two cores, activation
    // timed while Chromium and the host still start up measures their contention, not the extension.
    const settledAfterMs = await waitUntilQuiet(30_000);
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

    const hosts = server.child.pid
      ? descendants(server.child.pid).filter((p) => p.args.includes('--type=extensionHost'))
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
    await lib.cleanup();
    fs.rmSync(extensionDir, { recursive: true, force: true });
  }
}
