import vscode = require('../vscodeApi');
import {
  ANATOMY_DIAGRAM_ID,
  buildDiagram,
  containerAnatomyDiagram,
  DIAGRAMS,
  isDiagramId,
  type DiagramId,
  type DiagramSpec,
} from '../core/diagrams';
import { displayName } from '../core/displayText';
import type { HostSnapshot } from '../core/model';
import type { SnapshotFeed } from '../core/feed/snapshotFeed';
import {
  diagramPayload,
  parsePanelState,
  parseWebviewMessage,
  type DiagramTab,
  type HostMessage,
  type WebviewMessage,
} from '../shared/protocol';
import { svgExportFileName } from './exportSvg';
import { architectureHtml } from './html';
import type { Logger } from '../log';

export const ARCHITECTURE_VIEW_TYPE = 'containerAnatomy.architecture';
const DEFAULT_DIAGRAM: DiagramId = 'container-architecture';
const LIVE: DiagramId = 'live-host';
const USAGE_CONSUMER = 'architecture-panel-anatomy';

/** The tab list, from the diagram registry (tab titles are short enough for one row). */
export const TABS: DiagramTab[] = DIAGRAMS.map((d) => ({ id: d.id, title: d.tabTitle }));

/**
 * Owns the one architecture panel: creates or reveals it, revives it after a reload through the
 * serializer, shows the diagram asked for, and keeps the live diagram current while it is visible.
 * Every listener it registers is disposed with the panel, so nothing posts to a disposed webview.
 */
