/**
 * /proc/PID/uid_map and gid_map: `inside outside count` lines. The identity map `0 0 4294967295` is
 * the initial user namespace, i.e. no user namespace: root inside is root on the host. Anything else
 * is a user namespace, and the question that matters for privileges is where id 0 lands.
 *
 * The `outside` column is relative to the reader's user namespace; read from the host (the
 * extension's own namespace) it is the host id.
 */
import path = require('node:path');
import { readText, type ReadTextFn } from './readText';
import type { IdMapping, IdMapRange, PrivilegeReadIssue, UserMapping } from './types';

const FULL_RANGE = 4294967295;

/** Lines of three decimal numbers; anything else is skipped (the kernel writes nothing else). */
export function parseIdMap(text: string): IdMapRange[] {
  const ranges: IdMapRange[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
    if (m) ranges.push({ inside: Number(m[1]), outside: Number(m[2]), count: Number(m[3]) });
  }
  return ranges;
}

/** The outside id an inside id maps to, or undefined when unmapped. */
export function mapInsideToOutside(ranges: readonly IdMapRange[], inside: number): number | undefined {
  for (const r of ranges) {
    if (inside >= r.inside && inside - r.inside < r.count) return r.outside + (inside - r.inside);
  }
  return undefined;
}

/** The inside id an outside (host) id corresponds to: `Uid:` in /proc/PID/status is the host's view. */
export function mapOutsideToInside(ranges: readonly IdMapRange[], outside: number): number | undefined {
  for (const r of ranges) {
    if (outside >= r.outside && outside - r.outside < r.count) return r.inside + (outside - r.outside);
  }
  return undefined;
}

export function isInitialIdMap(ranges: readonly IdMapRange[]): boolean {
  return ranges.length === 1 && ranges[0].inside === 0 && ranges[0].outside === 0 && ranges[0].count === FULL_RANGE;
}

/** `uid` or `gid` decides only the words. */
export function describeIdMap(ranges: readonly IdMapRange[], what: 'uid' | 'gid'): IdMapping {
  const list = ranges.map((r) => ({ ...r }));
  if (isInitialIdMap(ranges)) {
    return {
      kind: 'initial',
      ranges: list,
      rootOnHost: 0,
      rootIsHostRoot: true,
      text: `root inside is root on the host (no user namespace: ${what}_map is the identity)`,
    };
  }
  const rootOnHost = mapInsideToOutside(ranges, 0);
  if (rootOnHost === undefined) {
    return { kind: 'root-unmapped', ranges: list, rootIsHostRoot: false, text: `${what} 0 is not mapped` };
  }
  const total = ranges.reduce((sum, r) => sum + r.count, 0);
  const ids = `${total} ${what}${total === 1 ? '' : 's'} mapped`;
  const text =
    rootOnHost === 0
      ? `root inside is root on the host (a user namespace that maps 0 to 0; ${ids})`
      : `root inside is host ${what} ${rootOnHost} (${ids})`;
  return { kind: 'mapped', ranges: list, rootOnHost, rootIsHostRoot: rootOnHost === 0, text };
}

export type UserMappingRead = { ok: true; mapping: UserMapping } | { ok: false; issues: PrivilegeReadIssue[] };

/** Reads both maps; both files are 0444 and readable for any process by any user. */
export function readUserMapping(procRoot: string, pid: number | 'self', read?: ReadTextFn): UserMappingRead {
  const dir = path.join(procRoot, String(pid));
  const uid = readText(path.join(dir, 'uid_map'), read);
  const gid = readText(path.join(dir, 'gid_map'), read);
  if (!uid.ok || !gid.ok) {
    const issues = [uid, gid].flatMap((r) => (r.ok ? [] : [r.issue]));
    return { ok: false, issues };
  }
  return {
    ok: true,
    mapping: { uid: describeIdMap(parseIdMap(uid.text), 'uid'), gid: describeIdMap(parseIdMap(gid.text), 'gid') },
  };
}
