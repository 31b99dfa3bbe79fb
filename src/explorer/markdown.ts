import vscode = require('../vscodeApi');
import type { TooltipLine } from '../core/tree/tooltip';

// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Escapes text for markdown so it renders as exactly these characters: every ASCII punctuation
 * character gets a backslash (CommonMark allows that for all of them), so no link, image, HTML tag,
 * emphasis or autolink can form; control characters are shown as \xNN.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * A tooltip from plain lines: never trusted, no HTML, no theme icons; every piece of text (ours or
 * an engine's) goes through escapeMarkdown, and only our fixed emphasis is markdown.
 */
export function tooltipMarkdown(lines: TooltipLine[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  const rendered = lines.map((l) => {
    const heading = l.heading ? `**${escapeMarkdown(l.heading)}**${l.text ? ': ' : ''}` : '';
    return `${heading}${escapeMarkdown(l.text)}`;
  });
  md.appendMarkdown(rendered.join('  \n'));
  return md;
}
