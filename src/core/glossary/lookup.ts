// Indexes over the glossary, built once at module load: every lookup is one Map get.
//
// Case rules: instructions match in any case (`run` is RUN), as Docker's parser does; directive
// names likewise; flag names and values as written in lower case (`--network=host`), with mount
// option keys in any case; terms case-insensitively, except `exactAliases` (VM, OCI, CRI, SYS_ADMIN…)
// which match only as written. Capability names match as CAP_SYS_ADMIN or cap_sys_admin.
import { DIRECTIVES, INSTRUCTIONS } from './instructions';
import { TERMS } from './terms';
import type { DirectiveEntry, FlagEntry, FlagValueEntry, InstructionEntry, TermEntry } from './types';

const instructionIndex = new Map<string, InstructionEntry>();
const flagIndex = new Map<string, FlagEntry>();
const directiveIndex = new Map<string, DirectiveEntry>();
const termIndex = new Map<string, TermEntry>();
const exactTermIndex = new Map<string, TermEntry>();
const termById = new Map<string, TermEntry>();

/**
 * Longer than any key of the glossary: text beyond this length is never looked up, so a hover over
 * a 1 MB word costs no 1 MB case conversion or hashing. Checked against the data below.
 */
export const MAX_LOOKUP_LENGTH = 256;

/** Whether `text` is short enough to be a key; every lookup asks this first. */
function lookupable(text: string): boolean {
  return text.length <= MAX_LOOKUP_LENGTH;
}

/** Normalizes a phrase: lower case, single spaces. */
export function normalizePhrase(text: string): string {
  return text.trim().toLowerCase().split(/\s+/).join(' ');
}

const HAS_SPACE = /\s/;

let longestPhrase = 1;
const tooLong = (key: string, what: string): void => {
  if (!lookupable(key)) throw new Error(`glossary: ${what} "${key.slice(0, 40)}…" is longer than MAX_LOOKUP_LENGTH`);
};
for (const entry of INSTRUCTIONS) {
  tooLong(entry.name, 'instruction');
  instructionIndex.set(entry.name, entry);
  for (const flag of entry.flags) {
    tooLong(flag.name, 'flag');
    for (const v of [...(flag.values ?? []), ...(flag.options ?? [])])
      for (const key of [v.value, ...(v.aliases ?? [])]) tooLong(key, 'flag value');
    flagIndex.set(`${entry.name} ${flag.name}`, flag);
  }
}
for (const directive of DIRECTIVES) directiveIndex.set(directive.name, directive);
for (const term of TERMS) {
  if (termById.has(term.id)) throw new Error(`glossary: duplicate term id ${term.id}`);
  termById.set(term.id, term);
  for (const alias of term.aliases) {
    const key = normalizePhrase(alias);
    tooLong(key, 'alias');
    const previous = termIndex.get(key);
    if (previous && previous !== term)
      throw new Error(`glossary: alias "${alias}" of ${term.id} already belongs to ${previous.id}`);
    termIndex.set(key, term);
    longestPhrase = Math.max(longestPhrase, key.split(' ').length);
  }
  for (const alias of term.exactAliases ?? []) {
    tooLong(alias, 'exact alias');
    const previous = exactTermIndex.get(alias);
    if (previous && previous !== term)
      throw new Error(`glossary: exact alias "${alias}" of ${term.id} already belongs to ${previous.id}`);
    exactTermIndex.set(alias, term);
  }
}

/** The most words in any term alias: how far the hover looks around the word under the cursor. */
export const LONGEST_TERM_PHRASE = longestPhrase;

/** An instruction by its keyword, in any case. */
export function lookupInstruction(keyword: string): InstructionEntry | undefined {
  if (!lookupable(keyword)) return undefined;
  return instructionIndex.get(keyword.toUpperCase());
}

/** A flag of an instruction, by name without `--` (`mount`), in any case. */
export function lookupFlag(instruction: string, name: string): FlagEntry | undefined {
  if (!lookupable(name)) return undefined;
  return flagIndex.get(`${instruction.toUpperCase()} ${name.toLowerCase()}`);
}

/** A parser directive by name, in any case. */
export function lookupDirective(name: string): DirectiveEntry | undefined {
  if (!lookupable(name)) return undefined;
  return directiveIndex.get(name.toLowerCase());
}

/** A value of a flag (`host` of `--network`, `cache` of `--mount`'s type), case-insensitively. */
export function lookupFlagValue(flag: FlagEntry, value: string): FlagValueEntry | undefined {
  if (!lookupable(value)) return undefined;
  const wanted = value.toLowerCase();
  return flag.values?.find((v) => v.value === wanted);
}

/** A key=value option of a flag (`target`, `dst`, `sharing` of `--mount`), case-insensitively. */
export function lookupFlagOption(flag: FlagEntry, key: string): FlagValueEntry | undefined {
  if (!lookupable(key)) return undefined;
  const wanted = key.toLowerCase();
  return flag.options?.find((o) => o.value === wanted || (o.aliases ?? []).includes(wanted));
}

/** A keyword inside an instruction's arguments (`AS` of FROM, `CMD` of HEALTHCHECK), any case. */
export function lookupKeyword(instruction: InstructionEntry, word: string): FlagValueEntry | undefined {
  if (!lookupable(word)) return undefined;
  const wanted = word.toUpperCase();
  return instruction.keywords?.find((k) => k.value.toUpperCase() === wanted);
}

/**
 * A term by one of its aliases. `text` is the phrase as written (words separated by whitespace);
 * exact aliases are tried first, then the case-insensitive ones.
 */
export function lookupTerm(text: string): TermEntry | undefined {
  if (!lookupable(text)) return undefined;
  return (
    exactTermIndex.get(text) ??
    termIndex.get(text.toLowerCase()) ??
    (HAS_SPACE.test(text) ? termIndex.get(normalizePhrase(text)) : undefined)
  );
}

/** A term by its id. */
export function lookupTermById(id: string): TermEntry | undefined {
  return termById.get(id);
}

/** Every alias (normalized) and exact alias: for tests and the grammar check. */
export function allTermAliases(): { alias: string; exact: boolean; term: TermEntry }[] {
  return [
    ...[...termIndex].map(([alias, term]) => ({ alias, exact: false, term })),
    ...[...exactTermIndex].map(([alias, term]) => ({ alias, exact: true, term })),
  ];
}
