/**
 * Turns host-provided text (container names, images, labels) into a Mermaid label that renders as
 * the same literal text. Mermaid decodes `#<decimal>;` into an HTML character reference before the
 * label reaches the DOM, so every character that could mean something to Mermaid's grammar
 * (quotes, brackets, `;`, `%%`, backticks for markdown strings) or to HTML (`<`, `>`, `&`) is written
 * as such a code. What is left is plain letters, digits and a few inert punctuation marks.
 */
import { visibleBidi } from '../displayText';

const INERT = /[A-Za-z0-9 .,:/_@+=-]/;

export const MAX_LABEL_LENGTH = 120;

export function escapeMermaidLabel(text: string, maxLength = MAX_LABEL_LENGTH): string {
  // Control characters and line breaks would end the statement: fold them to spaces. Bidirectional
  // controls would survive as character references and reorder the label: shown as codes.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const folded = visibleBidi(text.replace(/[\u0000-\u001f\u007f]+/g, ' '));
  const chars = Array.from(folded);
  const shown = chars.length > maxLength ? [...chars.slice(0, maxLength - 1), '…'] : chars;
  let out = '';
  for (const ch of shown) {
    out += INERT.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

/** A quoted Mermaid node label, `"…"`, safe for any input. */
export function quotedLabel(text: string): string {
  return `"${escapeMermaidLabel(text)}"`;
}

/**
 * A quoted label of several lines: each line escaped on its own, the `<br/>` between them ours (an
 * escaped line can never contain one).
 */
export function multilineLabel(lines: readonly string[]): string {
  return `"${lines.map((l) => escapeMermaidLabel(l)).join('<br/>')}"`;
}

/** Node ids come from our own counters, never from host data, so they need no escaping. */
export function nodeId(prefix: string, index: number): string {
  return `${prefix}${index}`;
}
