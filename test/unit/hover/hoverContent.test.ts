// The hover's markdown: escaped, linked only to the glossary's URLs and the one trusted command, and
// never carrying text from the document — whatever the document holds.
import * as assert from 'node:assert/strict';
import {
  OPEN_DIAGRAM_COMMAND,
  codeSpan,
  diagramCommandUri,
  escapeMarkdown,
  hoverAt,
  hoverMarkdown,
  inlineText,
  linesOf,
} from '../../../src/core/dockerfile';
import { DIAGRAM_IDS, DIRECTIVES, INSTRUCTIONS, TERMS } from '../../../src/core/glossary';
import type { DiagramId } from '../../../src/core/glossary';
import type { Located } from '../../../src/core/dockerfile';

const SAFE_URL = /^https:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9._~/%#?=&-]*)?$/;
const LINK = /\]\(([^)\s]*)\)/g;

/**
 * marked is what VS Code renders hovers with; it is installed with mermaid (package-lock.json), so
 * the rendering checks always run: a missing marked fails them, it does not skip them.
 */
function loadMarked(): { parse(text: string): string } {
  const name = 'marked';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(name) as { marked: { parse(text: string): string } }).marked;
  } catch (error) {
    throw new Error(`marked (installed with mermaid by npm ci) could not be loaded: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Every link target in the markdown must be a glossary URL or our command with a known diagram. */
function assertOnlyOurLinks(markdown: string): void {
  for (const m of markdown.matchAll(LINK)) {
    const target = m[1];
    if (target.startsWith('command:')) {
      const [command, query] = target.slice('command:'.length).split('?');
      assert.equal(command, OPEN_DIAGRAM_COMMAND, `foreign command in ${markdown}`);
      const arg = JSON.parse(decodeURIComponent(query)) as { diagram: string };
      assert.deepEqual(Object.keys(arg), ['diagram']);
      assert.ok((DIAGRAM_IDS as readonly string[]).includes(arg.diagram), arg.diagram);
    } else {
      assert.match(target, SAFE_URL);
    }
  }
}

const HOSTILE = [
  '[x](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:workbench.action.terminal.new">docker</a>',
  '**bold** _em_ `code` # heading',
  '![img](https://evil.example/x.png)',
  'https://evil.example/seccomp',
  '<https://evil.example>',
  '[docker]: command:workbench.action.terminal.new',
  '$(alert) &amp; &#x3C;img&#x3E;',
  '```\nfenced\n```',
];

describe('hover markdown: escaping', () => {
  const marked = loadMarked();

  for (const text of HOSTILE) {
    it(`escapeMarkdown keeps ${JSON.stringify(text)} literal`, function () {
      const escaped = escapeMarkdown(text);
      assert.doesNotMatch(escaped, /(?<!\\)[[\]()<>`*_]/, 'an unescaped special character');
      const html = marked.parse(escaped);
      assert.doesNotMatch(html, /<(a|img|strong|em|code|h\d)\b/, html);
      assert.ok(!html.includes('<a '), html);
    });

    it(`codeSpan keeps ${JSON.stringify(text)} as code, not markup`, function () {
      const html = marked.parse(codeSpan(text));
      assert.doesNotMatch(html, /<(a|img|strong|em|h\d)\b/, html);
      assert.match(html, /<code>/);
    });
  }

  it('inlineText turns backtick pairs into code and escapes the rest', () => {
    assert.equal(inlineText('a `b*c` d'), 'a `b*c` d');
    assert.equal(inlineText('x_y'), 'x\\_y');
    assert.equal(inlineText('one ` unbalanced'), 'one \\` unbalanced');
  });

  it('codeSpan fences around backticks inside', () => {
    assert.equal(codeSpan('# escape=`'), '`` # escape=` ``');
  });

  it('the command URI carries exactly {"diagram": id}', () => {
    const uri = diagramCommandUri('namespaces-cgroups');
    assert.equal(uri, 'command:containerAnatomy.openDiagram?%7B%22diagram%22%3A%22namespaces-cgroups%22%7D');
    assert.throws(() => diagramCommandUri('evil' as DiagramId));
  });
});

