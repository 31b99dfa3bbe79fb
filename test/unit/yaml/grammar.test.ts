// The YAML injection grammar in syntaxes/ is generated from the settings tables
// (src/core/yaml/grammar.ts): this checks the file is current, and rewrites it when run with
// CA_WRITE_GRAMMAR=1. The scopes themselves are tested by `npm run test:grammar` (test/grammar/*.yaml).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildYamlInjectionGrammar, grammarKeyNames } from '../../../src/core/yaml/grammar';
import { repoRoot } from '../../support/repoRoot';

const grammarFile = path.join(repoRoot(), 'syntaxes', 'container-anatomy.yaml-injection.tmLanguage.json');

describe('the YAML injection grammar', () => {
  before(() => {
    if (process.env.CA_WRITE_GRAMMAR === '1') {
      fs.writeFileSync(grammarFile, `${JSON.stringify(buildYamlInjectionGrammar(), null, 2)}\n`);
    }
  });

  it('is the generated one (rerun with CA_WRITE_GRAMMAR=1 after changing the tables)', () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(grammarFile, 'utf8')), buildYamlInjectionGrammar());
  });

  it('names the distinctive isolation keys and leaves the common words out', () => {
    const names = grammarKeyNames();
    for (const n of ['network_mode', 'cap_add', 'mem_limit', 'hostNetwork', 'allowPrivilegeEscalation', 'hostPath']) {
      assert.ok(names.includes(n), n);
    }
    for (const n of ['user', 'volumes', 'memory', 'cpu']) assert.ok(!names.includes(n), n);
  });

  it('is contributed in package.json, injected into source.yaml', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
    };
    const entry = pkg.contributes.grammars.find((g) => g.scopeName === 'container-anatomy.yaml.injection');
    assert.ok(entry);
    assert.equal(path.resolve(repoRoot(), entry.path), grammarFile);
    assert.deepEqual(entry.injectTo, ['source.yaml']);
  });
});
