import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/repoRoot';

/** The built extension (node scripts/build.mjs writes dist/ before the tests' bundles). */
const dist = path.join(repoRoot(), 'dist');
const requiredFiles = (file: string) =>
  [...fs.readFileSync(path.join(dist, file), 'utf8').matchAll(/require\("(\.\/[^"]+)"\)/g)].map((m) => m[1]);

describe('the split build (dist/)', () => {
  it('the extension requires each part by a file the build wrote, and nothing of src', () => {
    const parts = requiredFiles('extension.js');
    assert.deepEqual([...parts].sort(), [
      './containers.js',
      './engines.js',
      './hovers.js',
      './panel.js',
      './yamlHovers.js',
    ]);
    for (const p of parts) assert.ok(fs.existsSync(path.join(dist, p)), `dist/${p} is missing`);
  });

  it('the parts require no other part: each is whole', () => {
    for (const p of ['engines.js', 'containers.js', 'panel.js', 'hovers.js', 'yamlHovers.js'])
      assert.deepEqual(requiredFiles(p), [], `dist/${p} requires another part`);
  });

  it('the vscode-free parts load in plain Node and give what the feed and the hovers use', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built file itself
    const engines = require(path.join(dist, 'engines.js')) as Record<string, unknown>;
    for (const name of ['Snapshotter', 'shownThroughDocker', 'createDefaultSources', 'ALL_ENGINES'])
      assert.ok(engines[name] !== undefined, `engines.js lacks ${name}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built file itself
    const hovers = require(path.join(dist, 'hovers.js')) as Record<string, unknown>;
    for (const name of ['hoverAt', 'readDirectives', 'levelForMode', 'OPEN_DIAGRAM_COMMAND'])
      assert.ok(hovers[name] !== undefined, `hovers.js lacks ${name}`);
  });
});
