import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../support/repoRoot';

/**
 * A copy of dist/ in a fresh folder under /tmp that another user can read (the repository's own
 * folder may not be): for running the CLI as the ordinary test user.
 */
export function distCopyForOtherUsers(prefix: string): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dist, 0o755);
  fs.cpSync(path.join(repoRoot(), 'dist'), dist, { recursive: true });
  return dist;
}
