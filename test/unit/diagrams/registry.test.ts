import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, USAGE } from '../../../src/core/cli/args';
import { renderSnapshotTree } from '../../../src/core/cli/renderTree';
import { buildDiagram, DIAGRAM_IDS, diagramEntry, DIAGRAMS, liveHostDiagram } from '../../../src/core/diagrams';
import { diagramCommandUri } from '../../../src/core/dockerfile/hoverContent';
import { DIAGRAM_TITLES } from '../../../src/core/glossary';
import { RUNTIME_TITLES } from '../../../src/core/runtimeTitles';
import { buildTree, DEFAULT_TREE_OPTIONS, runtimeNodeId } from '../../../src/core/tree/treeModel';
import { hostileSnapshot } from '../../support/snapshots';
import { repoRoot } from '../../support/repoRoot';

describe('the diagram registry', () => {
  it('lists every diagram once, in the panel order, with a title and a tab title', () => {
    assert.deepEqual(
      DIAGRAMS.map((d) => d.id),
      [...DIAGRAM_IDS],
    );
    for (const d of DIAGRAMS) {
      assert.ok(d.title.length > 0 && d.tabTitle.length > 0 && d.tabTitle.length <= 24, d.id);
      const spec = d.build(hostileSnapshot());
      assert.equal(spec.id, d.id);
      assert.equal(spec.title, d.title, `${d.id}: the built diagram carries the registry's title`);
      assert.deepEqual(buildDiagram(d.id, hostileSnapshot()), spec);
    }
    assert.equal(liveHostDiagram(hostileSnapshot()).title, diagramEntry('live-host').title);
    assert.equal(buildDiagram('live-host').title, diagramEntry('live-host').title, 'before the first read too');
  });

  it('hover links name the diagrams by their registry titles', () => {
    for (const d of DIAGRAMS) assert.equal(DIAGRAM_TITLES[d.id], d.title);
  });

  it("the walkthrough's diagram links open registry diagrams and say their titles", () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: { steps: { description: string }[] }[] };
    };
    const descriptions = manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.description));
    const links = descriptions.flatMap((d) => [
      ...d.matchAll(/\[([^\]\n]+)\]\((command:containerAnatomy\.openDiagram\?[^)\s]+)\)/g),
    ]);
    assert.ok(links.length >= 6, `${links.length} diagram links`);
    const opened = new Set<string>();
    for (const [, text, uri] of links) {
      const arg = JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))) as { diagram: string };
      const entry = DIAGRAMS.find((d) => d.id === arg.diagram);
      assert.ok(entry, `${arg.diagram} is a registry diagram`);
      assert.equal(text, `Open diagram: ${entry.title}`);
      assert.equal(uri, diagramCommandUri(entry.id), 'the same command URI the hovers use');
      opened.add(entry.id);
    }
    assert.deepEqual([...opened].sort(), [...DIAGRAM_IDS].sort(), 'every diagram is reachable from the walkthrough');
  });

  it('the CLI offers every registry diagram and refuses others', () => {
    for (const d of DIAGRAMS) {
      assert.ok(USAGE.includes(d.id) && USAGE.includes(d.title), d.id);
      assert.deepEqual(parseArgs(['--mermaid', d.id]), { json: false, usage: false, diagram: { id: d.id } });
      // --diagram stays as the alias it was.
      assert.deepEqual(parseArgs(['--diagram', d.id]), { json: false, usage: false, diagram: { id: d.id } });
    }
    assert.deepEqual(parseArgs(['--diagram', 'x']), {
      error: `unknown diagram "x"; known: ${DIAGRAM_IDS.join(', ')}, anatomy:NAME, usage:NAME`,
    });
  });

  it('the CLI prints a container anatomy by name, and the live host when --mermaid names nothing', () => {
    assert.ok(USAGE.includes('--mermaid [DIAGRAM]') && USAGE.includes('anatomy:NAME') && USAGE.includes('usage:NAME'));
    assert.deepEqual(parseArgs(['--mermaid', 'anatomy:web']), {
      json: false,
      usage: false,
      diagram: { anatomyOf: 'web' },
    });
    assert.deepEqual(parseArgs(['--mermaid']), { json: false, usage: false, diagram: { id: 'live-host' } });
    assert.deepEqual(parseArgs(['--mermaid', '--usage']), {
      json: false,
      usage: true,
      diagram: { id: 'live-host' },
    });
    assert.ok('error' in (parseArgs(['--mermaid', 'anatomy:']) as object), 'anatomy: needs a name');
  });
});

describe('runtime titles: one map for the tree, the CLI and the live diagram', () => {
  it('each engine is called the same in all three', () => {
    const s = hostileSnapshot();
    s.runtimes = (['docker', 'podman', 'podman-rootless', 'containerd'] as const).map((kind) => ({
      kind,
      endpoint: `unix:///${kind}.sock`,
      status: { state: 'error', detail: '' },
      chain: [],
    }));
    const tree = buildTree(s, DEFAULT_TREE_OPTIONS);
    const cli = renderSnapshotTree(s);
    const diagram = liveHostDiagram(s).source;
    for (const [kind, title] of Object.entries(RUNTIME_TITLES) as [keyof typeof RUNTIME_TITLES, string][]) {
      assert.equal(tree.nodes.get(runtimeNodeId(kind))?.label, title);
      assert.ok(cli.includes(`${title} (unix:///${kind}.sock)`), `CLI: ${title}`);
      const asMermaid = title.replace(/[()]/g, (ch) => `#${ch.charCodeAt(0)};`);
      assert.ok(diagram.includes(asMermaid), `diagram: ${title}`);
    }
  });
});
