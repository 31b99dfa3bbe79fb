import { NAMESPACE_KINDS, type ContainerInfo, type HostSnapshot, type NamespaceKind, type RuntimeInfo } from '../model';
import { formatBytes, formatCpus } from '../format';
import { RUNTIME_TITLES } from '../runtimeTitles';
import { diagramSpec, type DiagramSpec } from './diagram';
import { multilineLabel, quotedLabel } from './escape';
import { gridLinks, LAYOUT_FRONTMATTER } from './layout';
import { seriousFindings } from '../privileges/serious';

/**
 * This host, live: the runtime chains found, the containers under each (grouped by pod), and the
 * namespaces they share — dotted edges to the host, thick edges between containers. Every label
 * that comes from the host goes through quotedLabel, so names, images and labels stay text.
 */

export interface LiveHostOptions {
  /** Containers drawn per runtime before the rest fold into a "+N more" node: keeps big hosts readable. */
  maxContainersPerRuntime?: number;
  /** Draw stopped containers too (they have no namespaces to share). */
  includeStopped?: boolean;
  /** The container to highlight (ContainerInfo.key), e.g. revealed from the tree. */
  highlightKey?: string;
}

export const DEFAULT_MAX_CONTAINERS_PER_RUNTIME = 24;

/** Sharing these with the host is the engines' default for ordinary containers: listed, not drawn. */
const USUALLY_SHARED_WITH_HOST: ReadonlySet<NamespaceKind> = new Set(['user', 'time']);
/** On cgroup v1 engines keep containers in the host's cgroup namespace by default too. */
const USUALLY_SHARED_WITH_HOST_ON_V1: ReadonlySet<NamespaceKind> = new Set(['user', 'time', 'cgroup']);

function usuallySharedWithHost(snapshot: HostSnapshot): ReadonlySet<NamespaceKind> {
  return snapshot.host.cgroupVersion === '2' ? USUALLY_SHARED_WITH_HOST : USUALLY_SHARED_WITH_HOST_ON_V1;
}

export function runtimeChainText(runtime: RuntimeInfo): string {
  const links = runtime.chain.map((l) => (l.version ? `${l.name} ${l.version}` : l.name));
  return links.length > 0 ? links.join(' → ') : RUNTIME_TITLES[runtime.kind];
}

