// The webview's ES module build (dist/webview/) and its module list (dist/webviewModules.json).
//
// esbuild's code splitting puts each module in a chunk by the set of entry points that reach it, and
// every one of mermaid's `import()` targets (a diagram type, a layout) is an entry point of its own.
// Mermaid's core is reached by the page and by a different subset of diagram types for each of its
// own pieces, so it came out as some twenty chunks, which the page then fetched one level of imports
// at a time. Nothing of a diagram type can run before the core has (the core is what imports it), so
// each `import()` target here also imports the core: every piece of the core is then reached by the
// same entry points, and the core is one chunk. The targets are read from a first pass's metafile.
//
// The same plugin makes one change inside mermaid: its getConfig copies the configuration with
// src/webview/mermaidConfigCopy.ts instead of its general deep merge, which cost a first render
// 60–100 ms (that file says why and how the two are kept the same). The build fails if the line
// to change is not found, so a mermaid upgrade cannot lose the change unnoticed.
import * as esbuild from 'esbuild';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The module the webview imports mermaid from (the package's browser ES module entry), by its real
 * path, as esbuild names modules (node_modules may be a link).
 */
const MERMAID_CORE = realpathSync(path.resolve('node_modules', 'mermaid', 'dist', 'mermaid.core.mjs'));

/** The webview's build options (without the core-once plugin). */
export function webviewOptions(common, distDir) {
  return {
    ...common,
    entryPoints: { main: 'src/webview/main.ts' },
    outdir: path.join(distDir, 'webview'),
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    format: 'esm',
    splitting: true,
    metafile: true,
    target: 'chrome120',
  };
}

/** The `import()` targets of a build: every output's entry point but the page's own entry. */
async function dynamicTargets(options) {
  const { metafile } = await esbuild.build({ ...options, write: false, minify: false, sourcemap: false });
  const targets = new Set();
  for (const output of Object.values(metafile.outputs))
    if (output.entryPoint && output.entryPoint !== options.entryPoints.main)
      targets.add(path.resolve(output.entryPoint));
  targets.delete(MERMAID_CORE);
  return targets;
}

/** Mermaid's getConfig, as its ES module build writes it, and the module that replaces its copy. */
const GET_CONFIG =
  'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");';
const CONFIG_COPY_MODULE = path.resolve('src', 'webview', 'mermaidConfigCopy.ts');
// The modules mermaid's core is built from (its ES build's shared chunks): only these are read for getConfig.
const MERMAID_CORE_CHUNKS = path.join(path.dirname(MERMAID_CORE), 'chunks', 'mermaid.core');

/** A mermaid module's text with getConfig's copy replaced, or undefined if it does not define getConfig. */
function withConfigCopy(text) {
  const at = text.indexOf(GET_CONFIG);
  if (at < 0) return undefined;
  if (text.indexOf(GET_CONFIG, at + 1) >= 0) throw new Error('webview build: mermaid defines getConfig twice');
  const replaced = GET_CONFIG.replace(
    'assignWithDepth_default({}, currentConfig)',
    '__anatomyCopyConfig(currentConfig)',
  );
  return `import { copyMermaidConfig as __anatomyCopyConfig } from ${JSON.stringify(CONFIG_COPY_MODULE)};\n${text.replace(GET_CONFIG, replaced)}`;
}

/**
 * Appends `import "<mermaid core>"` to each target, puts the config copy in mermaid's getConfig
 * (see the top of this file), and writes the module list after each build (in watch mode too).
 */
function coreOncePlugin(targets, distDir) {
  let configCopies = 0;
  return {
    name: 'mermaid-core-once',
    setup(build) {
      build.onStart(() => {
        configCopies = 0;
      });
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        if (configCopies !== 1)
          throw new Error(
            `webview build: expected mermaid's getConfig once under ${MERMAID_CORE_CHUNKS}, found it ${configCopies} times (has mermaid changed? see src/webview/mermaidConfigCopy.ts)`,
          );
        if (result.metafile) writeWebviewModules(result.metafile, distDir);
      });
      build.onLoad({ filter: /\.m?js$/ }, (args) => {
        const isTarget = targets.has(args.path);
        const inMermaidCore = args.path.startsWith(MERMAID_CORE_CHUNKS + path.sep);
        if (!isTarget && !inMermaidCore) return undefined;
        let text = readFileSync(args.path, 'utf8');
        const changed = inMermaidCore ? withConfigCopy(text) : undefined;
        if (changed !== undefined) {
          configCopies++;
          text = changed;
        }
        if (!isTarget && changed === undefined) return undefined;
        return {
          contents: isTarget ? `${text}\nimport ${JSON.stringify(MERMAID_CORE)};\n` : text,
          loader: 'js',
          resolveDir: path.dirname(args.path),
        };
      });
    },
  };
}

