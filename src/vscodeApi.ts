/**
 * The one place the extension requires `vscode`. VS Code answers every `require('vscode')` by
 * working out which extension asks (a realpath of the calling file), which showed in the
 * activation profile once per importing module; the other modules import this one instead.
 * `import … = require` rather than an ES import: see eslint.config.mjs.
 */
import vscode = require('vscode');
export = vscode;
