import * as assert from 'node:assert/strict';
import { architectureHtml, createNonce } from '../../../src/panel/html';

function cspOf(html: string): string {
  const match = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  assert.ok(match, 'page has a CSP meta tag');
  return match[1];
}

describe('architecture webview HTML', () => {
  const inputs = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://x/dist/webview/main.js',
    styleUri: 'https://x/media/panel.css',
  };

  it('locks everything down by default and runs scripts only with the nonce', () => {
    const html = architectureHtml({ ...inputs, nonce: 'N0NCE' });
    const csp = cspOf(html);
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0NCE'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.match(csp, new RegExp(`style-src ${inputs.cspSource.replace(/[.+]/g, '\\$&')} 'unsafe-inline'`));
    // Every script tag carries the nonce and none is inline.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs, /nonce="N0NCE"/);
      // The entry is an ES module: its chunks load as modules fetched with the entry's nonce.
      assert.match(attrs, /type="module"/);
      assert.match(attrs, /src="https:\/\/x\/dist\/webview\/main\.js"/);
      assert.equal(body.trim(), '', 'no inline script body');
    }
  });

  it('names the modules to preload in modulepreload links, each with the nonce', () => {
    const preloadUris = ['https://x/dist/webview/chunks/core.js', 'https://x/dist/webview/chunks/a"b.js'];
    const html = architectureHtml({ ...inputs, preloadUris, nonce: 'N0NCE' });
    const links = [...html.matchAll(/<link rel="modulepreload"([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(links, [
      ' href="https://x/dist/webview/chunks/core.js" nonce="N0NCE"',
      ' href="https://x/dist/webview/chunks/a&quot;b.js" nonce="N0NCE"',
    ]);
    assert.equal((html.match(/<link /g) ?? []).length, 3, 'the stylesheet and the two preloads');
    assert.doesNotMatch(architectureHtml(inputs), /modulepreload/, 'none unless asked for');
  });

  it('uses a fresh 128-bit nonce from crypto for each page', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
    const a = cspOf(architectureHtml(inputs));
    const b = cspOf(architectureHtml(inputs));
    assert.notEqual(a, b);
  });
});
