import * as assert from 'node:assert/strict';
import { buildDiagram, DIAGRAM_IDS } from '../../../src/core/diagrams';
import { blockStack } from '../../../src/core/diagrams/blockStack';

/** A block diagram's rows as Mermaid reads them: each line of cells, as `[id, span]` pairs. */
function rows(source: string): Array<Array<[string, number]>> {
  return source
    .split('\n')
    .slice(2)
    .filter((l) => !/^\s*(classDef|class) /.test(l))
    .map((l) => [...l.matchAll(/(\w+)(?:\["[^"]*"\])?(?::(\d+))?(?=\s|$)/g)].map((m) => [m[1], Number(m[2] ?? 1)]));
}

describe('guide diagrams', () => {
  it('the container stack is layers: containers side by side on one runtime, one kernel, one server, each full width', () => {
    const d = buildDiagram('container-architecture');
    assert.match(d.source, /^block-beta\n {2}columns 4\n/);
    const r = rows(d.source);
    assert.deepEqual(
      r.map((row) => row.map(([id]) => id)),
      [['c1', 'c2', 'c3', 'c4'], ['lib1', 'lib2', 'lib3', 'lib4'], ['runtime'], ['kernel'], ['hw']],
    );
    // The layers under the containers span all four columns.
    for (const layer of r.slice(2)) assert.deepEqual(layer[0][1], 4);
    for (const app of ['Node.js', 'Python', 'Redis', 'Nginx']) assert.match(d.source, new RegExp(app));
    assert.match(d.source, /One shared Linux kernel/);
    assert.doesNotMatch(d.source, /guest OS/i);
  });

  it('the VM stack: each VM a column with its own guest OS, on a full-width hypervisor and server', () => {
    const d = buildDiagram('vm-architecture');
    const r = rows(d.source);
    assert.deepEqual(r.at(-2), [['hyp', 3]]);
    assert.deepEqual(r.at(-1), [['hw', 3]]);
    assert.equal((d.source.match(/Guest OS: /g) ?? []).length, 3, 'one guest OS per VM');
  });

  it('every row of every guide stack fills its grid, so the layers line up', () => {
    for (const id of ['vm-architecture', 'container-architecture', 'runtime-layers', 'containers-in-vms'] as const) {
      const source = buildDiagram(id).source;
      const columns = Number(/columns (\d+)/.exec(source)![1]);
      for (const row of rows(source))
        assert.equal(
          row.reduce((sum, [, span]) => sum + span, 0),
          columns,
          `${id}: ${JSON.stringify(row)}`,
        );
    }
  });

  it('a stack row that does not fill the grid is refused', () => {
    assert.throws(() => blockStack(3, [[{ id: 'a', label: 'A', span: 2 }]]), /spans 2 columns, not 3/);
  });

  it('every diagram has a title and a two-line caption', () => {
    for (const id of DIAGRAM_IDS) {
      const d = buildDiagram(id);
      assert.equal(d.id, id);
      assert.ok(d.title.length > 0);
      assert.equal(d.caption.length, 2);
      assert.ok(d.caption.every((line) => line.length > 10));
    }
  });
});
