/**
 * Makes the nodes that stand for a container clickable. The handlers are the webview's own, attached
 * to the node ids the builder generated (never mermaid `click` directives: securityLevel stays
 * 'strict'), and the host is told only the node id, which it looks up in the diagram it sent.
 */

/** mermaid names a flowchart node's group `${renderId}-flowchart-${nodeId}-${counter}`. */
function nodeIdOf(elementId: string, renderId: string): string | undefined {
  const prefix = `${renderId}-flowchart-`;
  if (!elementId.startsWith(prefix)) return undefined;
  const rest = elementId.slice(prefix.length);
  const dash = rest.lastIndexOf('-');
  return dash > 0 && /^[0-9]+$/.test(rest.slice(dash + 1)) ? rest.slice(0, dash) : undefined;
}

export function attachContainerNodes(
  svg: SVGSVGElement,
  renderId: string,
  nodeIds: readonly string[],
  open: (nodeId: string) => void,
): number {
  const wanted = new Set(nodeIds);
  let attached = 0;
  for (const group of svg.querySelectorAll<SVGGElement>('g.node')) {
    const nodeId = nodeIdOf(group.id, renderId);
    if (!nodeId || !wanted.has(nodeId)) continue;
    group.dataset.containerNode = nodeId;
    group.setAttribute('tabindex', '0');
    group.setAttribute('role', 'button');
    // textContent is the label as shown: the escaper's codes are already decoded into plain text.
    group.setAttribute('aria-label', `Open the anatomy of ${(group.textContent ?? '').trim().slice(0, 200)}`);
    group.addEventListener('click', () => open(nodeId));
    group.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      open(nodeId);
    });
    attached++;
  }
  return attached;
}
