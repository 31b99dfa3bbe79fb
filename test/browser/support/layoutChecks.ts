import type { Page } from 'playwright-core';

/** Checks of a rendered diagram's layout, run inside the page. */

/** Labels wider than the shape around them (mermaid clips nothing: the text would spill out). */
export async function overflowingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const nodes = Array.from(document.querySelectorAll('#diagram svg g.node'));
    for (const node of nodes) {
      const shape = node.querySelector('rect, circle, polygon, path');
      const label = node.querySelector('g.label');
      if (!shape || !label) continue;
      const s = shape.getBoundingClientRect();
      // The text itself, not its foreignObject box: that is as wide as mermaid measured.
      const inner = label.querySelector('span, p, div') ?? label;
      const l = inner.getBoundingClientRect();
      if (l.width > s.width + 1 || l.height > s.height + 1)
        bad.push(
          `${node.id}: label ${l.width.toFixed(0)}×${l.height.toFixed(0)} in ${s.width.toFixed(0)}×${s.height.toFixed(0)}`,
        );
    }
    return bad;
  });
}

/** The rendered SVG's box against the viewport's: the whole diagram is in view. */
export async function fitsViewport(page: Page): Promise<{ fits: boolean; detail: string }> {
  return page.evaluate(() => {
    const svg = document.querySelector('#diagram svg')!.getBoundingClientRect();
    const view = document.getElementById('viewport')!.getBoundingClientRect();
    const fits =
      svg.left >= view.left - 1 &&
      svg.top >= view.top - 1 &&
      svg.right <= view.right + 1 &&
      svg.bottom <= view.bottom + 1;
    return { fits, detail: `svg ${JSON.stringify(svg)} in viewport ${JSON.stringify(view)}` };
  });
}
