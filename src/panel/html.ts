import crypto = require('node:crypto');

/** The bits of a webview the page needs; a plain shape so this module is testable without VS Code. */
export interface WebviewHtmlInputs {
  cspSource: string;
  /** The webview's entry module (dist/webview/main.js); its chunks are found relative to it. */
  scriptUri: string;
  /**
   * Modules the page will import (the entry's static imports, mermaid's core, the first diagram's
   * type and layout): named in modulepreload links, so they are all fetched at once as the page is
   * parsed, not each after the module that imports it has arrived.
   */
  preloadUris?: readonly string[];
  styleUri: string;
  /** Overridable only by tests; production always uses a fresh crypto nonce. */
  nonce?: string;
}

/** 128 bits from the OS CSPRNG, per page load: a guessable nonce would defeat the CSP. */
export function createNonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

/**
 * The panel's page. Scripts only run with the nonce; no host data is placed in the page at all —
 * diagrams arrive by message. The entry is an ES module (dist/webview/main.js); the chunks it
 * imports, statically and through mermaid's `import()` of a diagram type, are fetched with the
 * importing script's nonce (HTML's descendant script fetch options carry it on), so `script-src`
 * names no source but the nonce — not even `cspSource`: a script the page did not start with the
 * nonce cannot run, nor load one of our own chunks (test/browser/loading.test.ts checks both); each
 * modulepreload link carries the nonce too, as CSP checks its fetch as a script's. `style-src 'unsafe-inline'` is needed because mermaid writes a
 * `<style>` element into every SVG it renders (without it the diagram renders as a black box).
 */
export function architectureHtml(inputs: WebviewHtmlInputs): string {
  const nonce = inputs.nonce ?? createNonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${inputs.cspSource} 'unsafe-inline'`,
    `img-src ${inputs.cspSource} data:`,
    `font-src ${inputs.cspSource} data:`,
  ].join('; ');
  const preloads = (inputs.preloadUris ?? [])
    .map((uri) => `<link rel="modulepreload" href="${attribute(uri)}" nonce="${nonce}">\n`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${inputs.styleUri}">
${preloads}<title>Container Anatomy</title>
</head>
<body>
<nav id="tabs" class="tabs" role="tablist" aria-label="Diagrams"></nav>
<header class="header">
  <div class="titles">
    <h1 id="diagram-title">Container Anatomy</h1>
    <p id="diagram-caption" class="caption"></p>
  </div>
  <div class="toolbar" role="toolbar" aria-label="Diagram actions">
    <button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
    <button type="button" id="zoom-reset" title="Actual size (0)" aria-label="Actual size">100%</button>
    <button type="button" id="zoom-fit" title="Fit the diagram to the panel (f)">Fit</button>
    <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button type="button" id="copy-source" title="Copy the diagram's Mermaid source">Copy source</button>
    <button type="button" id="export-svg" title="Save the diagram as an SVG file">Export SVG…</button>
  </div>
</header>
<main id="viewport" class="viewport" tabindex="0" aria-label="Diagram: drag or use the arrow keys to pan, + and - to zoom">
  <div id="diagram" class="diagram"></div>
</main>
<p id="status" class="status" role="status" aria-live="polite">Loading diagram…</p>
<script type="module" nonce="${nonce}" src="${inputs.scriptUri}"></script>
</body>
</html>`;
}

/** A URI as an HTML attribute value (webview URIs carry no quotes, but the page must not depend on it). */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