export class ArchitecturePanelManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private diagramId: DiagramId = DEFAULT_DIAGRAM;
  private highlightKey: string | undefined;
  /** Set while the panel shows one container's anatomy (ContainerInfo.key) instead of a registry diagram. */
  private anatomyKey: string | undefined;
  private webviewReady = false;
  private shownSpec: DiagramSpec | undefined;
  private liveLease: vscode.Disposable | undefined;
  private readonly feedSubscription: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly feed: SnapshotFeed,
    private readonly log: Logger,
  ) {
    this.feedSubscription = feed.onDidChange((snapshot) => {
      if (this.followsFeed) this.postDiagram(snapshot, true);
    });
  }

  /** Opens (or reveals) the panel on a diagram; for the live one, optionally with a container highlighted. */
  show(diagramId: DiagramId = this.diagramId, highlightKey?: string): void {
    this.diagramId = diagramId;
    this.highlightKey = highlightKey;
    this.anatomyKey = undefined;
    this.open();
  }

  /** Opens (or reveals) the panel on one container's anatomy; it follows the feed while shown. */
  showAnatomy(containerKey: string): void {
    this.anatomyKey = containerKey;
    this.open();
  }

  /** The live diagram and an anatomy are drawn again whenever the host changes. */
  private get followsFeed(): boolean {
    return this.anatomyKey !== undefined || this.diagramId === LIVE;
  }

  /** Whether a panel is open now (VS Code tells the extension host of a closed one asynchronously). */
  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  private open(): void {
    if (this.panel) {
      this.panel.reveal(undefined);
      this.syncLiveLease();
      this.postDiagram(this.feed.current, false);
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

  get currentDiagramId(): DiagramId | typeof ANATOMY_DIAGRAM_ID | undefined {
    if (!this.panel) return undefined;
    return this.anatomyKey !== undefined ? ANATOMY_DIAGRAM_ID : this.diagramId;
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      // Only the webview's entry module, its chunks and the stylesheet may be loaded into the page.
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
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
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString(),
    });
    this.panelDisposables.push(
      webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidChangeViewState(() => this.syncLiveLease()),
      panel.onDidDispose(() => this.detach()),
    );
    this.syncLiveLease();
  }

  /** The live diagram keeps the host read only while it is on screen. */
  private syncLiveLease(): void {
    const wantLive = !!this.panel && this.panel.visible && this.followsFeed;
    if (wantLive && !this.liveLease) this.liveLease = this.feed.acquire('architecture-panel');
    if (!wantLive && this.liveLease) {
      this.liveLease.dispose();
      this.liveLease = undefined;
    }
    // An anatomy shows its cgroup's usage against the limits: only that container is polled.
    this.feed.setUsageWatch(USAGE_CONSUMER, wantLive && this.anatomyKey !== undefined ? [this.anatomyKey] : []);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message: WebviewMessage | undefined = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Ignored a malformed message from the architecture webview.');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        this.postDiagram(this.feed.current, false);
        break;
      case 'rendered':
        this.log.info(
          `Rendered diagram ${message.diagramId} (${message.svgBytes} bytes of SVG) in ${message.elapsedMs.toFixed(0)} ms.`,
        );
        break;
      case 'renderFailed':
        this.log.error(`Diagram ${message.diagramId} failed to render: ${message.message}`);
        // Mermaid's message can quote the source, and with it a container's name.
        void vscode.window.showErrorMessage(
          `Container Anatomy could not render the diagram: ${displayName(message.message)}`,
        );
        break;
      case 'selectDiagram':
        if (isDiagramId(message.diagramId)) this.show(message.diagramId);
        break;
      case 'openContainerNode': {
        const nodes = this.shownSpec?.id === message.diagramId ? this.shownSpec.nodeContainers : undefined;
        const key = nodes && Object.hasOwn(nodes, message.nodeId) ? nodes[message.nodeId] : undefined;
        if (key !== undefined) this.showAnatomy(key);
        else this.log.warn('Ignored a click on a node that is not a container of the diagram shown.');
        break;
      }
      case 'copySource':
        if (this.shownSpec?.id === message.diagramId) {
          await vscode.env.clipboard.writeText(this.shownSpec.source);
          void vscode.window.setStatusBarMessage('Container Anatomy: Mermaid source copied', 3000);
        }
        break;
      case 'exportSvg':
        await this.exportSvg(message.diagramId, message.svg);
        break;
    }
  }

  private async exportSvg(diagramId: string, svg: string): Promise<void> {
    const fileName = svgExportFileName(diagramId, this.shownSpec?.id);
    if (!fileName) {
      this.log.warn(`Ignored an SVG export for ${JSON.stringify(diagramId.slice(0, 80))}: not the diagram shown.`);
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export diagram as SVG',
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { 'SVG image': ['svg'] },
    });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(
        target,
        Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, 'utf8'),
      );
      void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}`);
    } catch (error) {
      this.log.error(`Export of ${diagramId} failed: ${String(error)}`);
      void vscode.window.showErrorMessage(
        `Container Anatomy could not save the SVG: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private postDiagram(snapshot: HostSnapshot | undefined, keepView: boolean): void {
    if (!this.panel || !this.webviewReady) return;
    const anatomyKey = this.anatomyKey;
    const spec =
      anatomyKey !== undefined
        ? containerAnatomyDiagram(snapshot, anatomyKey)
        : buildDiagram(this.diagramId, snapshot, { highlightKey: this.highlightKey });
    this.shownSpec = spec;
    this.panel.title = `Container Anatomy: ${spec.title}`;
    const tabs = anatomyKey !== undefined ? [...TABS, { id: ANATOMY_DIAGRAM_ID, title: 'Anatomy' }] : TABS;
    const message: HostMessage = { type: 'showDiagram', diagram: diagramPayload(spec), tabs, keepView };
    void this.panel.webview.postMessage(message);
  }

  private detach(): void {
    this.panel = undefined;
    this.webviewReady = false;
    this.liveLease?.dispose();
    this.liveLease = undefined;
    this.feed.setUsageWatch(USAGE_CONSUMER, []);
    vscode.Disposable.from(...this.panelDisposables).dispose();
    this.panelDisposables = [];
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
    this.feedSubscription.dispose();
  }
}
