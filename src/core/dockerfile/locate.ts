// What is under the cursor in a Dockerfile, read from the current line and the lines it continues
// only: never the whole file. Pure and vscode-free. The rules, as BuildKit's parser has them, live
// with their parts: parser directives (directives.ts), continuation lines and tokens (tokens.ts),
// here-documents (heredoc.ts), flags (flags.ts) and glossary terms in free text (termAt.ts).
// Comment lines start with `#`; only glossary terms apply there, as in here-document bodies.
//
// Everything here runs on what the user typed, on the extension host's one thread: each part is a
// single pass over the text it looks at, with no pattern that can backtrack, so a hover over a
// megabyte-long line stays within a few milliseconds.
import { lookupInstruction, lookupKeyword } from '../glossary';
import type { InstructionEntry } from '../glossary';
import { isCommentLine } from './chars';
import { locateDirective, type Directives } from './directives';
import { locateFlag } from './flags';
import { heredocAt } from './heredoc';
import { termAt } from './termAt';
import { instructionStart, tokenAround, TokenWalk, type Token } from './tokens';
import type { LineSource, Located, Position, WordRange } from './types';

export type { EscapeChar, LineSource, Located, Position, WordRange } from './types';
export { MAX_DIRECTIVE_LINES, readDirectives, type Directives } from './directives';
export { heredocAt, MAX_HEREDOC_LINES, type HeredocState } from './heredoc';
export { MAX_CONTINUATION_LINES } from './tokens';
export { termAt } from './termAt';

/** More flags than this before the cursor are not Docker's: the walk stops counting them. */
const MAX_FLAGS = 64;

/** What the walk from the instruction's first token towards the cursor learnt. */
interface Walked {
  readonly first: Token;
  readonly entry: InstructionEntry | undefined;
  /** The instruction after ONBUILD (`ONBUILD RUN …`), when there is one. */
  readonly inner?: { readonly token: Token; readonly entry: InstructionEntry };
  /** The token under the cursor, when the walk reached it; otherwise the cursor is past the flags. */
  readonly cursor?: Token;
  readonly cursorIndex: number;
  /** Index of the first token after the keyword that is no flag; -1: none up to the cursor. */
  readonly flagsEnd: number;
}

/**
 * Walks the instruction's tokens towards the cursor, and stops as soon as the answer no longer
 * depends on what lies between: at the cursor's token, at the first token that is no flag, or at
 * an unknown first word. Undefined when the cursor is between two tokens.
 */
function walkToCursor(walk: TokenWalk, pos: Position): Walked | undefined {
  let first: Token | undefined;
  let entry: InstructionEntry | undefined;
  let inner: Walked['inner'];
  let last: { token: Token; index: number } | undefined;
  let index = 0;
  for (; walk.next(); index++) {
    const onCursorLine = walk.line === pos.line;
    if (onCursorLine && walk.start > pos.character) return undefined;
    const token = index === 0 || (index === 1 && entry?.name === 'ONBUILD') || onCursorLine ? walk.token() : undefined;
    if (index === 0) {
      first = token!;
      entry = lookupInstruction(first.text);
    } else if (index === 1 && entry?.name === 'ONBUILD') {
      const innerEntry = lookupInstruction(token!.text);
      if (innerEntry) inner = { token: token!, entry: innerEntry };
    }
    const firstArg = inner ? 2 : 1;
    const flagsEnd = index >= firstArg && !walk.isDashDash() ? index : -1;
    if (token && onCursorLine && token.start <= pos.character && pos.character < token.end)
      return { first: first!, entry, inner, cursor: token, cursorIndex: index, flagsEnd };
    last = token && onCursorLine && token.end === pos.character ? { token, index } : undefined;
    // Past the keyword(s) and the flags, or no instruction at all: the rest is found at the cursor.
    if (!entry || flagsEnd >= 0 || index > MAX_FLAGS) {
      // Unless this token ends at the cursor and is the line's last: the end of a selection.
      if (last && walk.restIsBlank())
        return { first: first!, entry, inner, cursor: last.token, cursorIndex: index, flagsEnd };
      return { first: first!, entry, inner, cursorIndex: -1, flagsEnd: index };
    }
  }
  if (!first || !last || last.index !== index - 1) return undefined;
  return { first, entry, inner, cursor: last.token, cursorIndex: last.index, flagsEnd: -1 };
}

/**
 * What is under `pos`. `directives` comes from readDirectives (cache it per document version).
 * Returns undefined over whitespace, unknown words and here-document terminators.
 */
export function locate(src: LineSource, pos: Position, directives: Directives): Located | undefined {
  if (pos.line < 0 || pos.line >= src.lineCount) return undefined;
  const text = src.lineAt(pos.line);
  if (pos.character < 0 || pos.character > text.length) return undefined;
  const escape = directives.escape;

  if (pos.line < directives.end) return locateDirective(text, pos);

  const heredoc = heredocAt(src, pos.line, escape);
  if (heredoc === 'terminator') return undefined;
  if (heredoc === 'body' || isCommentLine(text)) return termAt(text, pos.line, pos.character);

  const start = instructionStart(src, pos.line, escape);
  const walked = walkToCursor(new TokenWalk(src, start, pos.line, text, escape), pos);
  if (!walked) return undefined;
  // The walk stopped before the cursor: its token lies after the keyword and the flags.
  const token = walked.cursor ?? tokenAround(text, pos.line, pos.character, escape);
  if (!token) return undefined;
  const entry = walked.inner?.entry ?? walked.entry;
  if (!entry || !walked.entry) return termAt(text, pos.line, pos.character);
  const rangeOf = (t: Token): WordRange => ({ line: t.line, start: t.start, end: t.end });
  const instructionAt = (t: Token, e: InstructionEntry): Located => ({
    kind: 'instruction',
    word: t.text,
    range: rangeOf(t),
    instruction: e.name,
  });
  const cursor = walked.cursor ? walked.cursorIndex : Infinity;
  if (cursor === 0) return instructionAt(walked.first, walked.entry);
  if (cursor === 1 && walked.inner) return instructionAt(walked.inner.token, walked.inner.entry);

  // Flags come right after the keyword: the cursor is on one when every token up to it is a flag.
  const flagsEnd = walked.flagsEnd < 0 ? Infinity : walked.flagsEnd;
  if (cursor < flagsEnd && token !== 'long') return locateFlag(entry, token, pos.character);
  if (token === 'long') return termAt(text, pos.line, pos.character, entry.name);

  const keyword = lookupKeyword(entry, token.text);
  if (keyword) {
    const isAs = keyword.value === 'AS';
    if ((isAs && cursor > flagsEnd) || (!isAs && cursor === flagsEnd)) {
      return {
        kind: 'instruction',
        word: token.text,
        range: rangeOf(token),
        instruction: entry.name,
        keyword: keyword.value,
      };
    }
  }
  return termAt(text, pos.line, pos.character, entry.name);
}
