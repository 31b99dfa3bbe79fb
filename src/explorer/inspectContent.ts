/**
 * What an inspect document shows, and when it changed: vscode-free, so the rule that a document
 * changes only when its text does is tested in plain Node (test/unit/explorer).
 */
import type { HostSnapshot } from '../core/model';

/** The JSON of the container with `key` in `snapshot`, or a note that it is gone. */
export function inspectText(key: string, snapshot: HostSnapshot | undefined): string {
  const c = snapshot?.containers.find((x) => x.key === key);
  const shown = c ?? {
    key,
    gone: 'This container is not in the current snapshot (removed, or its engine is not answering).',
  };
  return `${JSON.stringify(shown, null, 2)}\n`;
}

/** The text each open document was last given, by URI string. */
export class InspectTexts {
  private readonly last = new Map<string, string>();

  /** The text for a document, remembered as what it now shows. */
  provide(uri: string, key: string, snapshot: HostSnapshot | undefined): string {
    const text = inspectText(key, snapshot);
    this.last.set(uri, text);
    return text;
  }

  /**
   * The documents whose text differs in `snapshot` from what they show; documents no longer open
   * are forgotten. A container that stays removed keeps the same "gone" text, so it is no change.
   */
  changed(snapshot: HostSnapshot, open: ReadonlySet<string>, keyOf: (uri: string) => string): string[] {
    const out: string[] = [];
    for (const [uri, shown] of [...this.last]) {
      if (!open.has(uri)) this.last.delete(uri);
      else if (inspectText(keyOf(uri), snapshot) !== shown) out.push(uri);
    }
    return out;
  }
}
