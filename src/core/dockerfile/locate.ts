// What is under the cursor in a Dockerfile, read from the current line and the lines it continues
// only: never the whole file. Pure and vscode-free; every regular expression is compiled once, here.
//
// Context rules (as BuildKit's parser has them):
// - parser directives (`# syntax=…`, `# escape=…`, `# check=…`) are the comment lines at the very top;
// - a line whose last non-blank character is the escape character (`\`, or a backtick after
//   `# escape=\``) continues on the next line; comment and blank lines inside a continuation are
//   skipped;
// - RUN, COPY and ADD may open here-documents (`<<EOF`, `<<-EOF`, `<<"EOF"`); their bodies are not
//   instructions, so only glossary terms apply there;
// - comment lines start with `#`; only glossary terms apply there too;
// - flags come right after the keyword (`RUN --mount=… --network=none cmd`); a `--x` after the first
//   argument belongs to the command (`apt-get install --no-install-recommends`), not to Docker.
import {
  LONGEST_TERM_PHRASE,
  isTermHere,
  lookupDirective,
  lookupFlag,
  lookupFlagOption,
  lookupFlagValue,
  lookupInstruction,
  lookupKeyword,
  lookupTerm,
} from '../glossary';
import type { InstructionEntry } from '../glossary';

/** The document as lines: `lineAt(n)` returns line n's text without its line break. */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A range on one line: [start, end) in UTF-16 code units. */
export interface WordRange {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export type EscapeChar = '\\' | '`';

export type Located =
  | {
      readonly kind: 'instruction';
      readonly word: string;
      readonly range: WordRange;
      readonly instruction: string;
      readonly keyword?: string;
    }
  | {
      readonly kind: 'flag';
      readonly word: string;
      readonly range: WordRange;
      readonly instruction: string;
      readonly flag: string;
    }
  | {
      readonly kind: 'flagValue';
      readonly word: string;
      readonly range: WordRange;
      readonly instruction: string;
      readonly flag: string;
      /** A value of the flag (`host`), or of its `type=` option for `--mount` (`cache`). */
      readonly value?: string;
      /** A key=value option of the flag (`target`, `sharing`). */
      readonly option?: string;
    }
  | { readonly kind: 'directive'; readonly word: string; readonly range: WordRange; readonly directive: string }
  | {
      readonly kind: 'term';
      readonly word: string;
      readonly range: WordRange;
      readonly termId: string;
      readonly instruction?: string;
    };

/** The parser directives at the top of the file. */
export interface Directives {
  readonly escape: EscapeChar;
  /** Lines [0, end) are parser directives. */
  readonly end: number;
  /** The directive names found, in order, lower case. */
  readonly names: readonly string[];
}

/** Directives must come first; BuildKit knows three, so a short look is enough. */
export const MAX_DIRECTIVE_LINES = 16;
/** How far back a line may be the continuation of an instruction. */
export const MAX_CONTINUATION_LINES = 500;
/** How far back a here-document may have been opened. */
export const MAX_HEREDOC_LINES = 2000;

const DIRECTIVE_LINE = /^\s*#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/;
const HEREDOC_OPENER = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const LEADING_TABS = /^\t+/;
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/**
 * Reads the parser directives from the first lines. Stops at the first line that is not a known
 * directive (an unknown one, a plain comment, a blank line or an instruction), as BuildKit does.
 */
export function readDirectives(src: LineSource): Directives {
  let escape: EscapeChar = '\\';
  const names: string[] = [];
  const limit = Math.min(src.lineCount, MAX_DIRECTIVE_LINES);
  let end = 0;
  for (; end < limit; end++) {
    const match = DIRECTIVE_LINE.exec(src.lineAt(end));
    if (!match) break;
    const name = match[1].toLowerCase();
    if (!KNOWN_DIRECTIVES.has(name) || names.includes(name)) break;
    names.push(name);
    if (name === 'escape' && match[2] === '`') escape = '`';
  }
  return { escape, end, names };
}

// ── small character helpers (no allocation) ────────────────────────────────────────────────────

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 11;
}
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
/** Word characters plus `.` and `-`: `memory.max`, `cri-o`, `seccomp-bpf`. */
function isRunChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 45;
}
function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}
function lastNonSpace(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i;
}
function isCommentLine(text: string): boolean {
  const i = firstNonSpace(text);
  return i < text.length && text.charCodeAt(i) === 35; // '#'
}
function isBlankOrComment(text: string): boolean {
  const i = firstNonSpace(text);
  return i >= text.length || text.charCodeAt(i) === 35;
}
function endsWithEscape(text: string, escape: EscapeChar): boolean {
  const i = lastNonSpace(text);
  return i >= 0 && text[i] === escape;
}

