// Builds the extension (Node, CommonJS, `vscode` external), the CLI, and the webview (browser ES
// modules with mermaid, split into chunks: dist/webview/) as separate esbuild entries. `--tests` also
// bundles every test file into out/test so mocha (plain Node) and the VS Code extension host can load
// them without a TypeScript loader.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { webviewBuildOptions } from './webviewBuild.mjs';

const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const production = args.has('--production');
const withTests = args.has('--tests') || watch;
// --outdir DIR: put the bundles elsewhere (the bench measures a production build without touching dist/).
const argv = process.argv.slice(2);
const distDir = argv.includes('--outdir') ? argv[argv.indexOf('--outdir') + 1] : 'dist';

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** Every `*.ts` below dir, recursively: test files are discovered, not listed. */
function tsFilesUnder(dir) {
  let out = [];
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(tsFilesUnder(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/**
 * The parts activation does not need (src/parts/*.ts but load.ts): each is an entry of its own,
 * dist/<part>.js, which src/parts/load.ts requires at the part's first use. SPLIT_BUNDLES tells
 * load.ts which way to load: from those files (the extension) or from the bundle itself (the CLI,
 * the tests, the bench), and esbuild drops the other branch.
 */
const PARTS = readdirSync(join('src', 'parts'))
  .filter((f) => f.endsWith('.ts') && f !== 'load.ts')
  .map((f) => f.replace(/\.ts$/, ''));
const node = { ...common, outdir: distDir, platform: 'node', format: 'cjs', target: 'node20' };
const split = { define: { SPLIT_BUNDLES: 'true' }, external: ['vscode', ...PARTS.map((p) => `./${p}.js`)] };
const unsplit = { SPLIT_BUNDLES: 'false' };

const builds = [
  { ...node, ...split, entryPoints: { extension: 'src/extension.ts' } },
  { ...node, ...split, entryPoints: Object.fromEntries(PARTS.map((p) => [p, join('src', 'parts', `${p}.ts`)])) },
  { ...node, define: unsplit, entryPoints: { cli: 'src/cli.ts' }, banner: { js: '#!/usr/bin/env node' } },
  // Run as root through `sudo -n` where the user opted in (src/core/kernel/inodeReader.ts): it stands alone.
  { ...node, define: unsplit, entryPoints: { nsInodeReader: 'src/core/kernel/inodeReaderMain.ts' } },
  // The webview: an ES module with code splitting, so the page loads the entry and mermaid's core,
  // and mermaid's own `import()` of a diagram type fetches only that type's chunks when a diagram of
  // it is rendered (scripts/webviewBuild.mjs, which also makes the core one chunk). src/panel/html.ts
  // loads the entry with a nonce'd `<script type="module">` and names the modules the first diagram
  // needs in nonce'd modulepreload links (dist/webviewModules.json); every chunk is a file of our own.
  await webviewBuildOptions(common, distDir),
];

if (withTests) {
  const testFiles = tsFilesUnder('test').filter((f) => !f.startsWith(join('test', 'fixtures')));
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: Object.fromEntries(testFiles.map((f) => [relative('.', f).replace(/\.ts$/, ''), f])),
    outdir: 'out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: unsplit,
    external: ['vscode', 'mocha', 'playwright-core', 'esbuild', '@grpc/grpc-js'],
  });
}

const existing = builds.filter((b) =>
  Object.values(b.entryPoints).every((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  }),
);

if (watch) {
  const contexts = await Promise.all(existing.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes…');
} else {
  // Outputs are overwritten in place rather than wiped first, so a build never pulls files from
  // under a test run that is reading them; test bundles whose source is gone are removed after.
  const results = await Promise.all(existing.map((b) => esbuild.build(b)));
  for (const r of results) if (r.metafile) removeStaleWebviewChunks(r.metafile);
  if (withTests) removeStaleTestBundles(builds.at(-1));
}

/**
 * Chunk names carry a content hash, so each build of the webview writes new ones: the chunks this
 * build did not write are removed, so dist/ (and the VSIX made from it) holds only what the entry can load.
 */
function removeStaleWebviewChunks(metafile) {
  const written = new Set(Object.keys(metafile.outputs).map((f) => resolve(f)));
  const chunksDir = join(distDir, 'webview', 'chunks');
  let names;
  try {
    names = readdirSync(chunksDir);
  } catch {
    return;
  }
  for (const name of names) {
    const full = resolve(chunksDir, name);
    const output = full.endsWith('.map') ? full.slice(0, -'.map'.length) : full;
    if (!written.has(output)) rmSync(full, { force: true });
  }
}

function removeStaleTestBundles(testBuild) {
  const expected = new Set(Object.keys(testBuild.entryPoints).map((name) => join('out', `${name}.js`)));
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.js') && !expected.has(full)) rmSync(full, { force: true });
    }
  };
  walk('out');
}
