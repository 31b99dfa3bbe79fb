/**
 * Bundle sizes: the project's own production build (`scripts/build.mjs --production`) into a
 * temporary folder, so dist/ (which other runs may be reading) is left alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { readWebviewModules } from '../src/panel/webviewModules';
import { reachableModules } from '../test/support/moduleGraph';
import { execFileP } from './common';

export interface BundleFigures {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export async function measureBundles(): Promise<BundleFigures[]> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-bench-dist-'));
  try {
    await execFileP(process.execPath, ['scripts/build.mjs', '--production', '--outdir', outdir], { timeout: 300_000 });
    const figuresOf = (label: string, files: string[]): BundleFigures => {
      const buffers = files.map((f) => fs.readFileSync(path.join(outdir, f)));
      const bytes = buffers.reduce((sum, b) => sum + b.length, 0);
      const gzipBytes = buffers.reduce((sum, b) => sum + zlib.gzipSync(b, { level: 9 }).length, 0);
      return { file: label, bytes, gzipBytes };
    };
    const files = ['extension.js', 'engines.js', 'containers.js', 'panel.js', 'hovers.js', 'cli.js', 'webview/main.js'];
    // The webview's modules as the page can load them: before any diagram (the entry, its static
    // imports and mermaid's core, as the build lists them for the page's modulepreloads), and all of them.
    const read = (relative: string) => fs.readFileSync(path.join(outdir, 'webview', relative), 'utf8');
    const list = readWebviewModules(outdir);
    if (!list) throw new Error('the production build wrote no webviewModules.json');
    const initial = [list.entry, ...list.initial].map((m) => `webview/${m}`);
    const all = reachableModules('main.js', read, true).map((m) => `webview/${m}`);
    return [
      ...files.map((f) => figuresOf(`dist/${f}`, [f])),
      figuresOf(
        `dist/webview/ before the first diagram: the entry, its static imports and mermaid's core (${initial.length} files)`,
        initial,
      ),
      figuresOf(`dist/webview/ in all (${all.length} files; gzip per file)`, all),
    ];
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
