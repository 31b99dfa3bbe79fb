/** The last samples of each watched container, in memory only: what a usage chart draws. */

export interface UsagePoint {
  /** Monotonic milliseconds. */
  atMs: number;
  workingSetBytes?: number;
  memoryLimitBytes: number | null;
  cpuPercent?: number;
  cpus: number | null;
}

/** Enough for two minutes at the default 2 s interval. */
export const HISTORY_LENGTH = 60;

export class UsageHistory {
  private readonly points = new Map<string, UsagePoint[]>();

  constructor(private readonly length = HISTORY_LENGTH) {}

  add(key: string, point: UsagePoint): void {
    const list = this.points.get(key) ?? [];
    list.push(point);
    if (list.length > this.length) list.splice(0, list.length - this.length);
    this.points.set(key, list);
  }

  of(key: string): readonly UsagePoint[] {
    return this.points.get(key) ?? [];
  }

  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of this.points.keys()) if (!keys.has(key)) this.points.delete(key);
  }
}
