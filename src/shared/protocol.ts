/**
 * The one message protocol between the extension host and the architecture webview. Both sides
 * import this file; every message is a tagged union on `type` and is validated on receipt, because a
 * webview message is untrusted input and an old webview may outlive an update of the host.
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface DiagramPayload {
  id: string;
  title: string;
  caption: [string, string];
  source: string;
}

/** Host → webview. */
export type HostMessage = { type: 'showDiagram'; diagram: DiagramPayload };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'rendered'; diagramId: string; svgBytes: number; elapsedMs: number }
  | { type: 'renderFailed'; diagramId: string; message: string };

/** State the webview keeps through `vscode.setState`, read back by the panel serializer. */
export interface PanelState {
  diagramId: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_TEXT = 4096;
function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      if (isShortString(value.diagramId) && typeof value.svgBytes === 'number' && typeof value.elapsedMs === 'number') {
        return { type: 'rendered', diagramId: value.diagramId, svgBytes: value.svgBytes, elapsedMs: value.elapsedMs };
      }
      return undefined;
    case 'renderFailed':
      if (isShortString(value.diagramId) && isShortString(value.message)) {
        return { type: 'renderFailed', diagramId: value.diagramId, message: value.message };
      }
      return undefined;
    default:
      return undefined;
  }
}

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || value.type !== 'showDiagram' || !isRecord(value.diagram)) return undefined;
  const d = value.diagram;
  const caption = d.caption;
  if (
    typeof d.id === 'string' &&
    typeof d.title === 'string' &&
    typeof d.source === 'string' &&
    Array.isArray(caption) &&
    caption.length === 2 &&
    caption.every((c) => typeof c === 'string')
  ) {
    return { type: 'showDiagram', diagram: { id: d.id, title: d.title, caption: [caption[0], caption[1]], source: d.source } };
  }
  return undefined;
}

export function parsePanelState(value: unknown): PanelState | undefined {
  if (isRecord(value) && isShortString(value.diagramId)) return { diagramId: value.diagramId };
  return undefined;
}
