// The whitespace-separated tokens of an instruction, which may continue over several lines: a line
// whose last non-blank character is the escape character (`\`, or a backtick after `# escape=\``)
// continues on the next line; comment and blank lines inside a continuation are skipped.
import { MAX_LOOKUP_LENGTH } from '../glossary/lookup';
import { endsWithEscape, isBlankOrComment, isSpace, lastNonSpace, skipNonSpaces, skipSpaces } from './chars';
import type { EscapeChar, LineSource } from './types';

/** How far back a line may be the continuation of an instruction. */
export const MAX_CONTINUATION_LINES = 500;

export interface Token {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The first line of the instruction that `line` belongs to (itself unless it continues one). */
export function instructionStart(src: LineSource, line: number, escape: EscapeChar): number {
  let start = line;
  const stop = Math.max(0, line - MAX_CONTINUATION_LINES);
  for (;;) {
    let p = start - 1;
    while (p >= stop && isBlankOrComment(src.lineAt(p))) p--;
    if (p < stop || !endsWithEscape(src.lineAt(p), escape)) return start;
    start = p;
  }
}

/**
 * Walks the tokens from the instruction's first line to the cursor's line, one at a time and
 * without making an object per token: a line of half a million one-letter words is walked, not
 * collected. `line`, `start` and `end` describe the current token; `token()` copies it out.
 */
export class TokenWalk {
  line: number;
  start = 0;
  end = 0;
  private text = '';
  /** Where the current line's tokens stop: before a trailing continuation escape. */
  private limit = 0;
  private i = 0;

  constructor(
    private readonly src: LineSource,
    firstLine: number,
    private readonly lastLine: number,
    /** The last line's text, already read by the caller. */
    private readonly lastText: string,
    private readonly escape: EscapeChar,
  ) {
    this.line = firstLine - 1;
  }

  /** Moves to the next token; false when there is none up to the end of the last line. */
  next(): boolean {
    for (;;) {
      this.i = skipSpaces(this.text, this.i, this.limit);
      if (this.i < this.limit) {
        this.start = this.i;
        this.i = skipNonSpaces(this.text, this.i, this.limit);
        this.end = this.i;
        return true;
      }
      if (!this.nextLine()) return false;
    }
  }

  /** Whether the current token starts with `--` (a flag, when it comes right after the keyword). */
  isDashDash(): boolean {
    return (
      this.end - this.start >= 2 &&
      this.text.charCodeAt(this.start) === 45 &&
      this.text.charCodeAt(this.start + 1) === 45
    );
  }

  /** Whether no token follows the current one on its line. */
  restIsBlank(): boolean {
    return skipSpaces(this.text, this.i, this.limit) >= this.limit;
  }

  token(): Token {
    return { line: this.line, start: this.start, end: this.end, text: this.text.slice(this.start, this.end) };
  }

  private nextLine(): boolean {
    for (;;) {
      this.line++;
      if (this.line > this.lastLine) return false;
      const last = this.line === this.lastLine;
      this.text = last ? this.lastText : this.src.lineAt(this.line);
      if (last || !isBlankOrComment(this.text)) break;
    }
    this.limit = tokensEnd(this.text, this.escape);
    this.i = 0;
    return true;
  }
}

/** Where a line's tokens stop: before a trailing continuation escape, else at its end. */
function tokensEnd(text: string, escape: EscapeChar): number {
  const end = lastNonSpace(text);
  return end >= 0 && text[end] === escape ? end : text.length;
}

/**
 * The token under `character` on a line, found from the cursor outwards: on it, or just after the
 * line's last one (the end of a selection). `long` when it reaches further than any glossary key
 * on either side, so it cannot be a keyword; undefined when the cursor is between tokens.
 */
export function tokenAround(
  text: string,
  line: number,
  character: number,
  escape: EscapeChar,
): Token | 'long' | undefined {
  const limit = tokensEnd(text, escape);
  let at = character;
  if (at >= limit || isSpace(text.charCodeAt(at))) {
    const lastChar = at - 1;
    if (lastChar < 0 || lastChar >= limit || isSpace(text.charCodeAt(lastChar))) return undefined;
    if (skipSpaces(text, at, limit) < limit) return undefined;
    at = lastChar;
  }
  const floor = Math.max(0, at - MAX_LOOKUP_LENGTH);
  let start = at;
  while (start > floor && !isSpace(text.charCodeAt(start - 1))) start--;
  if (start === floor && start > 0 && !isSpace(text.charCodeAt(start - 1))) return 'long';
  const ceil = Math.min(limit, at + MAX_LOOKUP_LENGTH);
  let end = at;
  while (end < ceil && !isSpace(text.charCodeAt(end))) end++;
  if (end === ceil && end < limit && !isSpace(text.charCodeAt(end))) return 'long';
  return { line, start, end, text: text.slice(start, end) };
}
