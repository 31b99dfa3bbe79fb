// `npm run bench`: bundles bench/main.ts (with src/core, the refresh feed and the webview harness it
// measures) into out/bench/ with esbuild, as scripts/build.mjs does for the tests, then runs it with
// the same arguments (--quick, --n 10,100, --idle 60, --keep, --no-host, --no-browser).
// `vscode` is aliased to bench/vscodeStub.ts: @microsoft/vscode-container-client (the comparison
// client) needs two enums from it; our own code in the bench (src/core) needs no vscode at all.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
await esbuild.build({
  entryPoints: {
    main: 'bench/main.ts',
    profile: 'bench/profile.ts',
    refreshProfile: 'bench/refreshProfile.ts',
    renderProfile: 'bench/renderProfile.ts',
  },
  outdir: 'out/bench',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  legalComments: 'none',
  alias: { vscode: resolve('bench/vscodeStub.ts') },
  // The parts of src/parts are taken into the bench's bundle, as in the tests (see scripts/build.mjs).
  define: { SPLIT_BUNDLES: 'false' },
  external: ['playwright-core', 'esbuild', '@grpc/grpc-js'],
});
const extra = process.env.BENCH_NODE_OPTIONS ? process.env.BENCH_NODE_OPTIONS.split(' ') : [];
// --profile: the snapshot loop of bench/profile.ts instead of the whole bench (run it under --cpu-prof
// with BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=test-results/profiles").
// --profile-render: the live diagram rendered in Chromium under the V8 profiler (bench/renderProfile.ts).
const entry = args.includes('--profile')
  ? 'out/bench/profile.js'
  : args.includes('--profile-render')
    ? 'out/bench/renderProfile.js'
    : args.includes('--profile-refresh')
      ? 'out/bench/refreshProfile.js'
      : 'out/bench/main.js';
const rest = args.filter((a) => !['--profile', '--profile-render', '--profile-refresh'].includes(a));
// --experimental-websocket: the activation profile talks to the extension host's inspector (Node 20).
const websocket = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket'] : [];
const child = spawn(process.execPath, ['--enable-source-maps', ...websocket, ...extra, entry, ...rest], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
