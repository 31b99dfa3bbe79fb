import * as path from 'node:path';

/**
 * The module graph of the webview's ES module build (dist/webview/), read from the files themselves
 * (not from esbuild's own metafile), for the package test and the bench. esbuild writes relative
 * specifiers in double quotes: `import{a as b}from"./chunks/x.js"`, `import"./x.js"` (static) and
 * `import("./x.js")` (dynamic: mermaid's diagram types and layouts).
 */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"(\.\.?\/[^"]+\.js)"/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*"(\.\.?\/[^"]+\.js)"\s*\)/g;

/**
 * The modules reached from `entry` (a path relative to the build's folder): through static imports
 * only (what the page must load before the entry runs), or through `import()` as well (everything
 * the page can ever load). `read` gives a module's text by the same relative path. Returns every
 * module reached, as such paths, the entry first.
 */
export function reachableModules(entry: string, read: (relative: string) => string, withDynamic: boolean): string[] {
  const seen = new Set<string>();
  const pending = [path.posix.normalize(entry)];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = read(file);
    const patterns = withDynamic ? [STATIC_IMPORT, DYNAMIC_IMPORT] : [STATIC_IMPORT];
    for (const pattern of patterns)
      for (const match of text.matchAll(pattern))
        pending.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1])));
  }
  return [...seen];
}
