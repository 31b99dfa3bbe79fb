import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from wherever the bundled test file runs (out/test/…). */
export function repoRoot(start = __dirname): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'container-anatomy'
    )
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no container-anatomy package.json above ${start}`);
    dir = parent;
  }
}
