import type { Page } from 'playwright-core';

/**
 * Checks of a rendered diagram's layout, run inside the page on what Chromium drew: the boxes come
 * from `getBoundingClientRect`, never from the numbers mermaid or the panel computed.
 */

export interface LabelCheck {
  /** How many labels were measured: a check that measured nothing proves nothing. */
  measured: number;
  /** Each label wider or taller than its box, or cut by its own label area, with the sizes. */
  overflowing: string[];
}

/**
 * Every label against the box it is drawn in. Mermaid clips nothing: a label wider than its shape
 * spills over the border, and text wider than the `foreignObject` mermaid sized for it is cut off
 * (how an edge label came out as "or"). So each node's text must lie inside its shape, and every
 * label's text inside its `foreignObject`.
 */
export async function labelOverflows(page: Page): Promise<LabelCheck> {
  return page.evaluate(() => {
    const overflowing: string[] = [];
    let measured = 0;
    const size = (r: DOMRect) => `${r.width.toFixed(0)}×${r.height.toFixed(0)}`;
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 1 &&
      inner.right <= outer.right + 1 &&
      inner.top >= outer.top - 1 &&
      inner.bottom <= outer.bottom + 1;
    /** The text itself: the innermost element holding it (a span or p in a foreignObject, or a tspan). */
    const textBox = (label: Element): DOMRect | undefined => {
      const range = document.createRange();
      range.selectNodeContents(label);
      const r = range.getBoundingClientRect();
      return r.width > 0 || r.height > 0 ? r : undefined;
    };
    const svg = document.querySelector('#diagram svg');
    if (!svg) return { measured, overflowing: ['no SVG rendered'] };
    for (const node of Array.from(svg.querySelectorAll('g.node'))) {
      // A subgraph-like composite holds other nodes; its own box is checked through them.
      const shape = node.querySelector(
        ':scope > rect, :scope > circle, :scope > polygon, :scope > path, :scope > g > path',
      );
      const label = node.querySelector(':scope > g.label, :scope > .label');
      if (!shape || !label) continue;
      const text = textBox(label);
      if (!text || !label.textContent?.trim()) continue;
      measured++;
      const s = shape.getBoundingClientRect();
      if (text.width > s.width + 1 || text.height > s.height + 1 || !inside(text, s))
        overflowing.push(
          `${node.id} "${label.textContent.trim().slice(0, 40)}": text ${size(text)} in shape ${size(s)}`,
        );
    }
    for (const fo of Array.from(svg.querySelectorAll('foreignObject'))) {
      const content = fo.firstElementChild as HTMLElement | null;
      if (!content || !content.textContent?.trim()) continue;
      measured++;
      const text = textBox(content);
      const box = fo.getBoundingClientRect();
      const cut = content.scrollWidth > content.clientWidth + 1 || content.scrollHeight > content.clientHeight + 1;
      if (cut || (text && !inside(text, box)))
        overflowing.push(
          `label "${content.textContent.trim().slice(0, 40)}": text ${text ? size(text) : '?'} in its area ${size(box)}`,
        );
    }
    return { measured, overflowing };
  });
}

/**
 * The whole diagram in view once the panel has fitted it: the SVG's box, and every node drawn in it
 * (a viewBox that cropped the drawing would leave the SVG inside and a node outside), within the
 * viewport's.
 */
export async function fitsViewport(page: Page): Promise<{ fits: boolean; detail: string }> {
  return page.evaluate(() => {
    const view = document.getElementById('viewport')!.getBoundingClientRect();
    const within = (r: DOMRect) =>
      r.left >= view.left - 1 && r.top >= view.top - 1 && r.right <= view.right + 1 && r.bottom <= view.bottom + 1;
    const svg = document.querySelector('#diagram svg')!.getBoundingClientRect();
    const outside = Array.from(document.querySelectorAll('#diagram svg g.node'))
      .filter((n) => !within(n.getBoundingClientRect()))
      .map((n) => n.id);
    const fits = within(svg) && outside.length === 0;
    return {
      fits,
      detail: `svg ${JSON.stringify(svg)} in viewport ${JSON.stringify(view)}; nodes outside: ${outside.join(', ')}`,
    };
  });
}

/**
 * The smallest text on screen, in CSS pixels: each label's font size times the scale the panel drew
 * the SVG at (its on-screen width over its viewBox width).
 */
export async function smallestTextPx(page: Page): Promise<{ px: number; label: string }> {
  return page.evaluate(() => {
    const svg = document.querySelector('#diagram svg') as SVGSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    let smallest = { px: Infinity, label: '' };
    for (const el of Array.from(svg.querySelectorAll('g.node .label span, g.node .label p, g.node text'))) {
      if (!el.textContent?.trim()) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (px < smallest.px) smallest = { px, label: el.textContent.trim().slice(0, 40) };
    }
    return smallest;
  });
}
