/** Human figures shared by the tree, the live diagram and the CLI, so all three say the same. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  let text = roundedBytes(value, unit);
  // 1048575 B is 1023.999 KiB, which rounds to 1024: say 1 MiB, as the next unit up would.
  if (Number(text) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
    text = roundedBytes(value, unit);
  }
  return `${text} ${BYTE_UNITS[unit]}`;
}

/** One decimal below 100 (none for bytes), and no trailing `.0`. */
function roundedBytes(value: number, unit: number): string {
  return String(Number(value.toFixed(unit === 0 || value >= 100 ? 0 : 1)));
}

export function formatCpus(cpus: number): string {
  // Round first, then decide the wording on what is shown: 1.999 is "2 CPUs", 0.999 is "1 CPU".
  const shown = Number(cpus.toFixed(2));
  if (shown === 0 && cpus > 0) return '< 0.01 CPU';
  // A share of one CPU reads as singular ("0.5 CPU", as `docker run --cpus 0.5` is said); more than one as plural.
  return `${shown} CPU${shown > 1 ? 's' : ''}`;
}

/** `49.8 %`: one decimal below 100, none above. */
export function formatPercent(percent: number): string {
  return `${Number(percent.toFixed(percent >= 100 ? 0 : 1))} %`;
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
