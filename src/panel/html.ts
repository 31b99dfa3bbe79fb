import * as crypto from 'node:crypto';

/** The bits of a webview the page needs; a plain shape so this module is testable without VS Code. */
export interface WebviewHtmlInputs {
  cspSource: string;
  scriptUri: string;
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
 * diagrams arrive by message. `style-src 'unsafe-inline'` is needed because mermaid writes a
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
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${inputs.styleUri}">
<title>Container Anatomy</title>
</head>
<body>
<header>
  <h1 id="diagram-title">Container Anatomy</h1>
  <p id="diagram-caption" class="caption"></p>
</header>
<main id="diagram" class="diagram" tabindex="0" aria-label="Diagram"></main>
<p id="status" class="status" role="status" aria-live="polite">Loading diagram…</p>
<script nonce="${nonce}" src="${inputs.scriptUri}"></script>
</body>
</html>`;
}
