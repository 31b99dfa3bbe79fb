// Here-documents: RUN, COPY and ADD may open them (`<<EOF`, `<<-EOF`, `<<"EOF"`); their bodies are
// not instructions, so only glossary terms apply there.
import { isCommentLine, endsWithEscape, lineInstruction } from './chars';
import type { EscapeChar, LineSource } from './types';

/** How far back a here-document may have been opened. */
export const MAX_HEREDOC_LINES = 2000;

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

interface HeredocOpener {
  readonly name: string;
  readonly stripTabs: boolean;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

const NOT_ANGLE = /[^<]/g;
const NOT_NAME = /[^A-Za-z0-9_]/g;

/**
 * The first `max` openers on a line, left to right: `<<`, an optional `-`, a name optionally in
 * matching quotes. One pass: after a `<<`, a run of `<` is skipped whole (each `<<` inside it is a
 * here-string's `<<<`), and a name ends at the first character that cannot be in one. Only as many
 * openers are wanted as there are lines before the cursor, each needing a terminator line.
 */
function heredocOpeners(text: string, max: number): HeredocOpener[] {
  const found: HeredocOpener[] = [];
  const n = text.length;
  for (let at = text.indexOf('<<'); at >= 0 && found.length < max; at = text.indexOf('<<', at + 1)) {
    // `<<<` is a shell here-string, not a here-document.
    if (at > 0 && text.charCodeAt(at - 1) === 60) continue;
    let i = at + 2;
    if (text.charCodeAt(i) === 60) {
      NOT_ANGLE.lastIndex = i;
      const m = NOT_ANGLE.exec(text);
      at = (m ? m.index : n) - 1;
      continue;
    }
    const stripTabs = text.charCodeAt(i) === 45; // '-'
    if (stripTabs) i++;
    const quote = text.charCodeAt(i) === 34 || text.charCodeAt(i) === 39 ? text.charCodeAt(i) : 0;
    if (quote) i++;
    if (!isNameStart(text.charCodeAt(i))) continue;
    const start = i;
    NOT_NAME.lastIndex = i;
    i = NOT_NAME.exec(text)?.index ?? n;
    if (quote && text.charCodeAt(i) !== quote) continue;
    found.push({ name: text.slice(start, i), stripTabs });
    at = i - 1;
  }
  return found;
}

function isTerminator(text: string, opener: HeredocOpener): boolean {
  let from = 0;
  if (opener.stripTabs) while (from < text.length && text.charCodeAt(from) === 9) from++;
  return text.slice(from).trimEnd() === opener.name;
}

export type HeredocState = 'body' | 'terminator' | undefined;

/**
 * Whether `line` is inside the body (or is the terminator) of a here-document. Looks back for the
 * nearest RUN/COPY/ADD line that opens one, then follows its bodies forward to `line`. The look
 * back stops at an upper-case instruction line without `<<` (body lines of shell scripts are not
 * written that way) and after MAX_HEREDOC_LINES lines.
 */
export function heredocAt(src: LineSource, line: number, escape: EscapeChar): HeredocState {
  const stop = Math.max(0, line - MAX_HEREDOC_LINES);
  for (let p = line - 1; p >= stop; p--) {
    const text = src.lineAt(p);
    const instruction = lineInstruction(text);
    if (text.indexOf('<<') >= 0) {
      const opens = instruction
        ? HEREDOC_INSTRUCTIONS.has(instruction.entry.name)
        : p > 0 && !isCommentLine(text) && endsWithEscape(src.lineAt(p - 1), escape);
      if (opens) {
        const openers = heredocOpeners(text, line - p);
        if (openers.length > 0) return followHeredocs(src, p, openers, line);
      }
    }
    if (instruction?.upperCase) return undefined;
  }
  return undefined;
}

function followHeredocs(
  src: LineSource,
  openerLine: number,
  openers: readonly HeredocOpener[],
  line: number,
): HeredocState {
  let q = openerLine + 1;
  for (const opener of openers) {
    for (;;) {
      if (isTerminator(src.lineAt(q), opener)) {
        if (q === line) return 'terminator';
        q++;
        break;
      }
      if (q === line) return 'body';
      q++;
    }
  }
  return undefined;
}
