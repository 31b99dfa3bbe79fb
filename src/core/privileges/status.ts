/**
 * The privilege lines of /proc/PID/status: the five capability sets, NoNewPrivs, Seccomp and
 * Seccomp_filters, and the Uid/Gid lines. Every field is optional: older kernels lack CapAmb (< 4.3),
 * NoNewPrivs (< 4.10) and Seccomp_filters (< 5.9), and a kernel without CONFIG_SECCOMP has no Seccomp.
 */
import path = require('node:path');
import { decodeCapabilityMask, parseCapabilityMask } from './capabilities';
import { readText, type ReadTextFn } from './readText';
import type {
  CapabilitySet,
  CapabilitySets,
  IdSet,
  PrivilegeReadIssue,
  ProcStatusPrivileges,
  SeccompMode,
} from './types';

const CAPABILITY_FIELDS: Record<string, keyof CapabilitySets> = {
  CapInh: 'inheritable',
  CapPrm: 'permitted',
  CapEff: 'effective',
  CapBnd: 'bounding',
  CapAmb: 'ambient',
};

const SECCOMP_MODES: Record<string, SeccompMode> = { '0': 'disabled', '1': 'strict', '2': 'filter' };

/**
 * The value of `Key:` at the start of a line, trimmed; the first occurrence wins. Looked up by key
 * rather than splitting the whole file: status has some sixty lines and nine are wanted.
 */
function statusField(text: string, key: string): string | undefined {
  const needle = `${key}:`;
  let start: number;
  if (text.startsWith(needle)) start = needle.length;
  else {
    const at = text.indexOf(`\n${needle}`);
    if (at < 0) return undefined;
    start = at + 1 + needle.length;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end).trim();
}

export function capabilitySetFromMask(hex: string): CapabilitySet | undefined {
  const mask = parseCapabilityMask(hex);
  if (mask === undefined) return undefined;
  return { mask: hex.trim().toLowerCase(), names: decodeCapabilityMask(mask) };
}

/** `0\t0\t0\t0` (real, effective, saved, fs) → IdSet; undefined unless four decimal ids. */
function parseIdSet(value: string | undefined): IdSet | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(/\s+/);
  if (parts.length !== 4 || !parts.every((p) => /^\d+$/.test(p))) return undefined;
  const [real, effective, saved, fs] = parts.map(Number);
  return { real, effective, saved, fs };
}

export function parseProcStatus(text: string): ProcStatusPrivileges {
  const capabilities: CapabilitySets = {};
  for (const [field, key] of Object.entries(CAPABILITY_FIELDS)) {
    const value = statusField(text, field);
    const set = value === undefined ? undefined : capabilitySetFromMask(value);
    if (set) capabilities[key] = set;
  }
  const nnp = statusField(text, 'NoNewPrivs');
  const seccompRaw = statusField(text, 'Seccomp');
  const filtersRaw = statusField(text, 'Seccomp_filters');
  const seccomp: ProcStatusPrivileges['seccomp'] = {};
  if (seccompRaw !== undefined) {
    const mode = SECCOMP_MODES[seccompRaw];
    if (mode) seccomp.mode = mode;
    else seccomp.raw = seccompRaw;
  }
  if (filtersRaw !== undefined && /^\d+$/.test(filtersRaw)) seccomp.filters = Number(filtersRaw);
  const out: ProcStatusPrivileges = { capabilities, seccomp };
  if (nnp === '0' || nnp === '1') out.noNewPrivs = nnp === '1';
  const uid = parseIdSet(statusField(text, 'Uid'));
  const gid = parseIdSet(statusField(text, 'Gid'));
  if (uid) out.uid = uid;
  if (gid) out.gid = gid;
  return out;
}

/** The status fields parseProcStatus reads. */
const PRIVILEGE_FIELDS = ['Uid', 'Gid', ...Object.keys(CAPABILITY_FIELDS), 'NoNewPrivs', 'Seccomp', 'Seccomp_filters'];

/**
 * The privilege lines of a status text, as written: equal keys parse to equal results, so a kept
 * parse can stand while the process's status says the same (its other sixty lines change all the time).
 */
export function privilegeFieldsKey(text: string): string {
  return PRIVILEGE_FIELDS.map((f) => statusField(text, f) ?? '').join('\n');
}

export type StatusRead = { ok: true; status: ProcStatusPrivileges } | { ok: false; issue: PrivilegeReadIssue };

/** Reads `<procRoot>/<pid>/status`; readable by any user for any process (the file is 0444). */
export function readProcStatus(procRoot: string, pid: number | 'self', read?: ReadTextFn): StatusRead {
  const res = readText(path.join(procRoot, String(pid), 'status'), read);
  return res.ok ? { ok: true, status: parseProcStatus(res.text) } : { ok: false, issue: res.issue };
}

/** Plain words for the tree: `filter (2 filters)`, `disabled`, `strict`. */
export function describeSeccomp(seccomp: ProcStatusPrivileges['seccomp']): string {
  if (seccomp.mode === undefined) {
    return seccomp.raw === undefined ? 'not reported by this kernel' : `unknown mode ${seccomp.raw}`;
  }
  if (seccomp.mode !== 'filter' || seccomp.filters === undefined) return seccomp.mode;
  return `filter (${seccomp.filters} ${seccomp.filters === 1 ? 'filter' : 'filters'})`;
}
