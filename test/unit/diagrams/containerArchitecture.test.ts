import * as assert from 'node:assert/strict';
import { buildDiagram, DIAGRAM_IDS } from '../../../src/core/diagrams';

describe('guide diagrams', () => {
  it('the container stack runs from apps through one runtime and one kernel to the hardware', () => {
    const d = buildDiagram('container-architecture');
    assert.match(d.source, /^flowchart TB/);
    assert.match(d.source, /One shared Linux kernel/);
    assert.match(d.source, /Container runtime/);
    assert.match(d.source, /Physical server/);
    for (const app of ['Node.js', 'Python', 'Redis', 'Nginx']) assert.match(d.source, new RegExp(app));
    // The stack's order: containers → runtime → kernel → hardware, and no guest OS anywhere.
    const edges = d.source
      .split('\n')
      .filter((l) => l.includes('-->'))
      .map((l) => l.trim());
    assert.deepEqual(edges, ['containers --> runtime', 'runtime --> kernel', 'kernel --> hw']);
    assert.doesNotMatch(d.source, /guest OS/i);
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
