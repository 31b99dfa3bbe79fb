import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildDiagram, DIAGRAMS } from '../../../src/core/diagrams';
import { mermaidModulesOf, modulesToPreload, readWebviewModules } from '../../../src/panel/webviewModules';

// Which chunks each key names is checked in the browser (test/browser/loading.test.ts: what a page
// opened on each diagram requests against what it preloaded); here, how a source is read.
describe('the webview modules a diagram needs', () => {
  it('reads the diagram type after front matter and comments, and a flowchart’s layout from its front matter', () => {
    assert.deepEqual(mermaidModulesOf('block-beta\n  columns 2\n  a b'), ['blockDiagram']);
    assert.deepEqual(mermaidModulesOf('%% a comment\n\nxychart-beta\n  title "x"'), ['xychartDiagram']);
    assert.deepEqual(mermaidModulesOf('flowchart LR\n  a --> b'), ['flowDiagram', 'elk']);
    assert.deepEqual(mermaidModulesOf('graph TB\n  a --> b'), ['flowDiagram', 'elk']);
    assert.deepEqual(
      mermaidModulesOf('---\nconfig:\n  layout: dagre\n  flowchart:\n    wrappingWidth: 320\n---\nflowchart TB\n  a'),
      ['flowDiagram', 'dagre'],
    );
    assert.deepEqual(mermaidModulesOf('sequenceDiagram\n  a->>b: hi'), ['sequenceDiagram']);
    assert.deepEqual(mermaidModulesOf('pie\n  "a": 1'), [], 'a type not drawn here loads on demand');
  });

  it('every diagram of the panel draws a type it knows, and none leaves its flowchart to ELK', () => {
    for (const { id } of DIAGRAMS) {
      const spec = buildDiagram(id);
      const keys = [spec.source, ...(spec.moreSources ?? [])].flatMap(mermaidModulesOf);
      assert.ok(keys.length > 0, `${id}: ${spec.source.slice(0, 60)}`);
      assert.ok(!keys.includes('elk'), `${id} is laid out by dagre`);
    }
  });

  it('preloads what every page needs, then each source’s modules, once each', () => {
    const list = {
      entry: 'main.js',
      initial: ['chunks/core.js', 'chunks/helpers.js'],
      lazy: {
        xychartDiagram: ['chunks/xy.js', 'chunks/shared.js'],
        blockDiagram: ['chunks/block.js', 'chunks/shared.js'],
      },
    };
    assert.deepEqual(modulesToPreload(list, ['xychart-beta\n', 'xychart-beta\n']), [
      'chunks/core.js',
      'chunks/helpers.js',
      'chunks/xy.js',
      'chunks/shared.js',
    ]);
    assert.deepEqual(modulesToPreload(list, ['pie\n']), list.initial);
  });

  it('reads the build’s list, and none where it is missing or malformed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anatomy-modules-'));
    try {
      assert.equal(readWebviewModules(dir), undefined);
      writeFileSync(path.join(dir, 'webviewModules.json'), '{"entry":"main.js","initial":[1],"lazy":{}}');
      assert.equal(readWebviewModules(dir), undefined);
      writeFileSync(
        path.join(dir, 'webviewModules.json'),
        '{"entry":"main.js","initial":["chunks/a.js"],"lazy":{"x":["chunks/x.js"],"bad":"y"}}',
      );
      assert.deepEqual(readWebviewModules(dir), {
        entry: 'main.js',
        initial: ['chunks/a.js'],
        lazy: { x: ['chunks/x.js'] },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
