// Flags right after the keyword (`RUN --mount=type=cache,target=/root/.cache --network=none`): the
// flag, one of its values, or one key of its key=value options. A `--x` after the first argument
// belongs to the command (`apt-get install --no-install-recommends`), not to Docker: locate decides.
import { lookupFlag, lookupFlagOption, lookupFlagValue } from '../glossary';
import type { InstructionEntry } from '../glossary';
import type { Token } from './tokens';
import type { Located } from './types';

/** The flag token under `character`: the flag name, or the value or option the cursor is on. */
export function locateFlag(entry: InstructionEntry, token: Token, character: number): Located | undefined {
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
  /** A value of the flag (or of its `type=` option) at [start, end) of the token. */
  const valueHit = (value: string, start: number, end: number, option?: 'type'): Located => ({
    kind: 'flagValue',
    word: value,
    instruction: entry.name,
    flag: flag.name,
    ...(option ? { option } : {}),
    value: value.toLowerCase(),
    range: { line, start: token.start + start, end: token.start + end },
  });
  const offset = character - token.start;
  if (eq < 0 || offset <= nameEnd) return flagHit;

  if (flag.options) {
    // key=value[,key=value…]: the part under the cursor, found from the cursor outwards (a part
    // ends at the first comma after the cursor).
    let partEnd = text.indexOf(',', offset + 1);
    if (partEnd < 0) partEnd = text.length;
    const partStart = Math.max(eq + 1, text.lastIndexOf(',', partEnd - 1) + 1);
    const part = text.slice(partStart, partEnd);
    const partEq = part.indexOf('=');
    const key = stripQuotes(partEq < 0 ? part : part.slice(0, partEq));
    const onValue = partEq >= 0 && offset > partStart + partEq;
    if (key.length === 4 && key.toLowerCase() === 'type' && onValue) {
      const value = stripQuotes(part.slice(partEq + 1));
      return lookupFlagValue(flag, value) ? valueHit(value, partStart + partEq + 1, partEnd, 'type') : flagHit;
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
  if (flag.values) {
    const value = stripQuotes(text.slice(eq + 1));
    if (lookupFlagValue(flag, value)) return valueHit(value, eq + 1, text.length);
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
