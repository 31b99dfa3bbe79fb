/**
 * Which setting a key path names: in a compose file the path below `services.<name>`, in a
 * Kubernetes manifest the path below the pod spec of a workload kind, split at the container.
 */
import type { Document } from 'yaml';
import { COMPOSE_SETTINGS } from './composeTable';
import { KUBE_SETTINGS } from './kubeTable';
import { nodeAt, plainValue, topString, type PathPart } from './locate';
import type { SettingRow, Written } from './types';

/** Where the pod spec sits in each workload kind. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

export type Owner =
  | { readonly kind: 'compose'; readonly service: string }
  | {
      readonly kind: 'kubernetes';
      readonly workload: string;
      readonly name?: string;
      readonly namespace?: string;
      /** The container's `name` when the setting is a container's. */
      readonly container?: string;
    };

export interface Setting {
  /** The table key, e.g. `network_mode`, `container.securityContext.privileged`. */
  readonly key: string;
  /** How the key is shown: the last name on the path (`mem_limit`, `privileged`). */
  readonly label: string;
  readonly row: SettingRow;
  readonly written: Written;
  readonly owner: Owner;
}

/** The pod a workload document makes (its metadata), and one of its containers when named. */
export function kubeOwner(doc: Document.Parsed, workload: string, container?: string): Owner {
  const metadata = (n: string) => {
    const v = plainValue(nodeAt(doc, ['metadata', n]), doc);
    return typeof v === 'string' ? v : undefined;
  };
  return { kind: 'kubernetes', workload, name: metadata('name'), namespace: metadata('namespace'), container };
}

export function startsWith(path: readonly PathPart[], prefix: readonly PathPart[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** The longest table key that is a prefix of `names`, with how many names it took. */
function lookup(table: Readonly<Record<string, SettingRow>>, prefix: string, names: readonly string[]) {
  for (let n = names.length; n > 0; n--) {
    const key = prefix + names.slice(0, n).join('.');
    const row = table[key];
    if (row) return { key, row, taken: n };
  }
  return undefined;
}

/** The written value at the row's node, and the part under the cursor when it is deeper. */
function writtenAt(doc: Document.Parsed, base: readonly PathPart[], rest: readonly PathPart[], taken: number): Written {
  let names = 0;
  let cut = 0;
  while (cut < rest.length && names < taken) if (typeof rest[cut++] === 'string') names++;
  const value = plainValue(nodeAt(doc, [...base, ...rest.slice(0, cut)]), doc);
  if (cut === rest.length) return { value };
  return { value, item: plainValue(nodeAt(doc, [...base, ...rest]), doc) };
}

function names(path: readonly PathPart[]): string[] {
  return path.filter((p): p is string => typeof p === 'string');
}

export function composeSetting(doc: Document.Parsed, path: readonly PathPart[]): Setting | undefined {
  if (path[0] !== 'services' || typeof path[1] !== 'string' || path.length < 3) return undefined;
  const rest = path.slice(2);
  const found = lookup(COMPOSE_SETTINGS, '', names(rest));
  if (!found || typeof rest[0] !== 'string') return undefined;
  return {
    key: found.key,
    label: found.key.split('.').at(-1)!,
    row: found.row,
    written: writtenAt(doc, path.slice(0, 2), rest, found.taken),
    owner: { kind: 'compose', service: path[1] },
  };
}

export function kubeSetting(doc: Document.Parsed, path: readonly PathPart[]): Setting | undefined {
  const workload = topString(doc, 'kind');
  const podSpec = workload ? POD_SPEC_PATHS[workload] : undefined;
  if (!workload || !podSpec || !startsWith(path, podSpec)) return undefined;
  let base: PathPart[] = [...podSpec];
  let rest = path.slice(podSpec.length);
  let prefix = '';
  let container: string | undefined;
  if (typeof rest[0] === 'string' && CONTAINER_LISTS.has(rest[0]) && typeof rest[1] === 'number') {
    base = [...base, rest[0], rest[1]];
    const name = plainValue(nodeAt(doc, [...base, 'name']), doc);
    container = typeof name === 'string' ? name : undefined;
    rest = rest.slice(2);
    prefix = 'container.';
  }
  const found = lookup(KUBE_SETTINGS, prefix, names(rest));
  if (!found) return undefined;
  return {
    key: found.key,
    label: found.key.split('.').at(-1)!,
    row: found.row,
    written: writtenAt(doc, base, rest, found.taken),
    owner: kubeOwner(doc, workload, container),
  };
}
