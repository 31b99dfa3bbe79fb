/**
 * Gives each container's namespace entries a verdict: shared with the host, shared with other
 * containers (a pod, `--network container:x`), isolated, or unknown.
 *
 * Pure and O(total entries): one pass builds `kind:inode → keys`, a second pass looks each entry up.
 * Kinds are part of the map key because an inode is only meaningful together with its kind.
 */
import {
  NAMESPACE_KINDS,
  type HostNamespaces,
  type NamespaceEntry,
  type NamespaceKind,
  type NamespaceReadStatus,
  type NamespaceReport,
  type NamespaceVerdict,
} from '../model';

export interface ContainerNamespaceReads {
  /** ContainerInfo.key; the keys named in `shared` verdicts. */
  key: string;
  /** What namespaces.ts read for the container's PID; kinds left out count as not read. */
  reads: Partial<Record<NamespaceKind, NamespaceReadStatus>>;
}

function mapKey(kind: NamespaceKind, inode: number): string {
  return `${kind}:${inode}`;
}

/** Returns one report per container key, entries in NAMESPACE_KINDS order. */
export function classifyNamespaces(
  containers: readonly ContainerNamespaceReads[],
  host: HostNamespaces,
): Map<string, NamespaceReport> {
  const holders = new Map<string, string[]>();
  for (const c of containers) {
    for (const kind of NAMESPACE_KINDS) {
      const read = c.reads[kind];
      if (read?.state !== 'ok') continue;
      const k = mapKey(kind, read.inode);
      const keys = holders.get(k);
      if (keys === undefined) holders.set(k, [c.key]);
      else if (keys[keys.length - 1] !== c.key) keys.push(c.key); // the same container listed twice is not sharing
    }
  }

  const reports = new Map<string, NamespaceReport>();
  for (const c of containers) {
    const entries: NamespaceEntry[] = NAMESPACE_KINDS.map((kind) => {
      const read: NamespaceReadStatus = c.reads[kind] ?? { state: 'error', detail: 'not read' };
      return { kind, read, verdict: verdictFor(kind, read, c.key, host, holders) };
    });
    reports.set(c.key, { entries });
  }
  return reports;
}

function verdictFor(
  kind: NamespaceKind,
  read: NamespaceReadStatus,
  key: string,
  host: HostNamespaces,
  holders: Map<string, string[]>,
): NamespaceVerdict {
  if (read.state !== 'ok') return { kind: 'unknown', reason: read.detail };
  if (host.self[kind] === read.inode || host.pid1[kind] === read.inode) return { kind: 'host' };
  const others = (holders.get(mapKey(kind, read.inode)) ?? []).filter((k) => k !== key);
  if (others.length > 0) return { kind: 'shared', withKeys: others };
  // Without a host reference for this kind we cannot tell "isolated" from "the host's".
  if (host.self[kind] === undefined && host.pid1[kind] === undefined) {
    return { kind: 'unknown', reason: `the host's own ${kind} namespace could not be read to compare with` };
  }
  return { kind: 'isolated' };
}
