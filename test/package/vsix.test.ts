import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { reachableModules } from '../support/moduleGraph';
import { repoRoot } from '../support/repoRoot';

// Runs after `npm run package` (scripts/test-all.mjs orders it so). The file list is read from the
// zip itself with Python's zipfile module, independently of vsce.
const repo = repoRoot();
const vsix = path.join(repo, 'dist-vsix', 'container-anatomy.vsix');

function vsixEntries(): Map<string, number> {
  const listing = execFileSync(
    'python3',
    [
      '-c',
      'import sys,zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.file_size, i.filename)',
      vsix,
    ],
    {
      encoding: 'utf8',
    },
  );
  const entries = new Map<string, number>();
  for (const line of listing.trim().split('\n')) {
    const space = line.indexOf(' ');
    entries.set(line.slice(space + 1), Number(line.slice(0, space)));
  }
  return entries;
}

/** The text of some entries of the VSIX, read with Python's zipfile module as the listing is. */
function readZip(names: string[]): Map<string, string> {
  const json = execFileSync(
    'python3',
    [
      '-c',
      'import sys,json,zipfile\nz=zipfile.ZipFile(sys.argv[1])\njson.dump({n: z.read(n).decode() for n in sys.argv[2:]}, sys.stdout)',
      vsix,
      ...names,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return new Map(Object.entries(JSON.parse(json) as Record<string, string>));
}

describe('the packaged VSIX', function () {
  this.timeout(30_000);
  before(function () {
    assert.ok(existsSync(vsix), `${vsix} is missing: run npm run package first`);
  });

  it('holds only the bundles, media, grammars, README, LICENSE and the manifest', () => {
    const allowed = [
      /^extension\/dist\/(extension|cli|engines|containers|panel|hovers|yamlHovers|nsInodeReader)\.js$/,
      /^extension\/dist\/webview\/(main|chunks\/[\w.-]+)\.js$/,
      // The webview's module list, which the panel reads for its modulepreload links (not served to the page).
      /^extension\/dist\/webviewModules\.json$/,
      /^extension\/media\/(walkthrough\/)?[^/]+$/,
      /^extension\/syntaxes\/[^/]+$/,
      /^extension\/(readme\.md|README\.md|LICENSE\.txt|LICENSE|package\.json)$/,
      /^extension\.vsixmanifest$/,
      /^\[Content_Types\]\.xml$/,
    ];
    const names = [...vsixEntries().keys()];
    const unexpected = names.filter((n) => !allowed.some((re) => re.test(n)));
    assert.deepEqual(unexpected, [], `unexpected files in the VSIX: ${unexpected.join(', ')}`);
    // nsInodeReader.js is what the opt-in sudo -n inode read runs (containerAnatomy.namespaces.readInodesWithSudo).
    for (const needed of [
      'extension/dist/extension.js',
      'extension/dist/webview/main.js',
      'extension/dist/webviewModules.json',
      'extension/dist/nsInodeReader.js',
      'extension/package.json',
    ]) {
      assert.ok(names.includes(needed), `${needed} is in the VSIX`);
    }
    assert.ok(
      !names.some((n) => n.endsWith('.map') || n.includes('node_modules') || n.includes('/src/')),
      'no sources, maps or node_modules',
    );
  });

  it('keeps what activation does not need out of the extension bundle, which stays small', () => {
    const entries = vsixEntries();
    const names = [...entries.keys()];
    const extensionBytes = entries.get('extension/dist/extension.js') ?? Infinity;
    // Activation loads only extension.js: the engine clients, the tree, the panel and the hovers are
    // parts of their own (src/parts), loaded at their first use; mermaid is in the webview only.
    assert.ok(
      extensionBytes < 40 * 1024,
      `extension.js is ${extensionBytes} bytes; it must carry neither the engine clients, the tree, the panel nor mermaid`,
    );
    for (const part of ['engines', 'containers', 'panel', 'hovers', 'yamlHovers'])
      assert.ok(names.includes(`extension/dist/${part}.js`), `the ${part} part ships beside it`);
    const bundle = execFileSync(
      'python3',
      [
        '-c',
        'import sys,zipfile\nsys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/dist/extension.js").decode())',
        vsix,
      ],
      {
        encoding: 'utf8',
      },
    );
    assert.doesNotMatch(bundle, /mermaid\.initialize|securityLevel:"loose"/);
    // Nor grpc-js (the containerd client, in engines.js).
    assert.doesNotMatch(bundle, /grpc/i);
    // The glossary (here one of its explanations) lives in hovers.js, not in what activation compiles.
    assert.doesNotMatch(bundle, /Swaps a process's root mount/);
    // The yaml parser lives in yamlHovers.js too.
    assert.doesNotMatch(bundle, /parseAllDocuments/);
  });

  it('carries every chunk the webview can load, and no other: mermaid is in the webview’s modules', () => {
    const entries = vsixEntries();
    const webviewFiles = [...entries.keys()].filter((n) => n.startsWith('extension/dist/webview/'));
    const zip = readZip(webviewFiles);
    const read = (relative: string) => {
      const text = zip.get(`extension/dist/webview/${relative}`);
      assert.ok(text !== undefined, `the webview imports ${relative}, which is not in the VSIX`);
      return text;
    };
    const reachable = reachableModules('main.js', read, true);
    assert.deepEqual(
      webviewFiles.map((n) => n.slice('extension/dist/webview/'.length)).sort(),
      [...reachable].sort(),
      'the VSIX holds exactly the webview modules its entry reaches (static imports and import())',
    );
    // Mermaid's diagram types are chunks of their own, reached only through import().
    const initial = reachableModules('main.js', read, false);
    const flowchart = reachable.find((m) => /^chunks\/flowDiagram-/.test(m));
    assert.ok(flowchart, 'a chunk for mermaid’s flowchart');
    assert.ok(!initial.includes(flowchart), 'the flowchart is not loaded before a flowchart is shown');
    const bytes = (modules: string[]) =>
      modules.reduce((sum, m) => sum + (entries.get(`extension/dist/webview/${m}`) ?? 0), 0);
    assert.ok(bytes(reachable) > 2 * 1024 * 1024, 'the webview’s modules carry the whole of mermaid');
    assert.ok(bytes(initial) < bytes(reachable) / 2, 'most of mermaid is loaded only when a diagram needs it');
  });

  it('declares what the host needs to load it', () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as Record<string, unknown> & {
      engines: { vscode: string };
      activationEvents: string[];
      extensionKind: string[];
    };
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.ok(!manifest.activationEvents.includes('*'), 'never activates on *');
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });
});