describe('hover markdown: every entry renders safely', () => {
  const marked = loadMarked();
  const all: Located[] = [
    ...TERMS.map((t): Located => ({ kind: 'term', word: t.id, range: { line: 0, start: 0, end: 1 }, termId: t.id })),
    ...DIRECTIVES.map((d): Located => ({
      kind: 'directive',
      word: d.name,
      range: { line: 0, start: 0, end: 1 },
      directive: d.name,
    })),
    ...INSTRUCTIONS.flatMap((i): Located[] => [
      { kind: 'instruction', word: i.name, range: { line: 0, start: 0, end: 1 }, instruction: i.name },
      ...(i.keywords ?? []).map((k): Located => ({
        kind: 'instruction',
        word: k.value,
        range: { line: 0, start: 0, end: 1 },
        instruction: i.name,
        keyword: k.value,
      })),
      ...i.flags.flatMap((f): Located[] => [
        { kind: 'flag', word: f.name, range: { line: 0, start: 0, end: 1 }, instruction: i.name, flag: f.name },
        ...(f.values ?? []).map((v): Located => ({
          kind: 'flagValue',
          word: v.value,
          range: { line: 0, start: 0, end: 1 },
          instruction: i.name,
          flag: f.name,
          value: v.value,
          ...(f.name === 'mount' ? { option: 'type' } : {}),
        })),
        ...(f.options ?? []).map((o): Located => ({
          kind: 'flagValue',
          word: o.value,
          range: { line: 0, start: 0, end: 1 },
          instruction: i.name,
          flag: f.name,
          option: o.value,
        })),
      ]),
    ]),
  ];

  it(`renders all ${all.length} entries with a doc link and a diagram link`, () => {
    for (const found of all) {
      const markdown = hoverMarkdown(found);
      assert.ok(markdown, JSON.stringify(found));
      assertOnlyOurLinks(markdown);
      assert.equal([...markdown.matchAll(LINK)].length, 2, markdown);
      assert.ok(markdown.includes(`command:${OPEN_DIAGRAM_COMMAND}?`), markdown);
    }
  });

  it('renders to HTML with exactly two anchors and no images or raw HTML', function () {
    for (const found of all) {
      const html = marked.parse(hoverMarkdown(found)!);
      assert.equal((html.match(/<a /g) ?? []).length, 2, html);
      assert.doesNotMatch(html, /<img|<script|onerror/i, html);
    }
  });
});

describe('hover markdown: hostile Dockerfiles', () => {
  const hostileDoc = [
    '# [x](command:workbench.action.terminal.new) seccomp <img src=x onerror=alert(1)>',
    'FROM alpine AS [x](command:workbench.action.terminal.new)',
    'RUN --mount=type=cache,target=[x](command:workbench.action.terminal.new) \\',
    '    echo "<img src=x onerror=alert(1)>" runc `[y](command:workbench.action.terminal.new)` \\',
    '    && echo <a href="command:x">docker</a>',
    'LABEL x="[docker](command:workbench.action.terminal.new)"',
    'RUN <<EOF',
    '[containerd](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> AppArmor',
    'EOF',
    'COPY --from=[x](command:evil) --chown=<img> . /',
    'USER [root](command:evil)',
  ];
  const src = linesOf(hostileDoc.join('\n'));
  const known = new Set<string>();
  const every: { line: number; character: number; markdown: string }[] = [];
  for (let line = 0; line < hostileDoc.length; line++) {
    for (let character = 0; character <= hostileDoc[line].length; character++) {
      const hover = hoverAt(src, { line, character });
      if (hover) {
        every.push({ line, character, markdown: hover.markdown });
        known.add(hover.markdown);
      }
    }
  }

  it('still finds the real words among the hostile text', () => {
    assert.ok(every.length > 0);
    const texts = every.map((h) => h.markdown);
    for (const title of [
      '**seccomp**',
      '**runc**',
      '**Docker**',
      '**containerd**',
      '**AppArmor**',
      '**RUN \\-\\-mount\\=type\\=cache**',
    ]) {
      assert.ok(
        texts.some((t) => t.startsWith(title)),
        `no hover titled ${title}`,
      );
    }
  });

  it('links only to glossary URLs and the one diagram command, at every position', () => {
    for (const h of every) assertOnlyOurLinks(h.markdown);
  });

  it("never carries the document's text: every hover equals a glossary entry's rendering", () => {
    for (const h of every) {
      assert.ok(!h.markdown.includes('workbench'), `${h.line}:${h.character}`);
      assert.ok(!h.markdown.includes('<img'), `${h.line}:${h.character}`);
      assert.ok(!h.markdown.includes('command:evil'), `${h.line}:${h.character}`);
    }
  });

  it('renders to HTML with only our two anchors', function () {
    const marked = loadMarked();
    for (const markdown of known) {
      const html = marked.parse(markdown);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.equal(hrefs.length, 2, html);
      assert.ok(
        hrefs.every((h) => h.startsWith('https://') || h.startsWith(`command:${OPEN_DIAGRAM_COMMAND}?`)),
        html,
      );
      assert.doesNotMatch(html, /<img|onerror/i);
    }
  });
});
