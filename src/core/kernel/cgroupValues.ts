/**
 * The value formats of the cgroup interface files (Documentation/admin-guide/cgroup-v2.rst,
 * "Interface Files"; cgroup-v1/memory.rst, cpu/cfs, blkio) and a reader that remembers which files
 * were absent or failed, so a report can say so.
 *
 * Unlimited is null: v2 writes `max`; v1 writes a huge number for memory (PAGE_COUNTER_MAX pages,
 * 9223372036854771712 with 4 KiB pages: anything from 2^62 up counts) and -1 for the CFS quota.
 */
import fs = require('node:fs');
import type { CgroupReport } from '../model';

export type ReadFileFn = (filePath: string) => string;

export const defaultReadFile: ReadFileFn = (p) => fs.readFileSync(p, 'utf8');

/** v1 memory limits at or above this are the kernel's "no limit" (it writes ~2^63 rounded to pages). */
export const V1_MEMORY_UNLIMITED_FROM = 2 ** 62;

/** Reads files of one report, remembering which were absent or failed so the note can say so. */
export class FileReader {
  readonly notFound: string[] = [];
  readonly failed: string[] = [];
  constructor(private readonly readFile: ReadFileFn) {}

  /**
   * The file's text, trimmed, or undefined. `optional` files (memsw and swap.max exist only with
   * swap accounting) are not named in the note when they are absent.
   */
  read(dir: string | undefined, name: string, optional = false): string | undefined {
    if (dir === undefined) return undefined;
    try {
      return this.readFile(`${dir}/${name}`).trim();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (!optional) this.notFound.push(name);
      } else this.failed.push(`${name} (${code ?? (err as Error).message})`);
      return undefined;
    }
  }
}

/** `max` → null, a number → that number, anything else → undefined (left out). */
export function parseLimit(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  if (text === 'max') return null;
  return parseCount(text);
}

export function parseCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** A v1 memory figure in bytes: the kernel's huge "no limit" (and anything negative) is null. */
export function parseV1Bytes(text: string | undefined): number | null | undefined {
  const n = parseCount(text);
  if (n === undefined) return undefined;
  return n >= V1_MEMORY_UNLIMITED_FROM || n < 0 ? null : n;
}

/** v2 `cpu.max`: `$MAX $PERIOD`, MAX being `max` or microseconds. */
export function parseCpuMax(text: string | undefined): CgroupReport['cpu'] | undefined {
  if (text === undefined) return undefined;
  const [max, period] = text.split(/\s+/);
  const periodUs = parseCount(period);
  if (max === 'max') return periodUs === undefined ? { cpus: null } : { cpus: null, periodUs };
  const quotaUs = parseCount(max);
  if (quotaUs === undefined || periodUs === undefined || periodUs <= 0) return undefined;
  return { cpus: quotaUs / periodUs, quotaUs, periodUs };
}

/** `usage_usec` from v2 cpu.stat (flat keyed: `key value` per line). */
export function cpuStatUsageUsec(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^usage_usec (\d+)$/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function nonEmptyLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
