/** Who the extension runs as: the one place root and non-root are told apart. */

/** The effective uid, or undefined where the platform has none (Windows). */
export function currentUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

export function isRoot(): boolean {
  return currentUid() === 0;
}
