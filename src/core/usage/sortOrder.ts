/**
 * The tree's order by usage, as `docker stats`, ctop and lazydocker offer: the most memory (the
 * working set) or CPU first. Only containers being sampled have figures; the rest follow by name.
 */
import type { ContainerInfo } from '../model';

export const SORT_ORDERS = ['name', 'memory', 'cpu'] as const;
export type SortBy = (typeof SORT_ORDERS)[number];

export function isSortBy(value: unknown): value is SortBy {
  return (SORT_ORDERS as readonly unknown[]).includes(value);
}

function figure(c: ContainerInfo, sortBy: Exclude<SortBy, 'name'>): number | undefined {
  const cg = c.cgroup;
  return sortBy === 'memory' ? (cg?.memory?.workingSetBytes ?? cg?.memory?.usageBytes) : cg?.cpu?.percent;
}

/** A setting's value, or `name` for anything else. */
export function sortByOrDefault(value: unknown): SortBy {
  return isSortBy(value) ? value : 'name';
}

/** A comparator: by the figure, largest first, those without one after; ties by `byName`. */
export function containerOrder(
  sortBy: SortBy | undefined,
  byName: (a: ContainerInfo, b: ContainerInfo) => number,
): (a: ContainerInfo, b: ContainerInfo) => number {
  if (sortBy === undefined || sortBy === 'name') return byName;
  return (a, b) => {
    const fa = figure(a, sortBy);
    const fb = figure(b, sortBy);
    if (fa !== fb) {
      if (fa === undefined) return 1;
      if (fb === undefined) return -1;
      return fb - fa;
    }
    return byName(a, b);
  };
}
