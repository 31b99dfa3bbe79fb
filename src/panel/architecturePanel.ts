import * as vscode from 'vscode';
import { buildDiagram, isDiagramId, type DiagramId } from '../core/diagrams';
import { parsePanelState, parseWebviewMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { architectureHtml } from './html';
import type { Logger } from '../log';

export const ARCHITECTURE_VIEW_TYPE = 'containerAnatomy.architecture';
const DEFAULT_DIAGRAM: DiagramId = 'container-architecture';

/**
 * Owns the one architecture panel: creates or reveals it, revives it after a reload through the
 * serializer, and keeps every listener it registers so nothing posts to a disposed webview.
 */
export class ArchitecturePanelManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private diagramId: DiagramId = DEFAULT_DIAGRAM;
  private webviewReady = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {}

  show(diagramId: DiagramId = this.diagramId): void {
    this.diagramId = diagramId;
    if (this.panel) {
      this.panel.reveal(undefined);
      this.postDiagram();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      ARCHITECTURE_VIEW_TYPE,
      'Container Anatomy',
      vscode.ViewColumn.Active,
      this.webviewOptions(),
    );
    this.attach(panel);
  }

  /** Called by VS Code after a reload for a panel that was open: restore the diagram it showed. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = parsePanelState(state);
    if (restored && isDiagramId(restored.diagramId)) this.diagramId = restored.diagramId;
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      // Only the built bundle and the stylesheet may be loaded into the page.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
      retainContextWhenHidden: false,
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.webviewReady = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity-bar.svg');
    const webview = panel.webview;
    webview.html = architectureHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString(),
    });
    this.panelDisposables.push(
      webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidDispose(() => this.detach()),
    );
  }

  private onMessage(raw: unknown): void {
    const message: WebviewMessage | undefined = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Ignored a malformed message from the architecture webview.');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        this.postDiagram();
        break;
      case 'rendered':
        this.log.info(`Rendered diagram ${message.diagramId} (${message.svgBytes} bytes of SVG) in ${message.elapsedMs.toFixed(0)} ms.`);
        break;
      case 'renderFailed':
        this.log.error(`Diagram ${message.diagramId} failed to render: ${message.message}`);
        void vscode.window.showErrorMessage(`Container Anatomy could not render the diagram: ${message.message}`);
        break;
    }
  }

  private postDiagram(): void {
    if (!this.panel || !this.webviewReady) return;
    const spec = buildDiagram(this.diagramId);
    this.panel.title = `Container Anatomy: ${spec.title}`;
    const message: HostMessage = { type: 'showDiagram', diagram: spec };
    void this.panel.webview.postMessage(message);
  }

  private detach(): void {
    this.panel = undefined;
    this.webviewReady = false;
    vscode.Disposable.from(...this.panelDisposables).dispose();
    this.panelDisposables = [];
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
  }
}
