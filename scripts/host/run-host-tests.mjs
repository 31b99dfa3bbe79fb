// `npm run test:host`: runs out/test/host/index.js inside a REAL VS Code extension host (the VS Code
// server from the npm package code-server, driven by Debian's Chromium through playwright-core), on
// a machine with no internet. Prints the host's log lines and ends with `N passed, N failed`.
//
// A small CONTROL endpoint on 127.0.0.1 gives tests what only the page has: screenshots, key presses and the
// text (and <svg> markup) of every frame, nested webview frames included. Its URL reaches the
// extension host through the server's environment (CONTAINER_ANATOMY_TEST_CONTROL).
//
// Environment: HOST_TEST_TIMEOUT_MS (default 600000), HOST_VERBOSE=1 (also echo the server's
// output and the page's console), HOST_KEEP_TMP=1 (keep the run folder with the server's logs).
// HOST_TEST_GREP=<pattern> runs only the matching host tests (development only).
// HOST_AS_USER=<user> runs the VS Code server as that ordinary user in the docker group (as root
// only; test/host/ordinaryUser.test.ts runs then, with the ground truth read here as root).
/* global document -- framesText() evaluates a function inside each browser frame */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import {
  cleanup,
  ensureInstalled,
  findFreePort,
  installExitHandlers,
  launchBrowser,
  log,
  makeRunDir,
  onCleanup,
  repoRoot,
  requireFile,
  sampleWorkspace,
  startServer,
  workbenchUrl,
} from './lib.mjs';

const timeoutMs = Number(process.env.HOST_TEST_TIMEOUT_MS ?? 600_000);
const verbose = process.env.HOST_VERBOSE === '1';
const testsIndex = join(repoRoot, 'out', 'test', 'host', 'index.js');
const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');
/** The line test/host/index.ts prints when mocha is done. */
const resultPattern = /HOST-RESULT (\{[^}]*\})/;

installExitHandlers();
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let page; // set once the browser is up; the control endpoint needs it
let result; // { passed, failed } from the tests module

