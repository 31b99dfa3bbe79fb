import vscode = require('../vscodeApi');
import type { ContainerInfo, HostSnapshot } from '../core/model';
import { shortId } from '../core/format';
import type { SnapshotFeed } from '../core/feed/snapshotFeed';

export const INSPECT_SCHEME = 'container-anatomy';

/**
 * Read-only JSON of one ContainerInfo, as a virtual document on the `container-anatomy` scheme:
 * `container-anatomy:/inspect/<runtime>-<short id>.json?<container key>`. The path holds no engine
 * text beyond the id (names can be hostile); the key in the query finds the container in the
 * feed's current snapshot. Open documents follow the snapshot.
 */
export class InspectDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;
  private last = new Map<string, string>();

  constructor(private readonly feed: SnapshotFeed) {
    this.subscription = feed.onDidChange((s) => this.snapshotChanged(s));
  }

  static uriFor(c: ContainerInfo): vscode.Uri {
    const file = `${c.runtime}-${shortId(c.id).replace(/[^A-Za-z0-9_.-]/g, '_')}.json`;
    return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/inspect/${file}`, query: c.key });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const key = uri.query;
    const c = this.feed.current?.containers.find((x) => x.key === key);
    const text = c
      ? `${JSON.stringify(c, null, 2)}\n`
      : `${JSON.stringify({ key, gone: 'This container is not in the current snapshot (removed, or its engine is not answering).' }, null, 2)}\n`;
    this.last.set(uri.toString(), text);
    return text;
  }

  private snapshotChanged(snapshot: HostSnapshot): void {
    const open = new Set(
      vscode.workspace.textDocuments.filter((d) => d.uri.scheme === INSPECT_SCHEME).map((d) => d.uri.toString()),
    );
    for (const uri of [...this.last.keys()]) {
      if (!open.has(uri)) {
        this.last.delete(uri);
        continue;
      }
      const parsed = vscode.Uri.parse(uri);
      const c = snapshot.containers.find((x) => x.key === parsed.query);
      const text = c ? `${JSON.stringify(c, null, 2)}\n` : undefined;
      if (text !== this.last.get(uri)) this.changeEmitter.fire(parsed);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

export async function openInspectDocument(c: ContainerInfo): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(InspectDocumentProvider.uriFor(c));
  if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return vscode.window.showTextDocument(doc, { preview: true });
}
