/** Human figures shared by the tree, the live diagram and the CLI, so all three say the same. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

export function formatCpus(cpus: number): string {
  const text = Number.isInteger(cpus) ? String(cpus) : cpus.toFixed(2).replace(/0+$/, '');
  // A share of one CPU reads as singular ("0.5 CPU", as `docker run --cpus 0.5` is said); more than one as plural.
  return `${text} CPU${cpus > 1 ? 's' : ''}`;
}

/** `used / limit`, `used / unlimited`, or just the limit when usage is not read. */
export function formatUsageAgainstLimit(
  used: number | undefined,
  limit: number | null,
  unit: (n: number) => string,
): string {
  const limitText = limit === null ? 'unlimited' : unit(limit);
  return used === undefined ? limitText : `${unit(used)} / ${limitText}`;
}

/** Docker-style 12-character ids for engine-generated hex ids; names used as ids stay whole. */
export function shortId(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}
