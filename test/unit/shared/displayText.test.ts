import * as assert from 'node:assert/strict';
import { terminalSafe } from '../../../src/core/cli/renderTree';
import { escapeMermaidLabel } from '../../../src/core/diagrams/escape';
import { displayName, markdownText } from '../../../src/core/displayText';
import { nodeText } from '../../../src/core/tree/present';
import { buildTree, DEFAULT_TREE_OPTIONS } from '../../../src/core/tree/treeModel';
import { container, HOSTILE_TEXTS, hostileSnapshot } from '../../support/snapshots';
import { growth } from '../../support/growth';

/** VS Code's own pattern for links in notifications (src/vs/base/common/linkedText.ts). */
const VSCODE_NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** Codicon syntax rendered in quick pick labels. */
const CODICON = /\$\([a-z0-9-~]+\)/i;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `admin` reversed by a right-to-left override looks like `nimda`-style spoofing of another name. */
const SPOOF = 'web\u202Enimda\u202C\u2066x\u2069';

describe('names shown to people', () => {
  it('displayName: no link, no icon, no control or bidirectional character survives', () => {
    for (const name of [...HOSTILE_TEXTS, SPOOF, 'a$(alert)b', 'x\u001b[31mred\u009b', '\u200Fltr\u061C']) {
      const shown = displayName(name);
      assert.equal(shown.match(VSCODE_NOTIFICATION_LINK), null, `a link in ${JSON.stringify(shown)}`);
      assert.doesNotMatch(shown, CODICON);
      assert.doesNotMatch(shown, BIDI);
      assert.doesNotMatch(shown, CONTROL);
    }
    assert.equal(displayName(SPOOF), 'web\\u202enimda\\u202c\\u2066x\\u2069');
    assert.equal(displayName('[run](command:x)'), '[run] (command:x)');
    assert.equal(displayName('plain-name_1.2'), 'plain-name_1.2', 'ordinary names unchanged');
  });

  it('stays linear on a megabyte of hostile input', function () {
    this.timeout(20_000);
    const [small, large] = [31_250, 250_000].map((n) => '](\u202E$('.repeat(n));
    const all = (text: string) => () => {
      displayName(text);
      markdownText(text);
      terminalSafe(text);
    };
    // 8× the input: linear work costs 8× (up to about 14× measured here), quadratic 64×.
    const g = growth(all(small), all(large));
    assert.ok(g.ratio < 32, `8× the input took ${g.detail}`);
  });

  it('markdown, CLI and Mermaid show bidirectional characters as codes too', () => {
    assert.doesNotMatch(markdownText(SPOOF), BIDI);
    assert.match(markdownText(SPOOF), /\\\\u202e/);
    assert.doesNotMatch(terminalSafe(SPOOF), BIDI);
    const mermaid = escapeMermaidLabel(SPOOF);
    // Mermaid decodes #<decimal>; into a character: a bidi control must not be written as one either.
    const decoded = mermaid.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
    assert.doesNotMatch(decoded, BIDI);
    assert.match(decoded, /\\u202e/);
  });

  it('tree items: every label and description of the hostile snapshot is safe to show', () => {
    const s = hostileSnapshot();
    s.containers.push(container({ id: 'd4', name: SPOOF, image: '[x](command:workbench.action.terminal.new)' }));
    const model = buildTree(s, { ...DEFAULT_TREE_OPTIONS, groupBy: 'pod' });
    let checked = 0;
    for (const node of model.nodes.values()) {
      const { label, description } = nodeText(node);
      for (const text of [label, description ?? '']) {
        assert.equal(text.match(VSCODE_NOTIFICATION_LINK), null, text);
        assert.doesNotMatch(text, BIDI);
        checked++;
      }
    }
    assert.ok(checked > 20);
    assert.ok(
      [...model.nodes.values()].some((n) => n.label === SPOOF),
      'the model itself keeps the name as data',
    );
  });
});
