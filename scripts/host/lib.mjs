// Shared plumbing for the real-VS-Code harness: install check, the VS Code server (from the npm
// package code-server, started as plain `server-main.js`), Debian's Chromium driven by
// playwright-core, the workbench URL with its test payload, and shutdown of all of it on every exit
// path. See /work/shared/VSCODE-HOST.md for why it is done this way on an offline machine.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const hostBaseDir = process.env.CONTAINER_ANATOMY_HOST_DIR ?? join(repoRoot, '.vscode-test');
export const codeServerDir = join(hostBaseDir, 'code-server', 'node_modules', 'code-server');
export const serverMain = join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The sample folder the workbench opens, for tests and for `npm start`. */
export const sampleWorkspace = join(repoRoot, 'test', 'host', 'workspace');

const serverReadyTimeoutMs = 60_000;
const serverPollIntervalMs = 250;
const gracefulKillMs = 3_000;

export function log(message) {
  process.stdout.write(`[host] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Cleanup on every exit path. Handlers run once, in reverse order of registration (browser before
// server), on normal completion, on signals, and on crashes. The synchronous `exit` hook is a last
// resort that can only send signals, so process groups are SIGKILLed there.

const cleanups = [];
const syncKills = new Set();
let cleaningUp;

/** Registers an async cleanup step; returns a function that unregisters it. */
export function onCleanup(fn) {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/**
 * Runs the registered steps, newest first. Calls while it runs share that run; a later call runs
 * the steps registered since (the bench starts and stops several VS Code sessions in one process,
 * and a once-only cleanup left every session after the first running).
 */
export function cleanup() {
  cleaningUp ??= (async () => {
    while (cleanups.length > 0) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (err) {
        process.stderr.write(`[host] cleanup step failed: ${err?.stack ?? err}\n`);
      }
    }
  })().finally(() => {
    cleaningUp = undefined;
  });
  return cleaningUp;
}

let handlersInstalled = false;
/** Installs signal/crash handlers that clean up and then exit; call once from each entry script. */
export function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      log(`${signal} received, shutting down`);
      void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  const crash = (err) => {
    process.stderr.write(`[host] fatal: ${err?.stack ?? err}\n`);
    void cleanup().finally(() => process.exit(1));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.on('exit', () => {
    for (const pid of syncKills) killGroup(pid, 'SIGKILL');
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a child started with `detached: true` (so it leads its own process group): SIGTERM to the
 * whole group (the server forks extension hosts, ptys, watchers), SIGKILL if it lingers.
 */
export async function killProcessTree(child) {
  const pid = child.pid;
  if (pid === undefined) return;
  syncKills.delete(pid);
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once('exit', r));
  if (!killGroup(pid, 'SIGTERM')) return;
  const timer = new Promise((r) => setTimeout(r, gracefulKillMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') killGroup(pid, 'SIGKILL');
  // Children of the group may outlive the leader; make sure nothing of the group is left.
  await new Promise((r) => setTimeout(r, 100));
  killGroup(pid, 'SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// Install

/** Runs install-host.sh (a no-op once installed); rejects if it fails. */
export function ensureInstalled() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [join(repoRoot, 'scripts', 'host', 'install-host.sh')], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`scripts/host/install-host.sh failed (${signal ?? `exit code ${code}`})`));
    });
  }).then(() => {
    if (!existsSync(serverMain)) throw new Error(`install finished but ${serverMain} is missing`);
  });
}

/** Fails early, with the fix, when a build output the host needs is missing. */
export function requireFile(path, hint) {
  if (!existsSync(path)) throw new Error(`${path} does not exist: ${hint}`);
}

// ---------------------------------------------------------------------------------------------
// Ports and HTTP

function tryListen(port) {
  return new Promise((resolvePromise) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolvePromise(undefined));
    srv.listen({ host: '127.0.0.1', port }, () => {
      const { port: bound } = srv.address();
      srv.close(() => resolvePromise(bound));
    });
  });
}

/** A free TCP port on 127.0.0.1: `preferred` if it is free, otherwise one the kernel picks. */
export async function findFreePort(preferred) {
  if (preferred) {
    const port = await tryListen(preferred);
    if (port) return port;
    log(`port ${preferred} is busy, using a free one`);
  }
  const port = await tryListen(0);
  if (!port) throw new Error('could not find a free port on 127.0.0.1');
  return port;
}

function httpStatus(url) {
  return new Promise((resolvePromise) => {
    const req = request(url, { method: 'GET', timeout: 2_000 }, (res) => {
      res.resume();
      resolvePromise(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolvePromise(0));
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Server

/**
 * Makes a throw-away folder for one run (user data, server data with its logs, extensions).
 * Under .vscode-test/tmp so a failed run's logs are easy to find; removed on cleanup unless `keep`
 * is set by the caller (e.g. after a failure).
 */
export function makeRunDir() {
  const base = join(hostBaseDir, 'tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'run-'));
  const state = { dir, keep: process.env.HOST_KEEP_TMP === '1' };
  onCleanup(() => {
    if (state.keep) log(`kept run folder (logs under server-data/data/logs): ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });
  return state;
}

