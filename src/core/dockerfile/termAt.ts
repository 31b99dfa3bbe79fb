// Glossary terms in free text: a comment, a here-document body, the arguments of an instruction.
// Every scan here stops after MAX_LOOKUP_LENGTH characters: nothing longer can be a glossary key,
// so a hover inside a megabyte-long word reads a few hundred characters of it, not the megabyte.
import { LONGEST_TERM_PHRASE, isTermHere, lookupTerm } from '../glossary';
import { MAX_LOOKUP_LENGTH } from '../glossary/lookup';
import { isRunChar, isWordChar } from './chars';
import type { Located } from './types';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A run longer than any glossary key: its words may still be, but the run as a whole cannot. */
const TOO_LONG = 'too long';

/**
 * The [start, end) of the characters before `at` and from `at` on that pass `test`, or TOO_LONG
 * when they go on for more than MAX_LOOKUP_LENGTH characters on either side.
 */
function spanOf(text: string, at: number, test: (c: number) => boolean): Span | typeof TOO_LONG {
  const floor = Math.max(0, at - MAX_LOOKUP_LENGTH);
  const ceil = Math.min(text.length, at + MAX_LOOKUP_LENGTH);
  let start = at;
  while (start > floor && test(text.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < ceil && test(text.charCodeAt(end))) end++;
  if (
    (start === floor && start > 0 && test(text.charCodeAt(start - 1))) ||
    (end === ceil && end < text.length && test(text.charCodeAt(end)))
  )
    return TOO_LONG;
  return { start, end };
}

/**
 * The run of word characters, `.` and `-` around `at`, trimmed of `.` and `-` at its ends;
 * undefined when there is none, TOO_LONG when it is longer than any key.
 */
function runAt(text: string, at: number): Span | typeof TOO_LONG | undefined {
  if (at < 0 || at >= text.length || !isRunChar(text.charCodeAt(at))) return undefined;
  const span = spanOf(text, at, isRunChar);
  if (span === TOO_LONG) return span;
  let { start, end } = span;
  while (start < end && !isWordChar(text.charCodeAt(start))) start++;
  while (end > start && !isWordChar(text.charCodeAt(end - 1))) end--;
  return start < end && start <= at && at < end ? { start, end } : undefined;
}

/** Spaces and tabs from `i` going `step` (±1), at most MAX_LOOKUP_LENGTH of them. */
function skipBlanks(text: string, i: number, step: 1 | -1): number {
  const bound = step < 0 ? Math.max(0, i - MAX_LOOKUP_LENGTH) : Math.min(text.length, i + MAX_LOOKUP_LENGTH);
  const at = (k: number): number => text.charCodeAt(step < 0 ? k - 1 : k);
  while (i !== bound && (at(i) === 32 || at(i) === 9)) i += step;
  return i;
}

/** The run that ends just before `end`, separated by spaces only (no punctuation). */
function runBefore(text: string, end: number): Span | undefined {
  const i = skipBlanks(text, end, -1);
  if (i === end || i === 0 || !isWordChar(text.charCodeAt(i - 1))) return undefined;
  const run = runAt(text, i - 1);
  return run === TOO_LONG ? undefined : run;
}

/** The run that starts just after `start`, separated by spaces only. */
function runAfter(text: string, start: number): Span | undefined {
  const i = skipBlanks(text, start, 1);
  if (i === start || i >= text.length || !isWordChar(text.charCodeAt(i))) return undefined;
  const run = runAt(text, i);
  return run !== undefined && run !== TOO_LONG && run.start === i ? run : undefined;
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
  if (run !== TOO_LONG) {
    const found = phraseAt(text, run, hit) ?? pathAt(text, run, hit);
    if (found) return found;
  }

  // The bare word inside a dotted or dashed run: `runc` in `runc.amd64`, `docker` in `docker-ce`.
  const word = spanOf(text, at, isWordChar);
  if (word === TOO_LONG || word.start === word.end) return undefined;
  if (run !== TOO_LONG && word.start === run.start && word.end === run.end) return undefined;
  const bare = lookupTerm(text.slice(word.start, word.end));
  return bare ? hit(word, bare.id) : undefined;
}

type Hit = (span: Span, termId: string) => Located | undefined;

/** A phrase of up to LONGEST_TERM_PHRASE words around the run, then the run itself. */
function phraseAt(text: string, run: Span, hit: Hit): Located | undefined {
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
  return whole ? hit(run, whole.id) : undefined;
}

/** Paths: `/sys/fs/cgroup`, `/etc/subuid`, `/proc/self/ns/pid` (→ `ns/pid`). */
function pathAt(text: string, run: Span, hit: Hit): Located | undefined {
  const slashBefore = run.start > 0 && text.charCodeAt(run.start - 1) === 47;
  if (!slashBefore && !(run.end < text.length && text.charCodeAt(run.end) === 47)) return undefined;
  const isPathChar = (c: number): boolean => isRunChar(c) || c === 47;
  const floor = Math.max(0, run.end - MAX_LOOKUP_LENGTH);
  let start = run.start;
  while (start > floor && isPathChar(text.charCodeAt(start - 1))) start--;
  // A path that goes on past the bound is longer than any key: only its last two parts may be one.
  const whole =
    start === floor && start > 0 && isPathChar(text.charCodeAt(start - 1))
      ? undefined
      : lookupTerm(text.slice(start, run.end));
  if (whole) return hit({ start, end: run.end }, whole.id);
  if (slashBefore) {
    const parent = runAt(text, run.start - 2);
    if (parent && parent !== TOO_LONG) {
      const pair = lookupTerm(text.slice(parent.start, run.end));
      if (pair) return hit({ start: parent.start, end: run.end }, pair.id);
    }
  }
  return undefined;
}
