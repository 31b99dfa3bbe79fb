import vscode = require('../vscodeApi');
import type { ContainerInfo, HostSnapshot } from '../core/model';
import { shortId } from '../core/format';
import type { SnapshotFeed } from '../core/feed/snapshotFeed';
import { InspectTexts } from './inspectContent';

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
  private readonly texts = new InspectTexts();

  constructor(private readonly feed: SnapshotFeed) {
    this.subscription = feed.onDidChange((s) => this.snapshotChanged(s));
  }

  static uriFor(c: ContainerInfo): vscode.Uri {
    const file = `${c.runtime}-${shortId(c.id).replace(/[^A-Za-z0-9_.-]/g, '_')}.json`;
    return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/inspect/${file}`, query: c.key });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.provide(uri.toString(), uri.query, this.feed.current);
  }

  /** Fires for the open documents whose text the snapshot changes; VS Code then asks for it again. */
  private snapshotChanged(snapshot: HostSnapshot): void {
    const open = new Set(
      vscode.workspace.textDocuments.filter((d) => d.uri.scheme === INSPECT_SCHEME).map((d) => d.uri.toString()),
    );
    for (const uri of this.texts.changed(snapshot, open, (u) => vscode.Uri.parse(u).query))
      this.changeEmitter.fire(vscode.Uri.parse(uri));
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
