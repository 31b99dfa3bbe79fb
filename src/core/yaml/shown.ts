/** Document text in a hover: escaped so it renders as itself, cut short, never a link or markup. */
import { markdownText, visibleCodes } from '../displayText';

const MAX_SHOWN = 80;

export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? 'null' : shownRaw(value);
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return markdownText(cut);
}

/** The written value as a list of strings (`cap_add: [NET_ADMIN]`, or one string). */
export function stringsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Document text as a code span: no backtick can end it early, control characters show as codes. */
export function code(value: unknown): string {
  const text = typeof value === 'string' ? value : shownRaw(value);
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return `\`${visibleCodes(cut).replace(/`/g, "'")}\``;
}

function shownRaw(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