/**
 * Starts the VS Code server on 127.0.0.1:`port` and resolves once it serves the workbench.
 * `env` is the whole environment of the server; it reaches the extension host, which is how tests
 * get the control endpoint's address. Output goes to `<runDir>/server.log`, and also to our stdout
 * when `echo` is set.
 */
export async function startServer({ port, runDir, env = process.env, echo = false, asUser }) {
  requireFile(serverMain, 'run scripts/host/install-host.sh');
  const dirs = {
    userData: join(runDir, 'user-data'),
    serverData: join(runDir, 'server-data'),
    extensions: join(runDir, 'extensions'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const logPath = join(runDir, 'server.log');
  const logStream = createWriteStream(logPath);

  const args = [
    serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    // Without it the workbench ignores the extensionTestsPath payload and the run hangs.
    '--enable-smoke-test-driver',
    '--disable-workspace-trust',
    '--user-data-dir',
    dirs.userData,
    '--server-data-dir',
    dirs.serverData,
    '--extensions-dir',
    dirs.extensions,
  ];
  // detached: its own process group, so the extension host and everything else it forks can be
  // stopped together.
  // asUser: the server (and so the extension host) runs as that ordinary user, in the docker group
  // (HOST_AS_USER in run-host-tests.mjs); the run folder becomes theirs.
  if (asUser) execFileSync('chown', ['-R', `${asUser}:${asUser}`, runDir]);
  const [file, argv] = asUser
    ? ['runuser', ['-u', asUser, '-g', asUser, '-G', 'docker', '--', process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(file, argv, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  syncKills.add(child.pid);
  onCleanup(async () => {
    await killProcessTree(child);
    logStream.end();
  });

  let exitInfo;
  child.on('exit', (code, signal) => {
    exitInfo = signal ?? `exit code ${code}`;
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      logStream.write(chunk);
      if (echo) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) process.stdout.write(`[server] ${line}\n`);
      }
    });
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + serverReadyTimeoutMs;
  for (;;) {
    if (exitInfo !== undefined) {
      throw new Error(`VS Code server exited before serving (${exitInfo}); its output:\n${tail(logPath)}`);
    }
    const status = await httpStatus(`${url}/`);
    if (status >= 200 && status < 500) break;
    if (Date.now() > deadline) {
      throw new Error(
        `VS Code server did not serve ${url} within ${serverReadyTimeoutMs / 1000} s; its output:\n${tail(logPath)}`,
      );
    }
    await new Promise((r) => setTimeout(r, serverPollIntervalMs));
  }
  return { child, port, url, logPath };
}

function tail(path, lines = 40) {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

// ---------------------------------------------------------------------------------------------
// Browser

/** Launches Debian's Chromium (headless) with playwright-core; closed on cleanup. */
export async function launchBrowser({ headless = true } = {}) {
  requireFile(chromiumPath, 'install it with `apt-get install chromium` (or set CHROMIUM_PATH)');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless,
    args: [
      '--no-sandbox', // running as root in a container: Chromium's sandbox cannot start
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage', // small /dev/shm in containers makes tabs crash
    ],
  });
  onCleanup(() => browser.close().catch(() => {}));
  return browser;
}

// ---------------------------------------------------------------------------------------------
// Workbench URL

/** A path on this machine as the server's remote URI (the extension host runs on the server). */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${encodeURI(absPath)}`;
}

/**
 * The workbench URL that opens `folder` with the extension under development loaded and, when
 * `extensionTestsPath` is given, runs that tests module (the mechanism of VS Code's own
 * test/integration/browser suite).
 */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath, inspectExtensionsPort }) {
  const payload = [['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath)]);
  // The extension host then listens for a V8 inspector on this port (the bench profiles activation).
  if (inspectExtensionsPort) payload.push(['inspect-extensions', String(inspectExtensionsPort)]);
  const query = new URLSearchParams();
  if (folder) query.set('folder', folder);
  query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}
