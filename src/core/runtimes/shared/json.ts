/**
 * The small shape checks every engine client uses at its boundary: raw JSON from a socket or a CLI
 * is `unknown` until one of these says otherwise. Each failure names the field, as a ShapeError.
 */
import type { NamespaceKind } from '../../model';
import type { EngineError, Result } from './result';

export type Json = Record<string, unknown>;

/** Returned (not thrown) by validators to say what in the payload did not fit. */
export class ShapeError {
  constructor(readonly message: string) {}
}

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A `{string: string}` map such as labels; null or absent is an empty map. */
export function stringMap(v: unknown, field: string): Record<string, string> | ShapeError {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) return new ShapeError(`${field} is not an object`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') return new ShapeError(`${field}.${k} is not a string`);
    out[k] = val;
  }
  return out;
}

/** A list of names such as Docker's `Names`; null or absent is an empty list. */
export function stringList(v: unknown, field: string): string[] | ShapeError {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((n) => typeof n === 'string'))
    return new ShapeError(`${field} is not a list of strings`);
  return v as string[];
}

/** A PID field: a non-negative integer (absent is 0). */
export function pidField(v: unknown, field: string): number | ShapeError {
  const pid = v ?? 0;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid < 0)
    return new ShapeError(`${field} is not a non-negative integer`);
  return pid;
}

export function parseJson(body: Buffer | string, what: string): Result<unknown, EngineError> {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const sample = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    return {
      ok: false,
      error: {
        kind: 'garbage',
        detail: `${what}: invalid JSON (${(err as Error).message}); starts with ${JSON.stringify(sample)}`,
      },
    };
  }
}

/** Parses and validates in one step; invalid JSON and a wrong shape are both `garbage` naming `what`. */
export function parseAndValidate<T>(
  body: Buffer | string,
  what: string,
  validate: (value: unknown) => T | ShapeError,
): Result<T> {
  const parsed = parseJson(body, what);
  if (!parsed.ok) return parsed;
  const value = validate(parsed.value);
  if (value instanceof ShapeError)
    return { ok: false, error: { kind: 'garbage', detail: `${what}: unexpected shape: ${value.message}` } };
  return { ok: true, value };
}

/**
 * HostConfig namespace modes as Docker and Podman both report them on inspect; an empty string is
 * the engine's default.
 */
export interface NamespaceModes {
  network: string;
  pid: string;
  ipc: string;
  uts: string;
  userns: string;
  cgroupns: string;
}

export function hostConfigModes(hostConfig: unknown): NamespaceModes {
  const hc = isObject(hostConfig) ? hostConfig : {};
  return {
    network: optString(hc.NetworkMode) ?? '',
    pid: optString(hc.PidMode) ?? '',
    ipc: optString(hc.IpcMode) ?? '',
    uts: optString(hc.UTSMode) ?? '',
    userns: optString(hc.UsernsMode) ?? '',
    cgroupns: optString(hc.CgroupnsMode) ?? '',
  };
}

/** HostConfig modes → model namespace kinds; empty modes (engine default) are left out. */
export function requestedModes(modes: NamespaceModes): Partial<Record<NamespaceKind, string>> {
  const out: Partial<Record<NamespaceKind, string>> = {};
  const pairs: [NamespaceKind, string][] = [
    ['net', modes.network],
    ['pid', modes.pid],
    ['ipc', modes.ipc],
    ['uts', modes.uts],
    ['user', modes.userns],
    ['cgroup', modes.cgroupns],
  ];
  for (const [kind, mode] of pairs) if (mode) out[kind] = mode;
  return out;
}

/** A header's first value, trimmed; undefined when absent or empty. */
export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
}
