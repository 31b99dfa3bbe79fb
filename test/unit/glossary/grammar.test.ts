// The injection grammar in syntaxes/ is generated from the glossary (src/core/glossary/grammar.ts):
// this checks the file is current, and rewrites it when run with CA_WRITE_GRAMMAR=1.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ADDRESS_PATTERN,
  GRAMMAR_SKIPPED_ALIASES,
  INJECTION_SCOPE_NAME,
  buildInjectionGrammar,
  grammarTermPattern,
} from '../../../src/core/glossary/grammar';
import { growth } from '../../support/growth';
import { allTermAliases } from '../../../src/core/glossary';

/** The repository root: the nearest folder above this file (or the working folder) with syntaxes/. */
function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'syntaxes')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`no repository root above ${__dirname} or ${process.cwd()}`);
}

const grammarFile = path.join(repoRoot(), 'syntaxes', 'container-anatomy.injection.tmLanguage.json');

describe('injection grammar', () => {
  before(() => {
    if (process.env.CA_WRITE_GRAMMAR === '1') {
      fs.writeFileSync(grammarFile, `${JSON.stringify(buildInjectionGrammar(), null, 2)}\n`);
    }
  });

  it('is the generated one (rerun with CA_WRITE_GRAMMAR=1 after changing the glossary)', () => {
    const onDisk = JSON.parse(fs.readFileSync(grammarFile, 'utf8')) as unknown;
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(buildInjectionGrammar())));
  });

  it('injects into source.dockerfile only, outside comments, strings and its own RUN rule', () => {
    const grammar = buildInjectionGrammar();
    assert.equal(grammar.scopeName, INJECTION_SCOPE_NAME);
    assert.match(String(grammar.injectionSelector), /^L:source\.dockerfile /);
  });

  it('colours every isolation term alias except the few too common to colour, and no build arg or concept', () => {
    const pattern = grammarTermPattern();
    for (const { alias, term } of allTermAliases()) {
      const escaped = alias.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => `\\${c}`).replace(/ /g, '\\s+');
      const inPattern =
        pattern.includes(`|${escaped}|`) || pattern.includes(`:${escaped}|`) || pattern.includes(`|${escaped})`);
      assert.equal(inPattern, term.kind === undefined && !GRAMMAR_SKIPPED_ALIASES.has(alias), alias);
    }
  });

  it('skips addresses, and its address pattern stays linear on pathological lines', function () {
    this.timeout(60_000); // measured several times over, on a machine that may be busy
    const address = new RegExp(ADDRESS_PATTERN, 'g');
    const found = (text: string): string[] => [...text.matchAll(address)].map((m) => m[0]);
    assert.deepEqual(found('see https://github.com/moby/buildkit and runc'), ['https://github.com/moby/buildkit']);
    assert.deepEqual(found('git clone git@github.com:moby/moby.git /src'), ['git@github.com:moby/moby.git']);
    assert.deepEqual(found('go install github.com/opencontainers/runc@latest'), [
      'github.com/opencontainers/runc@latest',
    ]);
    assert.deepEqual(found('cat /sys/fs/cgroup/cpu.max; FROM moby/buildkit@sha256:0a1b'), []);
    for (const unit of ['a.', 'a@b.', 'a-', 'ab://', 'a.b/', '@.']) {
      const [small, large] = [12_500, 100_000].map((length) => unit.repeat(Math.ceil(length / unit.length)));
      // 8× the line: a linear scan costs 8×, a backtracking one 64× or more.
      const g = growth(
        () => found(small),
        () => found(large),
      );
      assert.ok(g.ratio < 24, `${unit}: 8× the line took ${g.detail}`);
    }
  });
});
