/**
 * The small shape checks every engine client uses at its boundary: raw JSON from a socket or a CLI
 * is `unknown` until one of these says otherwise. Each failure names the field, as a ShapeError.
 */
import { ShapeError } from './unixHttp';

export type Json = Record<string, unknown>;

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
