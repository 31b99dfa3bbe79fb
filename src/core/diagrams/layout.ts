/** Layout pieces the host-drawn diagrams share: the layout engine and the grid of boxes. */

/**
 * Labels wrap at 320 px rather than mermaid's 200: a container's box then takes three lines, not six,
 * and the live host, laid out in a panel wider than tall, fits at a larger scale.
 *
 * dagre rather than mermaid 12's default, ELK: on this host's live diagram with 40 containers ELK's
 * layout took more than half of the render (profile: `npm run bench -- --profile-render`), and the
 * grid below keeps dagre's layout readable.
 */
export const LAYOUT_FRONTMATTER = [
  '---',
  'config:',
  '  layout: dagre',
  '  flowchart:',
  '    wrappingWidth: 320',
  '---',
];

/**
 * dagre for the guide's flowcharts and the placeholders too: they draw as well with it, and ELK is
 * mermaid's largest module (its chunk is 1.5 MB minified), fetched and compiled for any flowchart
 * that leaves the layout to mermaid 12's default.
 */
export const DAGRE_FRONTMATTER = ['---', 'config:', '  layout: dagre', '---'];

/** A flowchart's first lines, laid out by dagre (see DAGRE_FRONTMATTER). */
export function dagreFlowchart(direction: 'LR' | 'TB'): string {
  return [...DAGRE_FRONTMATTER, `flowchart ${direction}`].join('\n');
}

const MAX_GRID_COLUMNS = 8;

/**
 * Invisible links (`~~~`) that stack boxes in columns, so that many boxes form a grid rather than one
 * row as wide as the host is busy: dagre places boxes that no edge links side by side in a single rank.
 */
export function gridLinks(ids: readonly string[], indent: string, maxColumns = MAX_GRID_COLUMNS): string[] {
  const columns = Math.min(maxColumns, Math.max(1, Math.ceil(Math.sqrt(ids.length))));
  const links: string[] = [];
  for (let i = columns; i < ids.length; i++) links.push(`${indent}${ids[i - columns]} ~~~ ${ids[i]}`);
  return links;
}
