import * as assert from 'node:assert/strict';
import { diagramPayload, parseHostMessage, parsePanelState, parseWebviewMessage } from '../../../src/shared/protocol';

describe('webview message protocol', () => {
  it('accepts the messages the webview sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'rendered', diagramId: 'd', svgBytes: 10, elapsedMs: 2 }), {
      type: 'rendered',
      diagramId: 'd',
      svgBytes: 10,
      elapsedMs: 2,
    });
  });

  it('rejects anything malformed instead of trusting it', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'rendered', diagramId: 5 },
      { type: 'renderFailed', diagramId: 'd', message: 'x'.repeat(5000) },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 60));
    }
    assert.equal(
      parseHostMessage({
        type: 'showDiagram',
        diagram: { id: 'a', title: 't', caption: ['one'], source: '' },
        tabs: [],
      }),
      undefined,
    );
    assert.equal(
      parseWebviewMessage({ type: 'exportSvg', diagramId: 'd', svg: '<script>alert(1)</script>' }),
      undefined,
      'only an SVG is exported',
    );
    assert.equal(parseWebviewMessage({ type: 'selectDiagram', diagramId: { id: 'x' } }), undefined);
    assert.equal(parsePanelState({ diagramId: 42 }), undefined);
  });

  it('drops fields it does not know', () => {
    const parsed = parseWebviewMessage({ type: 'ready', extra: '<script>' });
    assert.deepEqual(parsed, { type: 'ready' });
  });

  it('a click on a container node carries only a node id of our own shape; the payload only node ids', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'openContainerNode', diagramId: 'live-host', nodeId: 'c12' }), {
      type: 'openContainerNode',
      diagramId: 'live-host',
      nodeId: 'c12',
    });
    for (const nodeId of ['docker::abc', '<img>', 'c1"', '', 'x'.repeat(40), 7])
      assert.equal(
        parseWebviewMessage({ type: 'openContainerNode', diagramId: 'd', nodeId }),
        undefined,
        String(nodeId),
      );
    const payload = diagramPayload({
      id: 'container-anatomy',
      title: 't',
      caption: ['a', 'b'],
      source: 's',
      nodeContainers: { p0: 'docker::secret-key' },
    });
    assert.deepEqual(payload.containerNodes, ['p0']);
    assert.ok(!JSON.stringify(payload).includes('secret-key'), 'the keys stay in the extension');
    const parsed = parseHostMessage({
      type: 'showDiagram',
      diagram: { ...payload, containerNodes: ['p0', 'bad id', { x: 1 }] },
      tabs: [],
    });
    assert.deepEqual(parsed?.type === 'showDiagram' && parsed.diagram.containerNodes, ['p0']);
  });

  it("carries a diagram's further charts, strings only and a few at most", () => {
    const payload = diagramPayload({
      id: 'container-usage',
      title: 't',
      caption: ['a', 'b'],
      source: 's',
      moreSources: ['c'],
    });
    assert.deepEqual(payload.moreSources, ['c']);
    assert.equal('moreSources' in diagramPayload({ id: 'x', title: 't', caption: ['a', 'b'], source: 's' }), false);
    const parsed = parseHostMessage({
      type: 'showDiagram',
      diagram: { ...payload, moreSources: ['c', 7, 'd', 'e', 'f', 'g', 'h'] },
      tabs: [],
    });
    assert.deepEqual(parsed?.type === 'showDiagram' && parsed.diagram.moreSources, ['c', 'd', 'e', 'f']);
  });
});