function limitsLine(c: ContainerInfo): string | undefined {
  const cg = c.cgroup;
  if (!cg) return undefined;
  const parts: string[] = [];
  if (cg.memory && cg.memory.limitBytes !== null) parts.push(`mem ${formatBytes(cg.memory.limitBytes)}`);
  if (cg.cpu && cg.cpu.cpus !== null) parts.push(formatCpus(cg.cpu.cpus));
  if (cg.pids && cg.pids.limit !== null) parts.push(`pids ${cg.pids.limit}`);
  // No limit is every container's default: the legend says it once.
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * A container's box says only where it differs from the legend: a namespace the engines usually
 * leave with the host that this one has of its own (the others' differences are drawn as edges).
 */
function containerLabel(c: ContainerInfo, usual: ReadonlySet<NamespaceKind>, group?: string): string {
  // Each line is escaped on its own; the <br/> between them is ours.
  const lines = [c.name, `${c.image} · ${c.state}`];
  if (group) lines.push(group);
  const limits = limitsLine(c);
  if (limits) lines.push(limits);
  const unusual = (c.namespaces?.entries ?? [])
    .filter((e) => usual.has(e.kind) && (e.verdict.kind === 'isolated' || e.verdict.kind === 'shared'))
    .map((e) => e.kind);
  if (unusual.length > 0) lines.push(`own ns: ${unusual.join(', ')}`);
  if (c.kernelDetailNote && !c.namespaces) lines.push(c.kernelDetailNote);
  const weak = seriousFindings(c.privileges?.explanation).length;
  if (weak > 0) lines.push(`⚠ ${weak} weak spot${weak === 1 ? '' : 's'}`);
  return multilineLabel(lines);
}

/** What every container here has unless its box or an edge says otherwise: said once. */
function legendText(usual: ReadonlySet<NamespaceKind>): string[] {
  const own = NAMESPACE_KINDS.filter((k) => !usual.has(k));
  return [
    'Unless drawn otherwise, every container here',
    `shares the host's ${[...usual].sort().join(', ')} namespaces`,
    `and has its own ${own.join(', ')};`,
    'no cgroup limits unless its box lists them',
  ];
}

/** The group a container is drawn in inside its engine: its pod, else its compose project. */
function groupOf(c: ContainerInfo): { key: string; title: string } | undefined {
  if (c.pod) {
    const pod = c.pod;
    return {
      key: `pod/${c.containerdNamespace ?? ''}/${pod.namespace ?? ''}/${pod.name}`,
      title: `pod ${pod.namespace ? pod.namespace + '/' : ''}${pod.name}`,
    };
  }
  const project = c.labels[COMPOSE_PROJECT_LABEL];
  return project ? { key: `compose/${project}`, title: `compose project ${project}` } : undefined;
}

const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

/**
 * When a host has more containers than fit, the ones that teach something are drawn first: the
 * highlighted one, those sharing namespaces with other containers or with the host, those with
 * limits, pod members; the engine's order decides among equals.
 */
function mostTelling(
  containers: ContainerInfo[],
  highlightKey: string | undefined,
  usual: ReadonlySet<NamespaceKind>,
): ContainerInfo[] {
  const score = (c: ContainerInfo): number => {
    if (c.key === highlightKey) return 0;
    const verdicts = c.namespaces?.entries ?? [];
    if (verdicts.some((e) => e.verdict.kind === 'shared' && !e.verdict.engine)) return 1;
    if (verdicts.some((e) => e.verdict.kind === 'host' && !usual.has(e.kind))) return 2;
    const cg = c.cgroup;
    if (
      cg &&
      ((cg.memory && cg.memory.limitBytes !== null) ||
        (cg.cpu && cg.cpu.cpus !== null) ||
        (cg.pids && cg.pids.limit !== null))
    )
      return 3;
    if (c.pod) return 4;
    return 5;
  };
  return containers
    .map((c, index) => ({ c, index, score: score(c) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((x) => x.c);
}

export function liveHostDiagram(snapshot: HostSnapshot, options: LiveHostOptions = {}): DiagramSpec {
  const cap = options.maxContainersPerRuntime ?? DEFAULT_MAX_CONTAINERS_PER_RUNTIME;
  const usual = usuallySharedWithHost(snapshot);
  const lines = [...LAYOUT_FRONTMATTER, 'flowchart LR'];
  const nodeOfKey = new Map<string, string>();
  const weakIds: string[] = [];
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}${counter++}`;

  const cgroupText =
    snapshot.host.cgroupVersion === 'hybrid' ? 'cgroup v1 + v2 (hybrid)' : `cgroup v${snapshot.host.cgroupVersion}`;
  // A stadium, not a circle: a circle as wide as this label is as tall, and the fit would shrink everything for it.
  lines.push(`  hostns([${quotedLabel(`Host namespaces · ${cgroupText}`)}])`);
  lines.push(`  legend[${multilineLabel(legendText(usual))}]:::legend`, '  hostns ~~~ legend');

  const reachable = snapshot.runtimes.filter((r) => r.status.state === 'ok');
  if (reachable.length === 0) {
    const why = snapshot.runtimes.map(
      (r) => `${RUNTIME_TITLES[r.kind]}: ${r.status.state === 'ok' ? 'ok' : r.status.detail}`,
    );
    lines.push(
      `  none["${quotedLabel(['No container engine reachable on this host', ...why].join(' · ')).slice(1, -1)}"]`,
    );
  }

  for (const runtime of reachable) {
    const rid = nextId('rt');
    lines.push(
      `  subgraph ${rid}[${quotedLabel(runtimeChainText(runtime) + (runtime.inVm ? ` (in a VM: ${runtime.inVm.reason})` : ''))}]`,
    );
    lines.push('    direction TB');
    const mine = snapshot.containers.filter(
      (c) => c.runtime === runtime.kind && (options.includeStopped || c.state === 'running' || c.state === 'paused'),
    );
    const shown = mostTelling(mine, options.highlightKey, usual).slice(0, cap);
    // Pod members and compose projects are grouped; everything else sits directly in the runtime.
    const groups = new Map<string, { title: string; members: ContainerInfo[] }>();
    const loose: ContainerInfo[] = [];
    for (const c of shown) {
      const group = groupOf(c);
      if (!group) loose.push(c);
      else if (groups.has(group.key)) groups.get(group.key)!.members.push(c);
      else groups.set(group.key, { title: group.title, members: [c] });
    }
    const emit = (c: ContainerInfo, indent: string, group?: string): string => {
      const id = nextId('c');
      nodeOfKey.set(c.key, id);
      if (seriousFindings(c.privileges?.explanation).length > 0) weakIds.push(id);
      lines.push(`${indent}${id}[${containerLabel(c, usual, group)}]`);
      return id;
    };
    // A group of one is a line in its box, not a frame: a frame around one box takes the room of two.
    const alone: Array<{ c: ContainerInfo; title: string }> = [];
    for (const { title, members } of groups.values()) {
      if (members.length === 1) {
        alone.push({ c: members[0], title });
        continue;
      }
      lines.push(`    subgraph ${nextId('grp')}[${quotedLabel(title)}]`);
      const ids = members.map((c) => emit(c, '      '));
      lines.push(...gridLinks(ids, '      '), '    end');
    }
    const looseIds = [...loose.map((c) => emit(c, '    ')), ...alone.map(({ c, title }) => emit(c, '    ', title))];
    if (mine.length > shown.length) {
      const more = nextId('more');
      lines.push(`    ${more}["+${mine.length - shown.length} more"]`);
      looseIds.push(more);
    }
    lines.push(...gridLinks(looseIds, '    '));
    if (mine.length === 0) lines.push(`    ${nextId('empty')}["no running containers"]`);
    lines.push('  end');
  }

  // Sharing edges, once per pair, labelled with the namespace kinds they share.
  const hostEdges: string[] = [];
  const pairKinds = new Map<string, NamespaceKind[]>();
  for (const c of snapshot.containers) {
    const from = nodeOfKey.get(c.key);
    if (!from) continue;
    const toHost: NamespaceKind[] = [];
    for (const entry of c.namespaces?.entries ?? []) {
      if (entry.verdict.kind === 'host' && !usual.has(entry.kind)) toHost.push(entry.kind);
      // The engine's own namespace (rootless Podman's user namespace) is no pair's: no edges for it.
      if (entry.verdict.kind === 'shared' && !entry.verdict.engine) {
        for (const other of entry.verdict.withKeys) {
          const to = nodeOfKey.get(other);
          if (!to || other <= c.key) continue;
          const pair = `${from}|${to}`;
          pairKinds.set(pair, [...(pairKinds.get(pair) ?? []), entry.kind]);
        }
      }
    }
    if (toHost.length > 0) hostEdges.push(`  ${from} -.-|${quotedLabel(toHost.join(', '))}| hostns`);
  }
  lines.push(...hostEdges);
  for (const [pair, kinds] of pairKinds) {
    const [from, to] = pair.split('|');
    lines.push(`  ${from} ===|${quotedLabel(kinds.join(', '))}| ${to}`);
  }

  // Containers with serious weak spots (privileges): an amber border, under the highlight.
  lines.push('  classDef weakspots stroke:#d29922,stroke-width:3px');
  if (weakIds.length > 0) lines.push(`  class ${weakIds.join(',')} weakspots`);
  // Containers in a namespace with another stand out: a heavier border beside the thick edge.
  const sharing = [...new Set([...pairKinds.keys()].flatMap((pair) => pair.split('|')))];
  lines.push('  classDef sharing stroke-width:3px');
  if (sharing.length > 0) lines.push(`  class ${sharing.join(',')} sharing`);
  lines.push('  classDef legend stroke-dasharray:3 3');
  lines.push('  classDef highlighted stroke-width:4px,stroke-dasharray:0');
  const highlighted = options.highlightKey ? nodeOfKey.get(options.highlightKey) : undefined;
  if (highlighted) lines.push(`  class ${highlighted} highlighted`);

  const running = snapshot.containers.filter((c) => c.state === 'running').length;
  const spec = diagramSpec(
    'live-host',
    [
      `${reachable.length} engine${reachable.length === 1 ? '' : 's'} reachable, ${running} running container${running === 1 ? '' : 's'}. Thick edges: namespaces two containers share; dotted: shared with the host.`,
      snapshot.host.cgroupVersion === '2'
        ? 'User and time namespaces are shared with the host unless user-namespace remapping is on: the legend says so once; a box says "own ns" where a container differs.'
        : 'User, time and (on cgroup v1) cgroup namespaces are shared with the host by default: the legend says so once; a box says "own ns" where a container differs.',
    ],
    lines.join('\n'),
  );
  // Clicking a container opens its anatomy: the webview attaches the handlers to these node ids.
  return { ...spec, nodeContainers: Object.fromEntries([...nodeOfKey].map(([key, id]) => [id, key])) };
}
