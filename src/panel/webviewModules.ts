import fs = require('node:fs');
import path = require('node:path');

/**
 * The webview's modules as the build lists them (dist/webviewModules.json, scripts/webviewBuild.mjs),
 * paths relative to dist/webview/: the entry, what every page loads before its first diagram (the
 * entry's static imports, mermaid's core), and what each of mermaid's `import()` targets adds.
 */
export interface WebviewModules {
  entry: string;
  initial: string[];
  lazy: Record<string, string[]>;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The list beside dist/webview/, or undefined where there is none (a build without it preloads nothing). */
export function readWebviewModules(distDir: string): WebviewModules | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(distDir, 'webviewModules.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const o = parsed as Partial<WebviewModules> | null;
  if (!o || typeof o.entry !== 'string' || !isStrings(o.initial) || typeof o.lazy !== 'object' || !o.lazy)
    return undefined;
  const lazy = Object.fromEntries(Object.entries(o.lazy).filter((e): e is [string, string[]] => isStrings(e[1])));
  return { entry: o.entry, initial: o.initial, lazy };
}

/**
 * Which of mermaid's `import()` targets (named as in the list: the module's file name without its
 * hash) a source's diagram needs: its diagram type and, for a flowchart, its layout (mermaid 12's
 * default is ELK). Types not drawn here load on demand, as they would without a preload.
 */
export function mermaidModulesOf(source: string): string[] {
  let body = source;
  let layout: string | undefined;
  const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (frontMatter) {
    body = source.slice(frontMatter[0].length);
    layout = /^\s*layout:\s*([\w-]+)\s*$/m.exec(frontMatter[1])?.[1];
  }
  const keyword = body
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('%%'))
    ?.split(/\s/)[0];
  switch (keyword) {
    case 'block-beta':
    case 'block':
      return ['blockDiagram'];
    case 'flowchart':
    case 'graph':
      return ['flowDiagram', layout === 'dagre' ? 'dagre' : 'elk'];
    case 'xychart-beta':
    case 'xychart':
      return ['xychartDiagram'];
    case 'sequenceDiagram':
      return ['sequenceDiagram'];
    default:
      return [];
  }
}

/** The modules to name in modulepreload links for a page that opens on a diagram of these sources. */
export function modulesToPreload(list: WebviewModules, sources: readonly string[]): string[] {
  const keys = sources.flatMap(mermaidModulesOf);
  return [...new Set([...list.initial, ...keys.flatMap((k) => list.lazy[k] ?? [])])];
}
