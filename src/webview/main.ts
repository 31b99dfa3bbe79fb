import mermaid from 'mermaid';
import { parseHostMessage, type DiagramPayload, type PanelState, type WebviewMessage } from '../shared/protocol';
import { currentThemeKind, mermaidThemeFor } from './theme';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const titleEl = document.getElementById('diagram-title') as HTMLElement;
const captionEl = document.getElementById('diagram-caption') as HTMLElement;
const diagramEl = document.getElementById('diagram') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;

let shown: DiagramPayload | undefined;
let renderedTheme: string | undefined;
let renderCounter = 0;

async function render(diagram: DiagramPayload): Promise<void> {
  const kind = currentThemeKind(document.body);
  const { theme, themeVariables } = mermaidThemeFor(kind);
  // 'strict' keeps click handlers and HTML out of labels; mermaid sanitises the SVG with DOMPurify.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme, themeVariables, fontFamily: 'var(--vscode-font-family)' });
  const started = performance.now();
  const renderId = `anatomy-diagram-${++renderCounter}`;
  try {
    const { svg } = await mermaid.render(renderId, diagram.source);
    if (shown !== diagram) return; // a newer diagram arrived while this one rendered
    diagramEl.innerHTML = svg;
    renderedTheme = kind;
    statusEl.textContent = '';
    diagramEl.setAttribute('aria-label', `${diagram.title} diagram`);
    vscode.postMessage({ type: 'rendered', diagramId: diagram.id, svgBytes: svg.length, elapsedMs: performance.now() - started });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    statusEl.textContent = `This diagram could not be rendered: ${message}`;
    // mermaid leaves its scratch element behind on failure.
    document.getElementById(`d${renderId}`)?.remove();
    vscode.postMessage({ type: 'renderFailed', diagramId: diagram.id, message: message.slice(0, 4000) });
  }
}

function show(diagram: DiagramPayload): void {
  shown = diagram;
  titleEl.textContent = diagram.title;
  captionEl.textContent = diagram.caption.join(' ');
  vscode.setState({ diagramId: diagram.id });
  void render(diagram);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (message?.type === 'showDiagram') show(message.diagram);
});

// VS Code swaps the body's theme class when the user changes theme: redraw in the new colours.
new MutationObserver(() => {
  if (shown && currentThemeKind(document.body) !== renderedTheme) void render(shown);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
