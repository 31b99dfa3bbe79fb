/**
 * One container's anatomy: its init process in the middle, the layers around it — its eight
 * namespaces (own, the host's, or shared, with an edge to whoever shares it), its cgroup (limits
 * against usage), its privileges — the runtime chain that started it above, and the one kernel every
 * container shares below: the guide's container stack, drawn with this container's real values.
 * Every label that comes from the host goes through the escaper.
 */
import { displayName } from '../displayText';
import type { ContainerInfo, HostSnapshot, NamespaceEntry, RuntimeInfo } from '../model';
import { RUNTIME_TITLES } from '../runtimeTitles';
import { ANATOMY_DIAGRAM_ID, type DiagramSpec } from './diagram';
import { cgroupLines, initLines, kernelLines, namespaceLines, privilegeLines, weakSpotLines } from './anatomyText';
import { multilineLabel, quotedLabel } from './escape';
import { dagreFlowchart, gridLinks, LAYOUT_FRONTMATTER } from './layout';

export const ANATOMY_TITLE = 'Container anatomy';

const GRID_RANK: Record<NamespaceEntry['verdict']['kind'], number> = { isolated: 0, unknown: 1, shared: 2, host: 3 };

/** The container a CLI argument or a command names: its key, its exact name, or a unique id prefix. */
export function findContainer(snapshot: HostSnapshot, query: string): ContainerInfo | undefined {
  const byKey = snapshot.containers.find((c) => c.key === query);
  if (byKey) return byKey;
  const byName = snapshot.containers.filter((c) => c.name === query || c.name === query.replace(/^\//, ''));
  if (byName.length === 1) return byName[0];
  if (query.length < 4) return undefined;
  const byId = snapshot.containers.filter((c) => c.id.startsWith(query));
  return byId.length === 1 ? byId[0] : undefined;
}

function placeholderDiagram(first: string, label: string): DiagramSpec {
  return {
    id: ANATOMY_DIAGRAM_ID,
    title: ANATOMY_TITLE,
    caption: [first, 'The diagram follows the engines: it is drawn again as soon as the container is read.'],
    source: `${dagreFlowchart('TB')}\n  gone[${quotedLabel(label)}]`,
  };
}

function chainLinks(runtime: RuntimeInfo | undefined, c: ContainerInfo): string[] {
  if (!runtime || runtime.chain.length === 0) return [RUNTIME_TITLES[c.runtime]];
  return runtime.chain.map((l) => `${l.role}: ${l.name}${l.version ? ` ${l.version}` : ''}`);
}

/** The diagram of one container (ContainerInfo.key) in this snapshot. */
export function containerAnatomyDiagram(snapshot: HostSnapshot | undefined, key: string): DiagramSpec {
  if (!snapshot) return placeholderDiagram('Reading the container engines on this host…', 'Reading this host…');
  const c = snapshot.containers.find((x) => x.key === key);
  if (!c) return placeholderDiagram('This container is no longer on this host.', `No container ${key} on this host`);
  const nameOfKey = (k: string) => snapshot.containers.find((x) => x.key === k)?.name ?? k;
  const runtime = snapshot.runtimes.find((r) => r.kind === c.runtime);
  const lines = [...LAYOUT_FRONTMATTER, 'flowchart TB'];
  const nodeContainers: Record<string, string> = {};

  // The runtime chain that started it, outermost first, on one row.
  lines.push(`  subgraph chain[${quotedLabel('Started by')}]`, '    direction LR');
  const chainIds = chainLinks(runtime, c).map((text, i) => {
    lines.push(`    r${i}[${quotedLabel(text)}]`);
    return `r${i}`;
  });
  for (let i = 1; i < chainIds.length; i++) lines.push(`    ${chainIds[i - 1]} --> ${chainIds[i]}`);
  lines.push('  end');

  // The container: its init process, the namespaces around it, cgroup and privileges.
  lines.push(`  subgraph ctr[${quotedLabel(`Container ${c.name}`)}]`, '    direction TB');
  lines.push(`    init[${multilineLabel(initLines(c))}]`);
  const entries: NamespaceEntry[] = c.namespaces?.entries ?? [];
  lines.push(`    subgraph nss[${quotedLabel(entries.length > 0 ? 'Its 8 namespaces' : 'Namespaces: not read')}]`);
  lines.push('      direction LR');
  // Own namespaces on the top row, the shared and the host's below, nearest whoever they lead to.
  const nsIds = entries
    .map((e, i) => ({ e, i, rank: GRID_RANK[e.verdict.kind] }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ e, i }) => {
      lines.push(`      ns${i}[${multilineLabel(namespaceLines(e, nameOfKey))}]:::${e.verdict.kind}`);
      return `ns${i}`;
    });
  if (entries.length === 0) {
    lines.push(`      ns_none[${quotedLabel(c.namespaces?.inodesNote ?? c.kernelDetailNote ?? 'not read')}]`);
  }
  lines.push(...gridLinks(nsIds, '      ', 4));
  lines.push('    end');
  lines.push(`    cg[${multilineLabel(cgroupLines(c))}]`);
  lines.push(`    priv[${multilineLabel(privilegeLines(c))}]`);
  const weak = weakSpotLines(c);
  if (weak) lines.push(`    weak[${multilineLabel(weak)}]:::weak`);
  lines.push('    init --- nss', '    init --- cg', '    init --- priv');
  if (weak) lines.push('    priv --- weak');
  lines.push('  end');

  // Whoever shares a namespace with it: the host, and the named containers.
  const peerOfKey = new Map<string, string>();
  const sharingEdges: string[] = [];
  entries.forEach((e, i) => {
    if (e.verdict.kind === 'host') {
      sharingEdges.push(`  ns${i} -.- hostns`);
    } else if (e.verdict.kind === 'shared' && !e.verdict.engine) {
      for (const other of e.verdict.withKeys) {
        let peer = peerOfKey.get(other);
        if (!peer) {
          peer = `p${peerOfKey.size}`;
          peerOfKey.set(other, peer);
          nodeContainers[peer] = other;
        }
        sharingEdges.push(`  ns${i} ===|${quotedLabel(e.kind)}| ${peer}`);
      }
    }
  });
  if (peerOfKey.size > 0) {
    lines.push(`  subgraph peers[${quotedLabel('Shares namespaces with')}]`);
    for (const [other, peer] of peerOfKey) lines.push(`    ${peer}[${quotedLabel(nameOfKey(other))}]:::peer`);
    lines.push('  end');
  }
  // The kernel under every container, holding the host's own namespaces.
  lines.push(`  subgraph kernel[${quotedLabel(kernelLines(snapshot).join(' · '))}]`);
  lines.push(`    hostns((${quotedLabel("The host's namespaces")}))`);
  lines.push('  end');
  lines.push(`  chain -->|${quotedLabel('starts')}| init`);
  lines.push(...sharingEdges);
  // Keeps the kernel the bottom layer even when no namespace leads to it.
  lines.push('  cg ~~~ hostns', '  priv ~~~ hostns');
  lines.push(
    '  classDef shared stroke-width:3px',
    '  classDef host stroke-dasharray:4 3',
    '  classDef weak stroke-width:3px,stroke-dasharray:2 2',
    '  classDef peer stroke-width:2px',
  );

  const own = entries.filter((e) => e.verdict.kind === 'isolated').length;
  const sharedWith = [...peerOfKey.keys()].map((k) => displayName(nameOfKey(k)));
  return {
    id: ANATOMY_DIAGRAM_ID,
    title: `Anatomy of ${displayName(c.name)}`,
    caption: [
      entries.length > 0
        ? `${own} of its ${entries.length} namespaces are its own; dashed ones are the host's${sharedWith.length > 0 ? `; thick edges lead to the containers it shares with (${sharedWith.join(', ')})` : ''}.`
        : 'Its namespaces could not be read on this host.',
      'Under it, like every container here, runs the one shared kernel; above it, the chain of programs that started it.',
    ],
    source: lines.join('\n'),
    nodeContainers,
  };
}
