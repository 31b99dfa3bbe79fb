// The guide's whole vocabulary (guideWords.ts): every concept, tool and term it names, as it spells
// them, must hover to the right glossary entry in a comment, a RUN line and a here-document, and the
// entry must have a place in a diagram's text.
import * as assert from 'node:assert/strict';
import { GUIDE_DIAGRAM_IDS, buildDiagram } from '../../../src/core/diagrams';
import { allTermAliases, lookupTermById } from '../../../src/core/glossary';
import { doc, what } from './helpers';
import { GUIDE_VOCABULARY, OTHER_SPELLINGS } from './guideWords';

/** Every piece of text of the guide's diagrams: title, captions, Mermaid labels. */
function diagramTexts(): string[] {
  return GUIDE_DIAGRAM_IDS.map((id) => {
    const spec = buildDiagram(id);
    return [spec.title, ...spec.caption, spec.source.replace(/<br\/>/g, ' ')].join('\n');
  });
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_-]/.test(c);
}

/** Whether `phrase` stands as a whole word in `text` (any case unless `exact`); spaces match any run. */
function containsWord(text: string, phrase: string, exact: boolean): boolean {
  const haystack = (exact ? text : text.toLowerCase()).replace(/\s+/g, ' ');
  const needle = exact ? phrase : phrase.toLowerCase();
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    if (!isWordChar(haystack[i - 1]) && !isWordChar(haystack[i + needle.length])) return true;
  }
  return false;
}

describe('hover: the guide’s whole vocabulary', () => {
  it('each word hovers to its entry in a comment, a RUN line and a here-document', () => {
    const wrong: string[] = [];
    for (const [word, id] of [...GUIDE_VOCABULARY, ...OTHER_SPELLINGS]) {
      assert.ok(lookupTermById(id), `no entry ${id}`);
      const d = doc(
        'FROM alpine',
        `# notes: ${word} here`,
        `RUN echo "${word}" && true`,
        'RUN <<EOF',
        `echo about ${word} now`,
        'EOF',
      );
      for (const line of [1, 2, 4]) {
        // The last letter (a phrase is found from any of its words; a path such as I/O from its end).
        const got = what(d, line, word, { offset: word.length - 1 });
        if (got !== `term ${id}`) wrong.push(`${word} on line ${line}: ${got ?? 'no hover'}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('each entry the guide names has a place in a diagram’s text', () => {
    const texts = diagramTexts();
    const aliases = allTermAliases();
    const missing: string[] = [];
    for (const [word, id] of GUIDE_VOCABULARY) {
      const spellings = [
        { alias: word, exact: false },
        ...aliases.filter((a) => a.term.id === id).map((a) => ({ alias: a.alias, exact: a.exact })),
      ];
      const found = texts.some((text) => spellings.some((s) => containsWord(text, s.alias, s.exact)));
      if (!found) missing.push(`${word} (${id})`);
    }
    assert.deepEqual(missing, []);
  });

  it('the diagram check is not trivially true', () => {
    const texts = diagramTexts();
    assert.ok(!texts.some((text) => containsWord(text, 'frobnicator', false)));
    assert.ok(!texts.some((text) => containsWord(text, 'ram', true)), 'exact spellings keep their case');
  });
});
