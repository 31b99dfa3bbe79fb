// `npm run test:desktop`: the same host tests (out/test/host/index.js) in desktop VS Code (Electron)
// through @vscode/test-electron.
//
// NOTE: this needs internet: runTests downloads VS Code from update.code.visualstudio.com into
// .vscode-test/ on first use. It CANNOT run on the offline build machines, where
// `npm run test:host` (scripts/host/run-host-tests.mjs: VS Code server + Chromium) is the way. On
// Linux without a display, run it under xvfb-run.
//
// There is no control endpoint here (no browser page to drive), so CONTAINER_ANATOMY_TEST_CONTROL
// is removed from the environment and the tests that need screenshots or webview frame text skip
// themselves with a message saying so.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const extensionTestsPath = join(repoRoot, 'out', 'test', 'host', 'index.js');
const workspace = join(repoRoot, 'test', 'host', 'workspace');

for (const [path, hint] of [
  [extensionTestsPath, 'node scripts/build.mjs --tests'],
  [join(repoRoot, 'dist', 'extension.js'), 'node scripts/build.mjs'],
]) {
  if (!existsSync(path)) {
    console.error(`${path} does not exist: run ${hint}`);
    process.exit(1);
  }
}

// A throw-away profile so the user's own settings and extensions don't leak into the run.
const profile = mkdtempSync(join(tmpdir(), 'container-anatomy-desktop-'));
// runTests passes process.env on to the extension host; a stale control URL must not.
delete process.env.CONTAINER_ANATOMY_TEST_CONTROL;

try {
  await runTests({
    // Matches engines.vscode in package.json and the version the offline host runs (1.100.x).
    version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under development
      '--disable-workspace-trust',
      '--user-data-dir',
      join(profile, 'user-data'),
      '--extensions-dir',
      join(profile, 'extensions'),
    ],
  });
  console.log('desktop host tests passed');
} catch (err) {
  console.error(`desktop host tests failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  rmSync(profile, { recursive: true, force: true });
}
