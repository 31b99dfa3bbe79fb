/** What the Docker-style engines (Docker, Podman) share in their records. */
import type { ContainerState } from '../../model';
import { isObject, optString, pidField, ShapeError, stringList, stringMap, type Json } from './json';

/** One row of a container list, as Docker's and libpod's list both give it. */
export interface ListedContainer {
  id: string;
  names: string[];
  /** First name, or the short id when the engine sent none. */
  name: string;
  image: string;
  imageId?: string;
  /** Raw engine state (`running`, `exited`…). */
  state: string;
  /** Human status, e.g. `Up 3 minutes` (empty where the engine gives none). */
  status: string;
  labels: Record<string, string>;
}

/** An engine's state word → the model's state, by table; anything not in it is `unknown`. */
export function mapState(table: Readonly<Record<string, ContainerState>>, state: string | undefined): ContainerState {
  return table[(state ?? '').trim().toLowerCase()] ?? 'unknown';
}

/** A raw list whose every item passes `validate`; the first that does not fails the whole list. */
export function validateItems<T>(
  raw: unknown,
  what: string,
  validate: (item: unknown, i: number) => T | ShapeError,
): T[] | ShapeError {
  if (!Array.isArray(raw)) return new ShapeError(`${what} is not an array`);
  const out: T[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item = validate(raw[i], i);
    if (item instanceof ShapeError) return item;
    out.push(item);
  }
  return out;
}

/**
 * A list row's shared fields, checked as both engines need them; `validId` is the engine's rule for
 * `Id`. Returns the raw row beside them for the fields only one engine has.
 */
export function validateListedContainer(
  c: unknown,
  i: number,
  validId: (id: string) => boolean,
): { row: Json; listed: ListedContainer } | ShapeError {
  if (!isObject(c)) return new ShapeError(`item ${i} is not an object`);
  if (typeof c.Id !== 'string' || !validId(c.Id)) return new ShapeError(`item ${i} has no valid Id`);
  const names = stringList(c.Names, `item ${i}.Names`);
  if (names instanceof ShapeError) return names;
  const labels = stringMap(c.Labels, `item ${i}.Labels`);
  if (labels instanceof ShapeError) return labels;
  const listed: ListedContainer = {
    id: c.Id,
    names,
    name: names[0] ?? c.Id.slice(0, 12),
    image: optString(c.Image) ?? '',
    imageId: optString(c.ImageID),
    state: optString(c.State) ?? '',
    status: optString(c.Status) ?? '',
    labels,
  };
  return { row: c, listed };
}

/** What Docker's and libpod's inspect share and check alike: the Id, the State with its PID, Config.Labels. */
export interface InspectHead {
  /** The answer itself, for the fields only one engine has. */
  row: Json;
  id: string;
  /** Without Docker's leading `/`. */
  name: string;
  state: Json;
  pid: number;
  labels: Record<string, string>;
}

export function validateInspectHead(raw: unknown): InspectHead | ShapeError {
  if (!isObject(raw)) return new ShapeError('inspect answer is not an object');
  if (typeof raw.Id !== 'string' || !raw.Id) return new ShapeError('no Id');
  if (!isObject(raw.State)) return new ShapeError('no State');
  const pid = pidField(raw.State.Pid, 'State.Pid');
  if (pid instanceof ShapeError) return pid;
  const config = isObject(raw.Config) ? raw.Config : {};
  const labels = stringMap(config.Labels, 'Config.Labels');
  if (labels instanceof ShapeError) return labels;
  return { row: raw, id: raw.Id, name: (optString(raw.Name) ?? '').replace(/^\//, ''), state: raw.State, pid, labels };
}
