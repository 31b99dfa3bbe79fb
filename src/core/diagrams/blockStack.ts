/**
 * A stack drawn as a stack: Mermaid's block diagram, one row per layer, bottom layers spanning the
 * full width and the things standing on them side by side above. Mermaid sizes every cell of a grid
 * alike (the widest label sets the column width, the tallest the row height), so a layer that spans
 * all columns is exactly as wide as everything on it.
 */

/**
 * What a cell is: a part standing on a layer, a full-width layer, a layer's name, a "↓ how"
 * connector, or empty room.
 */
export type StackCellKind = 'part' | 'layer' | 'name' | 'flow' | 'gap';

export interface StackCell {
  /** A node id of our own (never host text). */
  id: string;
  /** Fixed text of ours, Mermaid-safe; `<br/>` breaks a line. */
  label: string;
  /** How many grid columns the cell spans (1 unless said). */
  span?: number;
  kind?: StackCellKind;
}

/** Emphasis only (border width, no fill): the colours stay the VS Code theme's. */
const CLASS_DEFS: Record<Exclude<StackCellKind, 'part' | 'gap'>, string> = {
  layer: 'stroke-width:2px',
  name: 'stroke-width:2px,font-weight:bold',
  // A connector reads as text between the boxes, not as a box of its own.
  flow: 'fill:none,stroke:none',
};

/**
 * Block-diagram source for rows listed top to bottom (apps first, hardware last, as a stack is read).
 * Every row must fill the grid exactly: a short row would let Mermaid wrap the next row's cells
 * into it, and the layers would no longer line up.
 */
export function blockStack(columns: number, rows: readonly (readonly StackCell[])[]): string {
  const lines = ['block-beta', `  columns ${columns}`];
  const byKind = new Map<StackCellKind, string[]>();
  rows.forEach((row, index) => {
    const width = row.reduce((sum, cell) => sum + (cell.span ?? 1), 0);
    if (width !== columns) throw new Error(`stack row ${index} spans ${width} columns, not ${columns}`);
    lines.push(`  ${row.map(cellSource).join(' ')}`);
    for (const cell of row) {
      const kind = cell.kind ?? 'part';
      if (kind === 'gap') continue;
      byKind.set(kind, [...(byKind.get(kind) ?? []), cell.id]);
    }
  });
  for (const [kind, style] of Object.entries(CLASS_DEFS) as Array<[StackCellKind, string]>) {
    const ids = byKind.get(kind);
    if (!ids) continue;
    lines.push(`  classDef ${kind} ${style}`, `  class ${ids.join(',')} ${kind}`);
  }
  return lines.join('\n');
}

function cellSource(cell: StackCell): string {
  const span = (cell.span ?? 1) > 1 ? `:${cell.span}` : '';
  if (cell.kind === 'gap') return `space${span}`;
  return `${cell.id}["${cell.label}"]${span}`;
}

/** Empty room in the grid (its id is only for the caller's bookkeeping; Mermaid draws nothing). */
export function gap(span = 1): StackCell {
  return { id: 'space', label: '', span, kind: 'gap' };
}

/** A connector between two layers: "↓ how", drawn as text with no box. */
export function flow(id: string, how: string, span = 1): StackCell {
  return { id, label: `↓ ${how}`, span, kind: 'flow' };
}
