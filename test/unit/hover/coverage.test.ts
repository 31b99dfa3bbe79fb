import * as assert from 'node:assert/strict';
import { hoverAt, linesOf } from '../../../src/core/dockerfile';
import { allTermAliases, INSTRUCTIONS, TERMS } from '../../../src/core/glossary';

/** Every entry of the glossary is reachable by hovering a Dockerfile, not only present as data. */
describe('hover coverage', () => {
  it('every instruction has a hover on its keyword', () => {
    for (const instruction of INSTRUCTIONS) {
      const line = instruction.name === 'FROM' ? 0 : 1;
      const hover = hoverAt(linesOf(`FROM scratch\n${instruction.name} x\n`), { line, character: 1 });
      assert.ok(hover, `no hover on ${instruction.name}`);
      assert.match(hover.markdown, new RegExp(instruction.name));
    }
  });

  it('every glossary term has a hover in a comment, on the last letter of each of its aliases', () => {
    const reached = new Set<string>();
    const missed: string[] = [];
    for (const { alias, term } of allTermAliases()) {
      const text = `# about ${alias} here`;
      const hover = hoverAt(linesOf(`FROM scratch\n${text}\n`), {
        line: 1,
        character: '# about '.length + alias.length - 1,
      });
      if (hover?.located.kind === 'term' && hover.located.termId === term.id) reached.add(term.id);
      else missed.push(`${alias} (${term.id})`);
    }
    assert.deepEqual(
      TERMS.map((t) => t.id).filter((id) => !reached.has(id)),
      [],
      'terms no alias reaches',
    );
    // An alias such as `seccomp=unconfined` is matched through its first word; all others directly.
    assert.ok(missed.length <= 2, `aliases not reached directly: ${missed.join(', ')}`);
  });
});
