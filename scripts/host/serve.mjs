// `npm start`: a full VS Code in the browser with this extension loaded from the working tree, on a
// machine with no internet (the VS Code server from the npm package code-server). Opens the sample
// folder test/host/workspace. Runs until Ctrl-C, then stops the server and everything it started.
//
// PORT picks the port (default 8080; a free one if that is taken). No tests run here: the payload
// carries only extensionDevelopmentPath. After changing the code, run `npm run build` (or keep
// `npm run watch` going) and reload the browser tab (Developer: Reload Window).
import { join } from 'node:path';
import {
  cleanup,
  ensureInstalled,
  findFreePort,
  installExitHandlers,
  log,
  makeRunDir,
  repoRoot,
  requireFile,
  onCleanup,
  sampleWorkspace,
  startServer,
  workbenchUrl,
} from './lib.mjs';

installExitHandlers();

async function main() {
  requireFile(join(repoRoot, 'dist', 'extension.js'), 'build the extension first: npm run build');
  await ensureInstalled();
  const runDir = makeRunDir();
  const preferred = Number(process.env.PORT ?? 8080);
  const port = await findFreePort(Number.isInteger(preferred) && preferred > 0 ? preferred : 8080);
  const server = await startServer({ port, runDir: runDir.dir, echo: process.env.HOST_VERBOSE === '1' });
  // Cleanup steps run last-registered first, so this flag is set before the server is stopped.
  let stopping = false;
  onCleanup(() => {
    stopping = true;
  });
  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`VS Code server stopped (${signal ?? `exit code ${code}`}); its output: ${server.logPath}`);
    void cleanup().finally(() => process.exit(1));
  });
  const url = workbenchUrl({ port, folder: sampleWorkspace, extensionDevelopmentPath: repoRoot });
  log('VS Code with Container Anatomy loaded is ready. Open this URL in a browser:');
  process.stdout.write(`\n  ${url}\n\n`);
  log(
    `listening on 127.0.0.1 only (forward port ${port} to reach it from another machine); ` +
      `server output: ${server.logPath}. Press Ctrl-C to stop.`,
  );
}

main().catch(async (err) => {
  process.stderr.write(`[host] ERROR: ${err?.stack ?? err}\n`);
  await cleanup();
  process.exit(1);
});