/** The first word of a line: [start, end) of its leading letters. */
function firstWord(text: string, from = 0): { start: number; end: number } {
  let start = from;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  let end = start;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  return { start, end };
}

/** The instruction a line starts with (the inner one after ONBUILD), if it starts with one. */
function lineInstruction(text: string): { entry: InstructionEntry; upperCase: boolean } | undefined {
  const w = firstWord(text);
  // A keyword is followed by whitespace or the end of the line (`USER=x cmd` is a shell line).
  if (w.end === w.start || (w.end < text.length && !isSpace(text.charCodeAt(w.end)))) return undefined;
  const word = text.slice(w.start, w.end);
  let entry = lookupInstruction(word);
  if (!entry) return undefined;
  if (entry.name === 'ONBUILD') {
    const inner = firstWord(text, w.end);
    const innerEntry = inner.end > inner.start ? lookupInstruction(text.slice(inner.start, inner.end)) : undefined;
    if (innerEntry) entry = innerEntry;
  }
  return { entry, upperCase: word === word.toUpperCase() };
}

// ── here-documents ──────────────────────────────────────────────────────────────────────────────

interface HeredocOpener {
  readonly name: string;
  readonly stripTabs: boolean;
}

function heredocOpeners(text: string): HeredocOpener[] {
  const found: HeredocOpener[] = [];
  HEREDOC_OPENER.lastIndex = 0;
  for (let m = HEREDOC_OPENER.exec(text); m; m = HEREDOC_OPENER.exec(text)) {
    // `<<<` is a shell here-string, not a here-document.
    if (m.index > 0 && text.charCodeAt(m.index - 1) === 60) continue;
    found.push({ name: m[3], stripTabs: m[1] === '-' });
  }
  return found;
}

function isTerminator(text: string, opener: HeredocOpener): boolean {
  const body = opener.stripTabs ? text.replace(LEADING_TABS, '') : text;
  return body.trimEnd() === opener.name;
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
        const openers = heredocOpeners(text);
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

// ── tokens of an instruction ────────────────────────────────────────────────────────────────────

interface Token {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Whitespace-separated tokens of one line, without a trailing continuation escape. */
function tokenize(text: string, line: number, escape: EscapeChar, out: Token[]): void {
  let end = text.length;
  const last = lastNonSpace(text);
  if (last >= 0 && text[last] === escape) end = last;
  let i = 0;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const start = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    out.push({ line, start, end: i, text: text.slice(start, i) });
  }
}

/** The first line of the instruction that `line` belongs to (itself unless it continues one). */
function instructionStart(src: LineSource, line: number, escape: EscapeChar): number {
  let start = line;
  const stop = Math.max(0, line - MAX_CONTINUATION_LINES);
  for (;;) {
    let p = start - 1;
    while (p >= stop && isBlankOrComment(src.lineAt(p))) p--;
    if (p < stop || !endsWithEscape(src.lineAt(p), escape)) return start;
    start = p;
  }
}

// ── the entry point ─────────────────────────────────────────────────────────────────────────────

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
  const tokens: Token[] = [];
  for (let n = start; n <= pos.line; n++) {
    const lineText = n === pos.line ? text : src.lineAt(n);
    if (n !== pos.line && isBlankOrComment(lineText)) continue;
    tokenize(lineText, n, escape, tokens);
  }
  let cursor = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.line === pos.line && t.start <= pos.character && pos.character < t.end) {
      cursor = i;
      break;
    }
  }
  if (cursor < 0) {
    // Just after a word (the end of a selection): take the word that ends here.
    const last = tokens.length - 1;
    if (last >= 0 && tokens[last].line === pos.line && tokens[last].end === pos.character) cursor = last;
  }
  if (cursor < 0) return undefined;

  let entry = lookupInstruction(tokens[0].text);
  if (!entry) return termAt(text, pos.line, pos.character);
  const rangeOf = (t: Token): WordRange => ({ line: t.line, start: t.start, end: t.end });
  const instructionAt = (i: number, e: InstructionEntry): Located => ({
    kind: 'instruction',
    word: tokens[i].text,
    range: rangeOf(tokens[i]),
    instruction: e.name,
  });

  let firstArg = 1;
  if (entry.name === 'ONBUILD') {
    if (cursor === 0) return instructionAt(0, entry);
    const inner = tokens.length > 1 ? lookupInstruction(tokens[1].text) : undefined;
    if (inner) {
      if (cursor === 1) return instructionAt(1, inner);
      entry = inner;
      firstArg = 2;
    }
  } else if (cursor === 0) {
    return instructionAt(0, entry);
  }

  let flagsEnd = firstArg;
  while (flagsEnd < tokens.length && tokens[flagsEnd].text.startsWith('--')) flagsEnd++;
  if (cursor < flagsEnd) return locateFlag(entry, tokens[cursor], pos.character);

  const token = tokens[cursor];
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

