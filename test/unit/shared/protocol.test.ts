import * as assert from 'node:assert/strict';
import { parseHostMessage, parsePanelState, parseWebviewMessage } from '../../../src/shared/protocol';

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
});
