// Builds the extension (Node, CommonJS, `vscode` external), the CLI, and the webview (browser bundle
// with mermaid) as separate esbuild entries. `--tests` also bundles every test file into out/test so
// mocha (plain Node) and the VS Code extension host can load them without a TypeScript loader.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

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
 * Code that activation does not need is built as files of its own, and the lazy require() that
 * loads it is pointed at that file, so activation neither loads nor compiles it (V8's compile of
 * the bundle was the largest part of the activation profile):
 * - the containerd client (grpc-js, protobufjs), two thirds of the code, needed once containerd is
 *   read: dist/containerd.js, required from src/core/snapshot/defaultSources.ts;
 * - the Dockerfile hovers with the glossary, a third of the rest, needed at the first hover:
 *   dist/hovers.js, required from src/hover/dockerfileHover.ts.
 */
const LAZY_FILES = [
  { request: '../runtimes/containerd', importer: join('snapshot', 'defaultSources.ts'), file: './containerd.js' },
  { request: '../core/dockerfile', importer: join('hover', 'dockerfileHover.ts'), file: './hovers.js' },
  { request: '../core/yaml', importer: join('hover', 'yamlHover.ts'), file: './yamlHovers.js' },
];
const lazyFilesAsSeparateFiles = {
  name: 'lazy-files-as-separate-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/(runtimes\/containerd|core\/dockerfile|core\/yaml)$/ }, (args) => {
      const lazy = LAZY_FILES.find(
        (l) => l.request === args.path && args.importer.endsWith(l.importer) && args.kind === 'require-call',
      );
      return lazy ? { path: lazy.file, external: true } : undefined;
    });
  },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: distDir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyFilesAsSeparateFiles],
  },
  {
    ...common,
    entryPoints: {
      containerd: 'src/core/runtimes/containerd/index.ts',
      hovers: 'src/core/dockerfile/index.ts',
      // The compose and Kubernetes hovers with the yaml parser, from src/hover/yamlHover.ts.
      yamlHovers: 'src/core/yaml/index.ts',
      // Run as root through `sudo -n` where the user opted in (src/core/kernel/inodeReader.ts).
      nsInodeReader: 'src/core/kernel/inodeReaderMain.ts',
    },
    outdir: distDir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: distDir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [lazyFilesAsSeparateFiles],
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: distDir,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
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
  await Promise.all(existing.map((b) => esbuild.build(b)));
  if (withTests) removeStaleTestBundles(builds.at(-1));
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
