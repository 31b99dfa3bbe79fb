import vscode = require('../vscodeApi');
import {
  allSources,
  ANATOMY_DIAGRAM_ID,
  buildDiagram,
  containerAnatomyDiagram,
  containerUsageDiagram,
  DIAGRAMS,
  isDiagramId,
  USAGE_DIAGRAM_ID,
  type DiagramId,
  type DiagramSpec,
  type ShownDiagramId,
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
import { modulesToPreload, readWebviewModules, type WebviewModules } from './webviewModules';
import type { Logger } from '../log';

export const ARCHITECTURE_VIEW_TYPE = 'containerAnatomy.architecture';
const DEFAULT_DIAGRAM: DiagramId = 'container-architecture';
const LIVE: DiagramId = 'live-host';
const USAGE_CONSUMER = 'architecture-panel-anatomy';

/** The tab list, from the diagram registry (tab titles are short enough for one row). */
export const TABS: DiagramTab[] = DIAGRAMS.map((d) => ({ id: d.id, title: d.tabTitle }));

/** A diagram drawn for one container (ContainerInfo.key): its anatomy, or its usage over time. */
interface ContainerView {
  kind: typeof ANATOMY_DIAGRAM_ID | typeof USAGE_DIAGRAM_ID;
  key: string;
}
const CONTAINER_VIEW_TABS: Record<ContainerView['kind'], string> = {
  [ANATOMY_DIAGRAM_ID]: 'Anatomy',
  [USAGE_DIAGRAM_ID]: 'Usage',
};

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
  /** Set while the panel shows a diagram of one container instead of a registry diagram. */
  private containerView: ContainerView | undefined;
  private webviewReady = false;
  private shownSpec: DiagramSpec | undefined;
  private liveLease: vscode.Disposable | undefined;
  private readonly feedSubscription: vscode.Disposable;
  /** The build's module list, read at the first page: null until then, undefined if the build has none. */
  private webviewModules: WebviewModules | undefined | null = null;

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
    this.containerView = undefined;
    this.open();
  }

  /** Opens (or reveals) the panel on one container's anatomy; it follows the feed while shown. */
  showAnatomy(containerKey: string): void {
    this.containerView = { kind: ANATOMY_DIAGRAM_ID, key: containerKey };
    this.open();
  }

  /**
   * Opens (or reveals) the panel on one container's usage over time: it is sampled only while the
   * panel shows it, and the charts are drawn again at each sample.
   */
  showUsage(containerKey: string): void {
    this.containerView = { kind: USAGE_DIAGRAM_ID, key: containerKey };
    this.open();
  }

  /** The live diagram and a container's diagrams are drawn again whenever the host changes. */
  private get followsFeed(): boolean {
    return this.containerView !== undefined || this.diagramId === LIVE;
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

  get currentDiagramId(): ShownDiagramId | undefined {
    if (!this.panel) return undefined;
    return this.containerView?.kind ?? this.diagramId;
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
    const webviewUri = (file: string) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', file)).toString();
    // The diagram the page will be sent once it is ready: its type's modules are preloaded with the core.
    if (this.webviewModules === null)
      this.webviewModules = readWebviewModules(vscode.Uri.joinPath(this.extensionUri, 'dist').fsPath);
    const first = this.currentSpec(this.feed.current);
    webview.html = architectureHtml({
      cspSource: webview.cspSource,
      scriptUri: webviewUri('main.js'),
      preloadUris: this.webviewModules
        ? modulesToPreload(this.webviewModules, [first.source, ...(first.moreSources ?? [])]).map(webviewUri)
        : [],
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
    // An anatomy shows its cgroup's usage against the limits, a usage chart its history: only that
    // container is sampled, and only while the panel is on screen.
    const watched = wantLive ? this.containerView?.key : undefined;
    this.feed.setUsageWatch(USAGE_CONSUMER, watched !== undefined ? [watched] : []);
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
          await vscode.env.clipboard.writeText(allSources(this.shownSpec));
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
    const view = this.containerView;
    const spec = this.currentSpec(snapshot);
    this.shownSpec = spec;
    this.panel.title = `Container Anatomy: ${spec.title}`;
    const tabs = view ? [...TABS, { id: view.kind, title: CONTAINER_VIEW_TABS[view.kind] }] : TABS;
    const message: HostMessage = { type: 'showDiagram', diagram: diagramPayload(spec), tabs, keepView };
    void this.panel.webview.postMessage(message);
  }

  /** The diagram the panel shows now: a container's, or the registry diagram chosen. */
  private currentSpec(snapshot: HostSnapshot | undefined): DiagramSpec {
    const view = this.containerView;
    return view
      ? this.containerDiagram(view, snapshot)
      : buildDiagram(this.diagramId, snapshot, { highlightKey: this.highlightKey });
  }

  private containerDiagram(view: ContainerView, snapshot: HostSnapshot | undefined): DiagramSpec {
    if (view.kind === ANATOMY_DIAGRAM_ID) return containerAnatomyDiagram(snapshot, view.key);
    return containerUsageDiagram(snapshot, view.key, this.feed.usageHistory(view.key), this.feed.usageIntervalMs);
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
