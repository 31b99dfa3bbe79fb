import { isDiagramId, type DiagramId } from '../core/diagrams/diagram';

/**
 * The file name an exported SVG is offered under: the shown diagram's id. Undefined when the
 * webview (untrusted) names an unknown diagram or another than the one shown, so no text of its
 * choosing reaches the save dialog's path.
 */
export function svgExportFileName(requested: string, shown: DiagramId | undefined): string | undefined {
  return isDiagramId(requested) && requested === shown ? `${requested}.svg` : undefined;
}