/** The webview's build options with the plugin, after the first pass that finds the targets. */
export async function webviewBuildOptions(common, distDir) {
  const options = webviewOptions(common, distDir);
  return { ...options, plugins: [coreOncePlugin(await dynamicTargets(options), distDir)] };
}

/**
 * A name for an `import()` target's module: mermaid's file name without its hash
 * (`blockDiagram-APKKGZFW.mjs` → `blockDiagram`), or the whole file name where that is ambiguous.
 */
function moduleKeys(entryPoints) {
  const short = (p) => path.basename(p).replace(/-[A-Z0-9]{8}\.m?js$/, '');
  const counts = new Map();
  for (const p of entryPoints) counts.set(short(p), (counts.get(short(p)) ?? 0) + 1);
  return new Map(entryPoints.map((p) => [p, counts.get(short(p)) === 1 ? short(p) : path.basename(p)]));
}

/**
 * dist/webviewModules.json, from the build's metafile: the entry, the modules the page needs before
 * any diagram (the entry's static imports and mermaid's core with its static imports), and for each
 * `import()` target the modules it adds. The panel names them in `<link rel="modulepreload">`s, so
 * the page fetches them all at once rather than one level of imports after another.
 */
function writeWebviewModules(metafile, distDir) {
  const webviewDir = path.resolve(distDir, 'webview');
  const outputs = metafile.outputs;
  const rel = (output) => path.relative(webviewDir, path.resolve(output)).split(path.sep).join('/');
  const closure = (start) => {
    const seen = new Set();
    const pending = [start];
    while (pending.length) {
      const file = pending.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      for (const i of outputs[file].imports) if (i.kind === 'import-statement') pending.push(i.path);
    }
    return seen;
  };
  const byEntryPoint = new Map();
  for (const [file, output] of Object.entries(outputs))
    if (output.entryPoint && file.endsWith('.js')) byEntryPoint.set(path.resolve(output.entryPoint), file);
  const entry = [...byEntryPoint].find(([p]) => p === path.resolve('src/webview/main.ts'))?.[1];
  const core = byEntryPoint.get(MERMAID_CORE);
  if (!entry) throw new Error('webview build: no output for src/webview/main.ts');
  const initial = new Set([...closure(entry), ...(core ? closure(core) : [])]);
  const keys = moduleKeys([...byEntryPoint.keys()].filter((p) => p !== MERMAID_CORE && byEntryPoint.get(p) !== entry));
  const lazy = {};
  for (const [entryPoint, key] of [...keys].sort((a, b) => a[1].localeCompare(b[1])))
    lazy[key] = [...closure(byEntryPoint.get(entryPoint))]
      .filter((f) => !initial.has(f))
      .map(rel)
      .sort();
  const list = {
    entry: rel(entry),
    initial: [...initial]
      .filter((f) => f !== entry)
      .map(rel)
      .sort(),
    lazy,
  };
  writeFileSync(path.join(distDir, 'webviewModules.json'), `${JSON.stringify(list, null, 1)}\n`);
}
