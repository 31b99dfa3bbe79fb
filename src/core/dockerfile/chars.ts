// Character tests over a line, by char code and without allocation: the hover runs them on whatever
// the user typed, so each is one pass at most.
import { lookupInstruction } from '../glossary';
import { MAX_LOOKUP_LENGTH } from '../glossary/lookup';
import type { InstructionEntry } from '../glossary';
import type { EscapeChar } from './types';

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 11;
}
export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
/** Word characters plus `.` and `-`: `memory.max`, `cri-o`, `seccomp-bpf`. */
export function isRunChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 45;
}
// Runs of spaces or of non-spaces can be a megabyte long: the first few characters are looked at by
// hand (between words there is usually one space), the rest by the regular-expression engine's
// native scan for a single character class, which cannot backtrack.
const SHORT_RUN = 16;
const NEXT_NON_SPACE = /[^ \t\r\f\v]/g;
const NEXT_SPACE = /[ \t\r\f\v]/g;
const ONLY_SPACES = /^[ \t\r\f\v]*$/;

function nativeScan(pattern: RegExp, text: string, from: number, limit: number): number {
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  return m === null || m.index > limit ? limit : m.index;
}

/** The first index in [from, limit) that is not a space, or `limit`. */
export function skipSpaces(text: string, from: number, limit = text.length): number {
  let i = from;
  const stop = Math.min(limit, from + SHORT_RUN);
  while (i < stop && isSpace(text.charCodeAt(i))) i++;
  return i < stop || i >= limit ? i : nativeScan(NEXT_NON_SPACE, text, i, limit);
}

/** The first index in [from, limit) that is a space, or `limit`. */
export function skipNonSpaces(text: string, from: number, limit = text.length): number {
  let i = from;
  const stop = Math.min(limit, from + SHORT_RUN);
  while (i < stop && !isSpace(text.charCodeAt(i))) i++;
  return i < stop || i >= limit ? i : nativeScan(NEXT_SPACE, text, i, limit);
}

export function firstNonSpace(text: string): number {
  return skipSpaces(text, 0);
}

export function lastNonSpace(text: string): number {
  let i = text.length - 1;
  const stop = Math.max(-1, i - SHORT_RUN);
  while (i > stop && isSpace(text.charCodeAt(i))) i--;
  if (i > stop || i < 0) return i;
  // A long tail of spaces: trimEnd finds its start natively; it also trims other Unicode spaces,
  // so take its answer only when what it trimmed is all spaces of ours.
  const trimmed = text.trimEnd().length;
  if (ONLY_SPACES.test(text.slice(trimmed, i + 1))) return trimmed - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i;
}
export function isCommentLine(text: string): boolean {
  const i = firstNonSpace(text);
  return i < text.length && text.charCodeAt(i) === 35; // '#'
}
export function isBlankOrComment(text: string): boolean {
  const i = firstNonSpace(text);
  return i >= text.length || text.charCodeAt(i) === 35;
}
export function endsWithEscape(text: string, escape: EscapeChar): boolean {
  const i = lastNonSpace(text);
  return i >= 0 && text[i] === escape;
}

/**
 * The first word of a line: [start, end) of its leading letters. A word longer than any glossary
 * key is cut there (it cannot be an instruction, and is not read to its end).
 */
function firstWord(text: string, from = 0): { start: number; end: number } {
  const start = skipSpaces(text, from);
  const ceil = Math.min(text.length, start + MAX_LOOKUP_LENGTH + 1);
  let end = start;
  while (end < ceil && isWordChar(text.charCodeAt(end))) end++;
  return { start, end };
}

/** The instruction a line starts with (the inner one after ONBUILD), if it starts with one. */
export function lineInstruction(text: string): { entry: InstructionEntry; upperCase: boolean } | undefined {
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
