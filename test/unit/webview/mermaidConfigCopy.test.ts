import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyMermaidConfig } from '../../../src/webview/mermaidConfigCopy';
import { repoRoot } from '../../support/repoRoot';

/**
 * The copy is checked against mermaid's own merge, `assignWithDepth({}, config)`, imported from the
 * installed mermaid (the module of its ES build that defines getConfig), on mermaid's real
 * configuration and on the cases its merge treats specially.
 */
type Merge = (dst: object, src: object) => object;
interface MermaidConfigModule {
  assignWithDepth_default: Merge;
  defaultConfig: Record<string, unknown>;
  setSiteConfig(conf: object): Record<string, unknown>;
  getConfig(): Record<string, unknown>;
  reset(): void;
}

async function mermaidConfigModule(): Promise<MermaidConfigModule> {
  const dir = path.join(repoRoot(), 'node_modules', 'mermaid', 'dist', 'chunks', 'mermaid.core');
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .find((f) => readFileSync(path.join(dir, f), 'utf8').includes('var getConfig = '));
  assert.ok(file, `no module of ${dir} defines getConfig`);
  // A real ES module import (esbuild would turn a plain import() into require in this CJS bundle).
  const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<MermaidConfigModule>;
  return importModule(pathToFileURL(path.join(dir, file)).href);
}

/**
 * Fails unless `actual` and `expected` (copies of `source`) have the same own keys in the same order,
 * the same property descriptors and prototypes, the same leaf values, and share with `source` exactly
 * the same nested objects (a shared object where the other made a fresh one would let a caller that
 * changes its copy change mermaid's configuration).
 */
function assertSameCopy(actual: unknown, expected: unknown, source: unknown, at = 'config'): void {
  if (typeof expected !== 'object' || expected === null) {
    assert.ok(Object.is(actual, expected), `${at}: ${String(actual)} ≠ ${String(expected)}`);
    return;
  }
  assert.ok(typeof actual === 'object' && actual !== null, `${at}: not an object`);
  assert.equal(actual === source, expected === source, `${at}: shared with the source in one copy only`);
  assert.equal(Array.isArray(actual), Array.isArray(expected), `${at}: array in one copy only`);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `${at}: prototype`);
  const keys = Reflect.ownKeys(expected);
  assert.deepEqual(Reflect.ownKeys(actual), keys, `${at}: keys`);
  for (const key of keys) {
    const a: PropertyDescriptor = Object.getOwnPropertyDescriptor(actual, key)!;
    const e: PropertyDescriptor = Object.getOwnPropertyDescriptor(expected, key)!;
    const name = `${at}.${String(key)}`;
    assert.deepEqual(
      [a.writable, a.enumerable, a.configurable],
      [e.writable, e.enumerable, e.configurable],
      `${name}: descriptor`,
    );
    const from =
      typeof source === 'object' && source !== null ? (source as Record<PropertyKey, unknown>)[key] : undefined;
    assertSameCopy(a.value, e.value, from, name);
  }
}

describe("mermaid's getConfig copy (src/webview/mermaidConfigCopy.ts)", () => {
  let mermaid: MermaidConfigModule;
  before(async () => {
    mermaid = await mermaidConfigModule();
  });
  after(() => mermaid?.reset());

  const check = (config: Record<string, unknown>) =>
    assertSameCopy(copyMermaidConfig(config), mermaid.assignWithDepth_default({}, config), config);

  it("copies mermaid's default configuration exactly as mermaid's merge does", () => {
    assert.ok(Object.keys(mermaid.defaultConfig).length > 40, 'the real default configuration');
    check(mermaid.defaultConfig);
  });

  it('copies the configuration the panel renders with (theme variables set) exactly as mermaid does', () => {
    mermaid.setSiteConfig({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'base',
      themeVariables: { primaryColor: '#1e1e1e', primaryTextColor: '#cccccc', lineColor: '#888888' },
      fontFamily: 'var(--vscode-font-family)',
      maxTextSize: 500_000,
    });
    // getConfig's result has the shape of the configuration it copies (mermaid's currentConfig).
    const current = mermaid.getConfig();
    assert.equal((current.themeVariables as Record<string, unknown>).primaryColor, '#1e1e1e');
    check(current);
  });

  it('treats arrays, null, undefined, functions, deep objects and an own __proto__ key as mermaid does', () => {
    const fn = () => 1;
    const deep = { d: { e: 1 } };
    const edge = JSON.parse('{"__proto__": {"polluted": true}, "n": {"__proto__": 5, "k": 1}}') as Record<
      string,
      unknown
    >;
    check({
      list: [1, 1, 'a', 'a', deep, deep],
      gone: null,
      kept: undefined,
      fn,
      nan: Number.NaN,
      level1: { list: [2, 2, 3], gone: null, kept: undefined, level2: { level3: deep, list: [4, 4], fn }, fn },
      ...edge,
    });
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype changed');
    const copy = copyMermaidConfig(edge);
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  });

  it('gives a fresh copy each time: a caller that changes its copy changes neither the source nor the next copy', () => {
    const source = { flowchart: { padding: 8, nested: { x: 1 } }, list: [1] };
    const first = copyMermaidConfig(source) as typeof source;
    first.flowchart.padding = 99;
    first.flowchart.nested.x = 2;
    first.list.push(2);
    assert.deepEqual(source, { flowchart: { padding: 8, nested: { x: 1 } }, list: [1] });
    assert.deepEqual(copyMermaidConfig(source), source);
  });
});

describe('the webview build', () => {
  it("puts the copy in mermaid's getConfig (the webview bundle the tests run)", () => {
    const chunks = path.join(repoRoot(), 'dist', 'webview', 'chunks');
    const withGetConfig = readdirSync(chunks)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(chunks, f), 'utf8'))
      .filter((text) => text.includes('var getConfig = '));
    assert.equal(withGetConfig.length, 1, 'one chunk defines getConfig');
    assert.match(withGetConfig[0], /var getConfig = [^\n]*\n\s*return copyMermaidConfig\(currentConfig\);/);
  });
});
