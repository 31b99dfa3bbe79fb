import { ANATOMY_DIAGRAM_ID, isDiagramId, USAGE_DIAGRAM_ID, type ShownDiagramId } from '../core/diagrams/diagram';

/**
 * The file name an exported SVG is offered under: the shown diagram's id. Undefined when the
 * webview (untrusted) names an unknown diagram or another than the one shown, so no text of its
 * choosing reaches the save dialog's path.
 */
export function svgExportFileName(requested: string, shown: ShownDiagramId | undefined): string | undefined {
  const known = isDiagramId(requested) || requested === ANATOMY_DIAGRAM_ID || requested === USAGE_DIAGRAM_ID;
  return known && requested === shown ? `${requested}.svg` : undefined;
}
