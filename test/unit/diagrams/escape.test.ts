import * as assert from 'node:assert/strict';
import { escapeMermaidLabel, quotedLabel } from '../../../src/core/diagrams/escape';

/** Undo Mermaid's `#NN;` codes and the HTML references they become, as the browser would show them. */
function asDisplayed(label: string): string {
  return label.replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));
}

describe('escapeMermaidLabel', () => {
  const hostile = [
    'x"]; click A "javascript:alert(1)"',
    '<img src=x onerror=alert(1)>',
    '[run](command:workbench.action.terminal.new)',
    '`**bold**`',
    'a %% comment',
    'semi;colon & amp #quot; {curly} |pipe|',
  ];

  for (const text of hostile) {
    it(`keeps ${JSON.stringify(text)} as literal text`, () => {
      const escaped = escapeMermaidLabel(text);
      // Nothing left that Mermaid's grammar or HTML could act on…
      assert.doesNotMatch(escaped.replace(/#\d+;/g, ''), /["<>[\]{}();`%|&#]/);
      // …and the browser shows exactly what the engine reported.
      assert.equal(asDisplayed(escaped), text);
    });
  }

  it('leaves ordinary names readable', () => {
    assert.equal(escapeMermaidLabel('anatomy-limits_1.2:latest'), 'anatomy-limits_1.2:latest');
  });

  it('folds line breaks so a label cannot start a new statement', () => {
    assert.equal(escapeMermaidLabel('a\nb\r\nc'), 'a b c');
  });

  it('caps very long labels with an ellipsis', () => {
    const escaped = escapeMermaidLabel('x'.repeat(500), 10);
    assert.equal(asDisplayed(escaped), 'xxxxxxxxx…');
  });

  it('quotes labels', () => {
    assert.equal(quotedLabel('a"b'), '"a#34;b"');
  });
});
