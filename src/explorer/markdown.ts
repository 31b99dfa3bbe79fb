import vscode = require('../vscodeApi');
import { markdownText } from '../core/displayText';
import type { TooltipLine } from '../core/tree/tooltip';

/**
 * A tooltip from plain lines: never trusted, no HTML, no theme icons; every piece of text (ours or
 * an engine's) goes through markdownText, and only our fixed emphasis is markdown.
 */
export function tooltipMarkdown(lines: TooltipLine[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  const rendered = lines.map((l) => {
    const heading = l.heading ? `**${markdownText(l.heading)}**${l.text ? ': ' : ''}` : '';
    return `${heading}${markdownText(l.text)}`;
  });
  md.appendMarkdown(rendered.join('  \n'));
  return md;
}
