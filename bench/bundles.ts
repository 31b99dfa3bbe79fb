/**
 * Bundle sizes: the project's own production build (`scripts/build.mjs --production`) into a
 * temporary folder, so dist/ (which other runs may be reading) is left alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
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
    return ['extension.js', 'engines.js', 'containers.js', 'panel.js', 'hovers.js', 'cli.js', 'webview.js'].map((f) => {
      const buf = fs.readFileSync(path.join(outdir, f));
      return { file: `dist/${f}`, bytes: buf.length, gzipBytes: zlib.gzipSync(buf, { level: 9 }).length };
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