function locateDirective(text: string, pos: Position): Located | undefined {
  const match = DIRECTIVE_LINE.exec(text);
  if (!match) return undefined;
  const directive = lookupDirective(match[1]);
  if (!directive) return undefined;
  const start = text.indexOf(match[1]);
  return {
    kind: 'directive',
    word: match[1],
    range: { line: pos.line, start, end: start + match[1].length },
    directive: directive.name,
  };
}

function locateFlag(entry: InstructionEntry, token: Token, character: number): Located | undefined {
  const text = token.text;
  const eq = text.indexOf('=');
  const nameEnd = eq < 0 ? text.length : eq;
  const flag = lookupFlag(entry.name, text.slice(2, nameEnd));
  if (!flag) return undefined;
  const line = token.line;
  const flagHit: Located = {
    kind: 'flag',
    word: text.slice(0, nameEnd),
    range: { line, start: token.start, end: token.start + nameEnd },
    instruction: entry.name,
    flag: flag.name,
  };
  const offset = character - token.start;
  if (eq < 0 || offset <= nameEnd) return flagHit;

  if (flag.options) {
    // key=value[,key=value…]: find the part under the cursor.
    let partStart = eq + 1;
    while (partStart <= text.length) {
      let partEnd = text.indexOf(',', partStart);
      if (partEnd < 0) partEnd = text.length;
      if (offset < partEnd || partEnd === text.length) {
        const part = text.slice(partStart, partEnd);
        const partEq = part.indexOf('=');
        const key = stripQuotes(partEq < 0 ? part : part.slice(0, partEq));
        const onValue = partEq >= 0 && offset > partStart + partEq;
        if (key.toLowerCase() === 'type' && onValue) {
          const value = stripQuotes(part.slice(partEq + 1));
          if (lookupFlagValue(flag, value)) {
            return {
              kind: 'flagValue',
              word: value,
              instruction: entry.name,
              flag: flag.name,
              option: 'type',
              value: value.toLowerCase(),
              range: { line, start: token.start + partStart + partEq + 1, end: token.start + partEnd },
            };
          }
          return flagHit;
        }
        const option = lookupFlagOption(flag, key);
        if (!option) return flagHit;
        return {
          kind: 'flagValue',
          word: key,
          instruction: entry.name,
          flag: flag.name,
          option: option.value,
          range: { line, start: token.start + partStart, end: token.start + partEnd },
        };
      }
      partStart = partEnd + 1;
    }
    return flagHit;
  }
  if (flag.values) {
    const value = stripQuotes(text.slice(eq + 1));
    if (lookupFlagValue(flag, value)) {
      return {
        kind: 'flagValue',
        word: value,
        instruction: entry.name,
        flag: flag.name,
        value: value.toLowerCase(),
        range: { line, start: token.start + eq + 1, end: token.end },
      };
    }
  }
  return flagHit;
}

function stripQuotes(text: string): string {
  const n = text.length;
  if (n >= 2) {
    const first = text.charCodeAt(0);
    if ((first === 34 || first === 39) && text.charCodeAt(n - 1) === first) return text.slice(1, n - 1);
  }
  return text;
}

// ── glossary terms in free text ─────────────────────────────────────────────────────────────────

interface Span {
  readonly start: number;
  readonly end: number;
}

