import { parseHostMessage, type DiagramPayload, type PanelState, type WebviewMessage } from '../shared/protocol';
import { attachContainerNodes } from './containerNodes';
import { stackSvgs } from './stack';
import { DiagramTabs } from './tabs';
import { currentThemeKind, mermaidThemeFor } from './theme';
import { ZoomPan } from './zoom';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
// Mermaid is imported, not bundled into the entry: the entry runs and asks the host for its diagram
// at once, and the answer's round trip overlaps the fetch of mermaid's core (which the page's
// modulepreload links have already started).
const mermaidModule = import('mermaid').then((m) => m.default);
const byId = (id: string) => document.getElementById(id) as HTMLElement;
const titleEl = byId('diagram-title');
const captionEl = byId('diagram-caption');
const viewportEl = byId('viewport');
const diagramEl = byId('diagram');
const statusEl = byId('status');
const zoomResetEl = byId('zoom-reset');

let shown: DiagramPayload | undefined;
let renderedTheme: string | undefined;
let renderCounter = 0;

const zoom = new ZoomPan(viewportEl, (scale) => (zoomResetEl.textContent = `${Math.round(scale * 100)}%`));
const tabs = new DiagramTabs(byId('tabs'), (diagramId) => vscode.postMessage({ type: 'selectDiagram', diagramId }));

byId('zoom-in').addEventListener('click', () => zoom.zoomBy(1.25));
byId('zoom-out').addEventListener('click', () => zoom.zoomBy(1 / 1.25));
zoomResetEl.addEventListener('click', () => zoom.set(1));
byId('zoom-fit').addEventListener('click', () => zoom.fit());
byId('copy-source').addEventListener(
  'click',
  () => shown && vscode.postMessage({ type: 'copySource', diagramId: shown.id }),
);
byId('export-svg').addEventListener('click', () => {
  const svg = diagramEl.querySelector('svg');
  if (shown && svg) vscode.postMessage({ type: 'exportSvg', diagramId: shown.id, svg: svg.outerHTML });
});

async function render(diagram: DiagramPayload, keepView: boolean): Promise<void> {
  const renderId = `anatomy-diagram-${++renderCounter}`;
  try {
    const mermaid = await mermaidModule;
    const kind = currentThemeKind(document.body);
    const { theme, themeVariables } = mermaidThemeFor(kind, getComputedStyle(document.body));
    // 'strict' keeps click handlers and HTML out of labels; mermaid sanitises the SVG with DOMPurify.
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme,
      themeVariables,
      fontFamily: 'var(--vscode-font-family)',
      maxTextSize: 500_000,
      maxEdges: 5_000,
    });
    const started = performance.now();
    const svgs: string[] = [];
    const sources = [diagram.source, ...(diagram.moreSources ?? [])];
    for (const [i, source] of sources.entries())
      svgs.push((await mermaid.render(i === 0 ? renderId : `${renderId}-${i}`, source)).svg);
    if (shown !== diagram) return; // a newer diagram arrived while this one rendered
    const svg = svgs.join('');
    diagramEl.innerHTML = svg;
    renderedTheme = kind;
    const svgEl = stackSvgs(diagramEl);
    if (svgEl) {
      zoom.attach(svgEl, keepView);
      attachContainerNodes(svgEl, renderId, diagram.containerNodes ?? [], (nodeId) =>
        vscode.postMessage({ type: 'openContainerNode', diagramId: diagram.id, nodeId }),
      );
    }
    statusEl.textContent = '';
    viewportEl.setAttribute(
      'aria-label',
      `${diagram.title} diagram: drag or use the arrow keys to pan, + and - to zoom`,
    );
    vscode.postMessage({
      type: 'rendered',
      diagramId: diagram.id,
      svgBytes: svg.length,
      elapsedMs: performance.now() - started,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    statusEl.textContent = `This diagram could not be rendered: ${message}`;
    // mermaid leaves its scratch element behind on failure (one per source: `d<id>`, `d<id>-1`…).
    for (const scratch of document.querySelectorAll(`#d${renderId}, [id^="d${renderId}-"]`)) scratch.remove();
    vscode.postMessage({ type: 'renderFailed', diagramId: diagram.id, message: message.slice(0, 4000) });
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  const { diagram } = message;
  const sameDiagram = shown?.id === diagram.id;
  shown = diagram;
  tabs.show(message.tabs, diagram.id);
  titleEl.textContent = diagram.title;
  captionEl.textContent = diagram.caption.join(' ');
  vscode.setState({ diagramId: diagram.id });
  void render(diagram, message.keepView === true && sameDiagram);
});

// VS Code swaps the body's theme class when the user changes theme: redraw in the new colours.
new MutationObserver(() => {
  if (shown && currentThemeKind(document.body) !== renderedTheme) void render(shown, true);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
