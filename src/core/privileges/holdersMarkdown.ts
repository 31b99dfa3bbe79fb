/**
 * The hover line "3 running containers have CAP_NET_ADMIN: a, b, c" with a trusted command link
 * that opens a pick of them. The link's text is fixed words; container names (engine text, any
 * bytes) come after it through markdownText, so none can open a link, an image or HTML. The
 * command's argument is a PrivilegeQuery, JSON in the URI, checked again when the command runs.
 */
import { markdownText } from '../displayText';
import type { HostSnapshot } from '../model';
import { holdersOf, queryTitle, type PrivilegeQuery } from './holders';

/** The command a hover's holders link runs; a host trusts it by this name alone. */
export const SHOW_PRIVILEGE_HOLDERS_COMMAND = 'containerAnatomy.showPrivilegeHolders';

/** Names shown after the link; the pick lists all of them. */
const NAMES_SHOWN = 3;
/** A longer name is cut: the hover is a glance, the pick shows it whole. */
const NAME_CHARS = 40;

export function holdersCommandUri(q: PrivilegeQuery): string {
  return `command:${SHOW_PRIVILEGE_HOLDERS_COMMAND}?${encodeURIComponent(JSON.stringify([q]))}`;
}

function nameShown(name: string): string {
  const chars = [...name];
  return markdownText(chars.length > NAME_CHARS ? `${chars.slice(0, NAME_CHARS).join('')}…` : name);
}

export interface HoldersMarkdown {
  readonly lines: readonly string[];
  /** Whether a line links to SHOW_PRIVILEGE_HOLDERS_COMMAND (the host then trusts it for this hover). */
  readonly linked: boolean;
}

/**
 * One markdown line per query, from the snapshot as it is (no engine, no file read); nothing when
 * there is no snapshot yet (the feed has not read the engines: counting would be guessing).
 */
export function holdersMarkdown(
  snapshot: HostSnapshot | undefined,
  queries: readonly PrivilegeQuery[],
): HoldersMarkdown {
  if (!snapshot) return { lines: [], linked: false };
  let linked = false;
  const lines = queries.map((q) => {
    const holders = holdersOf(snapshot, q);
    const what = markdownText(queryTitle(q));
    if (holders.length === 0) return `**On this host:** no running container has ${what}.`;
    linked = true;
    const n = holders.length;
    const link = `[${n} running ${n === 1 ? 'container has' : 'containers have'} ${what}](${holdersCommandUri(q)})`;
    const names = holders.slice(0, NAMES_SHOWN).map((c) => nameShown(c.name));
    const more = n > NAMES_SHOWN ? ` and ${n - NAMES_SHOWN} more` : '';
    return `**On this host:** ${link}: ${names.join(', ')}${more}.`;
  });
  return { lines, linked };
}
