// Parser directives (`# syntax=…`, `# escape=…`, `# check=…`): the comment lines at the very top of
// a Dockerfile, as BuildKit reads them. Parsed by hand in one pass: the pattern this replaces,
// /^\s*#\s*(name)\s*=\s*(.*?)\s*$/, took seconds on a directive followed by a long run of spaces.
import { lookupDirective } from '../glossary';
import { MAX_LOOKUP_LENGTH } from '../glossary/lookup';
import type { EscapeChar, LineSource, Located, Position } from './types';

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

const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/** What `.` does not match: a value cannot hold one. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}
/**
 * The first index from `i` that is not `\s`. trimStart skips exactly `\s` (WhiteSpace and
 * LineTerminator), natively: a directive followed by 100,000 spaces costs one native scan.
 */
function skipJsSpaces(text: string, i: number): number {
  return text.length - text.slice(i).trimStart().length;
}

export interface DirectiveLine {
  readonly name: string;
  readonly nameStart: number;
  readonly value: string;
}

/** `# name = value` (spaces anywhere around the parts), or undefined. */
export function parseDirectiveLine(text: string): DirectiveLine | undefined {
  let i = skipJsSpaces(text, 0);
  if (text.charCodeAt(i) !== 35) return undefined; // '#'
  i = skipJsSpaces(text, i + 1);
  const nameStart = i;
  if (!isLetter(text.charCodeAt(i))) return undefined;
  // A name longer than any glossary key is no directive BuildKit knows, which ends the directives
  // just as a line that is no directive does.
  const ceil = Math.min(text.length, i + MAX_LOOKUP_LENGTH + 1);
  while (i < ceil && isNameChar(text.charCodeAt(i))) i++;
  if (i === ceil && i - nameStart > MAX_LOOKUP_LENGTH) return undefined;
  const nameEnd = i;
  i = skipJsSpaces(text, i);
  if (text.charCodeAt(i) !== 61) return undefined; // '='
  i = skipJsSpaces(text, i + 1);
  const end = Math.max(i, text.trimEnd().length);
  if (LINE_TERMINATOR.test(text.slice(i, end))) return undefined;
  return { name: text.slice(nameStart, nameEnd), nameStart, value: text.slice(i, end) };
}

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
    const directive = parseDirectiveLine(src.lineAt(end));
    if (!directive) break;
    const name = directive.name.toLowerCase();
    if (!KNOWN_DIRECTIVES.has(name) || names.includes(name)) break;
    names.push(name);
    if (name === 'escape' && directive.value === '`') escape = '`';
  }
  return { escape, end, names };
}

/** The directive name under a directive line (the whole name, wherever the cursor is on the line). */
export function locateDirective(text: string, pos: Position): Located | undefined {
  const line = parseDirectiveLine(text);
  if (!line) return undefined;
  const directive = lookupDirective(line.name);
  if (!directive) return undefined;
  return {
    kind: 'directive',
    word: line.name,
    range: { line: pos.line, start: line.nameStart, end: line.nameStart + line.name.length },
    directive: directive.name,
  };
}
