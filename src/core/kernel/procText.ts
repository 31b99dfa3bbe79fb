/** Small helpers for the evidence readers: one file as text or nothing, and a short digest. */
import crypto = require('node:crypto');
import fs = require('node:fs');

/** Files are read whole and synchronously (tiny procfs files: see namespaces.ts); undefined when unreadable. */
export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Only equality matters for the long files (mountinfo, fib_trie), so the snapshot keeps a digest. */
export function digest(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 32);
}
