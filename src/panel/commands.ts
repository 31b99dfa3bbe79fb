import vscode = require('../vscodeApi');
import { ANATOMY_DIAGRAM_ID, DIAGRAMS, isDiagramId, USAGE_DIAGRAM_ID, type DiagramId } from '../core/diagrams';
import type { ArchitecturePanelManager } from './architecturePanel';

/**
 * `containerAnatomy.openDiagram` takes `{ diagram, highlight? }` (from hovers, the walkthrough and
 * the tree), a bare diagram id, or `{ diagram: 'container-anatomy' | 'container-usage', container: key }`
 * for one container's anatomy or usage over time. Arguments can come from a command link, so they
 * are validated.
 */
export function parseOpenDiagramArgs(
  arg: unknown,
): { diagram: DiagramId; highlight?: string } | { anatomyOf: string } | { usageOf: string } | undefined {
  if (isDiagramId(arg)) return { diagram: arg };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { diagram, highlight, container } = arg as Record<string, unknown>;
  if (diagram === ANATOMY_DIAGRAM_ID || diagram === USAGE_DIAGRAM_ID) {
    if (typeof container !== 'string' || container.length === 0 || container.length > 512) return undefined;
    return diagram === ANATOMY_DIAGRAM_ID ? { anatomyOf: container } : { usageOf: container };
  }
  if (!isDiagramId(diagram)) return undefined;
  return typeof highlight === 'string' && highlight.length <= 512 ? { diagram, highlight } : { diagram };
}

/** The Open Diagram command: the diagram its argument names, or a pick when it has none. */
export async function openDiagram(panels: ArchitecturePanelManager, arg?: unknown): Promise<void> {
  if (arg === undefined) {
    // From the command palette: let the user pick.
    const picked = await vscode.window.showQuickPick(
      DIAGRAMS.map((d) => ({ label: d.title, id: d.id })),
      { title: 'Open a Container Anatomy diagram', placeHolder: 'Diagram' },
    );
    if (picked) panels.show(picked.id as DiagramId);
    return;
  }
  const parsed = parseOpenDiagramArgs(arg);
  if (!parsed) {
    void vscode.window.showErrorMessage('Container Anatomy: that is not a diagram this panel knows.');
    return;
  }
  if ('anatomyOf' in parsed) panels.showAnatomy(parsed.anatomyOf);
  else if ('usageOf' in parsed) panels.showUsage(parsed.usageOf);
  else panels.show(parsed.diagram, 'highlight' in parsed ? parsed.highlight : undefined);
}