/** The run of word characters, `.` and `-` around `at`, trimmed of `.` and `-` at its ends. */
function runAt(text: string, at: number): Span | undefined {
  if (at >= text.length || !isRunChar(text.charCodeAt(at))) return undefined;
  let start = at;
  while (start > 0 && isRunChar(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && isRunChar(text.charCodeAt(end))) end++;
  while (start < end && !isWordChar(text.charCodeAt(start))) start++;
  while (end > start && !isWordChar(text.charCodeAt(end - 1))) end--;
  return start < end && start <= at && at < end ? { start, end } : undefined;
}

/** The run that ends just before `end`, separated by spaces only (no punctuation). */
function runBefore(text: string, end: number): Span | undefined {
  let i = end;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (i === end || i === 0 || !isWordChar(text.charCodeAt(i - 1))) return undefined;
  return runAt(text, i - 1);
}

/** The run that starts just after `start`, separated by spaces only. */
function runAfter(text: string, start: number): Span | undefined {
  let i = start;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i === start || i >= text.length || !isWordChar(text.charCodeAt(i))) return undefined;
  const run = runAt(text, i);
  return run && run.start === i ? run : undefined;
}

/**
 * The glossary term at `character` on a line of free text (a comment, a here-document body, the
 * arguments of an instruction). Longest match first: a three-word phrase ("user namespace
 * remapping"), then two words ("pid namespace"), then the word with its dots and dashes
 * (`memory.max`, `CRI-O`), a path (`/sys/fs/cgroup`, `ns/pid`), then the bare word.
 */
export function termAt(text: string, line: number, character: number, instruction?: string): Located | undefined {
  let at = character;
  if (at >= text.length || !isRunChar(text.charCodeAt(at))) at = character - 1;
  if (at < 0) return undefined;
  const run = runAt(text, at);
  if (!run) return undefined;
  const hit = (span: Span, termId: string): Located | undefined =>
    isTermHere(text, span.start, span.end)
      ? {
          kind: 'term',
          word: text.slice(span.start, span.end),
          range: { line, start: span.start, end: span.end },
          termId,
          ...(instruction ? { instruction } : {}),
        }
      : undefined;

  if (LONGEST_TERM_PHRASE > 1) {
    const before: Span[] = [];
    const after: Span[] = [];
    for (let s: Span | undefined = run; before.length < LONGEST_TERM_PHRASE - 1;) {
      s = runBefore(text, s.start);
      if (!s) break;
      before.push(s);
    }
    for (let s: Span | undefined = run; after.length < LONGEST_TERM_PHRASE - 1;) {
      s = runAfter(text, s.end);
      if (!s) break;
      after.push(s);
    }
    for (let words = LONGEST_TERM_PHRASE; words >= 2; words--) {
      // `left` words before the cursor's word, `words - 1 - left` after.
      for (let left = Math.min(words - 1, before.length); left >= 0; left--) {
        const right = words - 1 - left;
        if (right > after.length) break;
        const span = {
          start: left > 0 ? before[left - 1].start : run.start,
          end: right > 0 ? after[right - 1].end : run.end,
        };
        const term = lookupTerm(text.slice(span.start, span.end));
        if (term) return hit(span, term.id);
      }
    }
  }

  const whole = lookupTerm(text.slice(run.start, run.end));
  if (whole) return hit(run, whole.id);

  // Paths: `/sys/fs/cgroup`, `/etc/subuid`, `/proc/self/ns/pid` (→ `ns/pid`).
  if (
    (run.start > 0 && text.charCodeAt(run.start - 1) === 47) ||
    (run.end < text.length && text.charCodeAt(run.end) === 47)
  ) {
    let start = run.start;
    while (start > 0 && (isRunChar(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 47)) start--;
    const path = lookupTerm(text.slice(start, run.end));
    if (path) return hit({ start, end: run.end }, path.id);
    if (run.start > 0 && text.charCodeAt(run.start - 1) === 47) {
      const parent = runAt(text, run.start - 2);
      if (parent) {
        const pair = lookupTerm(text.slice(parent.start, run.end));
        if (pair) return hit({ start: parent.start, end: run.end }, pair.id);
      }
    }
  }

  // The bare word inside a dotted or dashed run: `runc` in `runc.amd64`, `docker` in `docker-ce`.
  let start = at;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  if (start < end && (start !== run.start || end !== run.end)) {
    const bare = lookupTerm(text.slice(start, end));
    if (bare) return hit({ start, end }, bare.id);
  }
  return undefined;
}