/** Full-page PNG of the workbench under test-results/screenshots/<name>.png. */
async function screenshot(name) {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new Error(`bad screenshot name: ${JSON.stringify(name)}`);
  if (!page) throw new Error('no page yet');
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Every frame's URL and innerText, plus the outerHTML of the <svg> elements in it. page.frames()
 * includes nested (and out-of-process) frames, which is where a webview's content lives: VS Code
 * puts each webview in an iframe that holds another iframe with the extension's HTML.
 */
async function framesText() {
  if (!page) throw new Error('no page yet');
  const frames = [];
  for (const frame of page.frames()) {
    try {
      const content = await frame.evaluate(() => ({
        text: document.body ? document.body.innerText : '',
        svgs: Array.from(document.querySelectorAll('svg'), (svg) => svg.outerHTML),
      }));
      frames.push({ url: frame.url(), name: frame.name(), main: frame === page.mainFrame(), ...content });
    } catch (err) {
      // A frame can detach or navigate between listing and evaluating; report, don't fail.
      frames.push({
        url: frame.url(),
        name: frame.name(),
        main: frame === page.mainFrame(),
        text: '',
        svgs: [],
        error: String(err?.message ?? err),
      });
    }
  }
  return frames;
}

function readBody(req) {
  return new Promise((resolvePromise, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Types into whatever has the focus in the workbench (a quick pick's filter box), then presses
 * keys: what a user does, for tests of pick lists an extension cannot read back.
 */
async function keyboard({ type, press }) {
  if (!page) throw new Error('no page yet');
  if (typeof type === 'string') await page.keyboard.type(type);
  for (const key of Array.isArray(press) ? press : []) await page.keyboard.press(String(key));
}

/** The control endpoint: POST /screenshot {name}, POST /frames-text, POST /keyboard {type, press}. Loopback only. */
async function startControl() {
  const server = createServer(async (req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method !== 'POST') return reply(405, { error: 'POST only' });
      const raw = await readBody(req);
      const body = raw ? JSON.parse(raw) : {};
      if (req.url === '/screenshot') {
        const path = await screenshot(String(body.name ?? ''));
        log(`screenshot saved: ${path}`);
        return reply(200, { path });
      }
      if (req.url === '/frames-text') return reply(200, { frames: await framesText() });
      if (req.url === '/keyboard') {
        await keyboard(body);
        return reply(200, {});
      }
      return reply(404, { error: `unknown endpoint ${req.url}` });
    } catch (err) {
      return reply(500, { error: String(err?.stack ?? err) });
    }
  });
  await new Promise((r) => server.listen({ host: '127.0.0.1', port: 0 }, r));
  onCleanup(
    () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return `http://127.0.0.1:${server.address().port}`;
}

function onHostLine(line) {
  const match = resultPattern.exec(line);
  if (match) {
    try {
      const parsed = JSON.parse(match[1]);
      if (Number.isInteger(parsed.passed) && Number.isInteger(parsed.failed)) result = parsed;
    } catch {
      // Not our line after all (e.g. a log message quoting it); keep looking.
    }
  }
}

/**
 * HOST_AS_USER=<user>: the environment of a server run as that ordinary user, and the ground truth
 * it may not read itself: every running Docker container's /proc/PID/ns links and this host's own,
 * read here as root into a file the tests get in CONTAINER_ANATOMY_NS_TRUTH.
 */
function ordinaryUserEnv(user, dir) {
  const uid = execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim();
  const kinds = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'];
  const links = (pid) => Object.fromEntries(kinds.map((k) => [k, readlinkSync(`/proc/${pid}/ns/${k}`)]));
  const ids = execFileSync('docker', ['ps', '-q'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const containers = {};
  if (ids.length > 0)
    for (const line of execFileSync('docker', ['inspect', '-f', '{{.Name}} {{.State.Pid}}', ...ids], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean)) {
      const [name, pid] = line.replace(/^\//, '').split(' ');
      try {
        if (Number(pid) > 0) containers[name] = { pid: Number(pid), ns: links(pid) };
      } catch {
        // stopped between the list and the read (other containers come and go): not a known case
      }
    }
  const truth = join(dir, 'ns-truth.json');
  writeFileSync(truth, JSON.stringify({ self: links('self'), containers }), { mode: 0o644 });
  chownSync(truth, Number(uid), Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim()));
  const home = execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).split(':')[5];
  return {
    HOME: home,
    USER: user,
    LOGNAME: user,
    XDG_RUNTIME_DIR: `/run/user/${uid}`,
    CONTAINER_ANATOMY_NS_TRUTH: truth,
  };
}

async function main() {
  requireFile(testsIndex, 'build the tests first: node scripts/build.mjs --tests');
  requireFile(join(repoRoot, 'dist', 'extension.js'), 'build the extension first: node scripts/build.mjs');
  await ensureInstalled();

  const runDir = makeRunDir();
  const controlUrl = await startControl();
  const port = await findFreePort();
  log(`starting VS Code server on 127.0.0.1:${port} (control endpoint ${controlUrl})`);
  const asUser = process.env.HOST_AS_USER;
  const server = await startServer({
    port,
    runDir: runDir.dir,
    echo: verbose,
    asUser,
    env: {
      ...process.env,
      CONTAINER_ANATOMY_TEST_CONTROL: controlUrl,
      ...(asUser ? ordinaryUserEnv(asUser, runDir.dir) : {}),
    },
  });
  log(`server ready after ${elapsed()}; launching Chromium`);

  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  let settle;
  const exited = new Promise((r) => {
    settle = r;
  }); // the first settle() wins
  if (verbose) {
    page.on('console', (msg) => process.stdout.write(`[page:${msg.type()}] ${msg.text()}\n`));
  }
  page.on('pageerror', (err) => process.stdout.write(`[page:error] ${err.message}\n`));
  // Fail fast, rather than at the time limit, when the page or the server dies under the tests.
  page.on('crash', () => settle({ code: 1, reason: 'the workbench page crashed' }));
  browser.on('disconnected', () => settle({ code: 1, reason: 'Chromium exited' }));
  server.child.once('exit', (code, signal) =>
    settle({ code: 1, reason: `the VS Code server exited (${signal ?? `exit code ${code}`})` }),
  );

  // Both must exist before the workbench loads: it looks them up when it logs and when the tests
  // module settles.
  // The workbench calls codeAutomationLog(level, args): args is the array of a console call's
  // arguments (the extension host's console.log lines arrive this way too).
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const parts = Array.isArray(args) ? args : [args];
    const text = parts.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    onHostLine(text);
    process.stdout.write(`${verbose ? `[${elapsed()}] ` : ''}${level === 'error' ? '[host:error] ' : ''}${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    settle({ code: Number(code) });
  });

  const url = workbenchUrl({
    port,
    folder: sampleWorkspace,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsIndex,
  });
  log(`opening ${url}`);
  await page.goto(url);

  let timer;
  const timedOut = new Promise((r) => {
    timer = setTimeout(() => r({ timeout: true }), timeoutMs);
  });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);

  let exitCode = 0;
  if (outcome.timeout) {
    let shot;
    try {
      shot = ` Screenshot: ${await screenshot('host-timeout')}.`;
    } catch (err) {
      shot = ` (screenshot failed: ${err?.message ?? err})`;
    }
    log(
      `TIMEOUT: the extension host did not finish the tests within ${timeoutMs / 1000} s ` +
        `(HOST_TEST_TIMEOUT_MS).${shot} Server output: ${server.logPath}`,
    );
    exitCode = 1;
  } else if (outcome.reason) {
    log(`ERROR: ${outcome.reason} before the tests finished`);
    exitCode = 1;
  } else if (outcome.code !== 0) {
    log(`the tests module exited with code ${outcome.code}`);
    exitCode = 1;
  }
  if (!result) {
    if (!outcome.timeout)
      log('the host never reported a HOST-RESULT line (did the tests module load? see the log above)');
    exitCode = 1;
  } else if (result.failed > 0) {
    exitCode = 1;
  }
  if (exitCode !== 0) {
    runDir.keep = true;
    log(`server output: ${server.logPath}`);
  }
  log(`finished in ${elapsed()}`);
  await cleanup();
  process.stdout.write(`${result?.passed ?? 0} passed, ${result?.failed ?? 0} failed\n`);
  process.exit(exitCode);
}

main().catch(async (err) => {
  process.stderr.write(`[host] ERROR: ${err?.stack ?? err}\n`);
  await cleanup();
  process.stdout.write(`${result?.passed ?? 0} passed, ${result?.failed ?? 0} failed\n`);
  process.exit(1);
});
