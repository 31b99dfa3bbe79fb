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
  /** Further sources drawn under `source` as one picture (the usage charts: one per unit). */
  moreSources?: string[];
  /**
   * Node ids (the builder's own, never host text) that stand for a container: the webview attaches
   * click and keyboard handlers to the nodes it rendered for them.
   */
  containerNodes?: string[];
}

/** What the host sends of a built diagram: its container nodes' ids only, never the keys behind them. */
export function diagramPayload(spec: {
  id: string;
  title: string;
  caption: [string, string];
  source: string;
  moreSources?: string[];
  nodeContainers?: Record<string, string>;
}): DiagramPayload {
  const { id, title, caption, source, moreSources } = spec;
  const payload: DiagramPayload = {
    id,
    title,
    caption,
    source,
    containerNodes: Object.keys(spec.nodeContainers ?? {}),
  };
  if (moreSources && moreSources.length > 0) payload.moreSources = [...moreSources];
  return payload;
}

export interface DiagramTab {
  id: string;
  title: string;
}

/** Host → webview. */
export type HostMessage = {
  type: 'showDiagram';
  diagram: DiagramPayload;
  /** Every diagram the panel offers, in order, for the tab list. */
  tabs: DiagramTab[];
  /** Re-render of the same diagram with new data (live host): keep zoom and scroll. */
  keepView?: boolean;
};

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'rendered'; diagramId: string; svgBytes: number; elapsedMs: number }
  | { type: 'renderFailed'; diagramId: string; message: string }
  | { type: 'selectDiagram'; diagramId: string }
  | { type: 'copySource'; diagramId: string }
  | { type: 'exportSvg'; diagramId: string; svg: string }
  /** A container's node was clicked: the host looks the node id up in the diagram it sent. */
  | { type: 'openContainerNode'; diagramId: string; nodeId: string };

/** State the webview keeps through `vscode.setState`, read back by the panel serializer. */
export interface PanelState {
  diagramId: string;
}

/** An exported SVG above this size is refused rather than written (a huge page is a bug or an attack). */
export const MAX_EXPORT_SVG_BYTES = 32 * 1024 * 1024;
const MAX_TEXT = 4096;
/** More charts than this under one diagram is not a diagram the host sends. */
const MAX_MORE_SOURCES = 4;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

/** The builders' node ids: a letter prefix and a counter (`c12`, `p0`). */
export function isNodeId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z_]{1,16}[0-9]{0,9}$/.test(value);
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
    case 'selectDiagram':
    case 'copySource':
      if (isShortString(value.diagramId)) return { type: value.type, diagramId: value.diagramId };
      return undefined;
    case 'openContainerNode':
      if (isShortString(value.diagramId) && isNodeId(value.nodeId))
        return { type: 'openContainerNode', diagramId: value.diagramId, nodeId: value.nodeId };
      return undefined;
    case 'exportSvg':
      if (
        isShortString(value.diagramId) &&
        typeof value.svg === 'string' &&
        value.svg.length <= MAX_EXPORT_SVG_BYTES &&
        value.svg.startsWith('<svg')
      ) {
        return { type: 'exportSvg', diagramId: value.diagramId, svg: value.svg };
      }
      return undefined;
    default:
      return undefined;
  }
}

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || value.type !== 'showDiagram' || !isRecord(value.diagram) || !Array.isArray(value.tabs))
    return undefined;
  const d = value.diagram;
  const caption = d.caption;
  const tabs = value.tabs.filter(
    (t): t is DiagramTab => isRecord(t) && typeof t.id === 'string' && typeof t.title === 'string',
  );
  if (
    typeof d.id === 'string' &&
    typeof d.title === 'string' &&
    typeof d.source === 'string' &&
    Array.isArray(caption) &&
    caption.length === 2 &&
    caption.every((c) => typeof c === 'string')
  ) {
    const containerNodes = Array.isArray(d.containerNodes) ? d.containerNodes.filter(isNodeId) : [];
    const more = Array.isArray(d.moreSources)
      ? d.moreSources.filter((x): x is string => typeof x === 'string').slice(0, MAX_MORE_SOURCES)
      : [];
    const diagram: DiagramPayload = {
      id: d.id,
      title: d.title,
      caption: [caption[0], caption[1]],
      source: d.source,
      containerNodes,
    };
    if (more.length > 0) diagram.moreSources = more;
    return {
      type: 'showDiagram',
      diagram,
      tabs: tabs.map((t) => ({ id: t.id, title: t.title })),
      keepView: value.keepView === true,
    };
  }
  return undefined;
}

export function parsePanelState(value: unknown): PanelState | undefined {
  if (isRecord(value) && isShortString(value.diagramId)) return { diagramId: value.diagramId };
  return undefined;
}
