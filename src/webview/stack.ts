/**
 * Several rendered SVGs (one diagram drawn as charts of different units) made into one, stacked
 * top to bottom: zoom, fit and Export SVG then work on one picture, as for every other diagram.
 * Each part keeps its own `<style>`, which mermaid scopes to the part's own id.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const GAP = 24;

function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  return box && box.width > 0 ? { width: box.width, height: box.height } : svg.getBBox();
}

/** Replaces the SVGs inside `container` by one that holds them all; returns it. */
export function stackSvgs(container: HTMLElement): SVGSVGElement | undefined {
  const parts = Array.from(container.children).filter((e): e is SVGSVGElement => e instanceof SVGSVGElement);
  if (parts.length <= 1) return parts[0];
  const sizes = parts.map(naturalSize);
  const outer = document.createElementNS(SVG_NS, 'svg');
  outer.setAttribute('xmlns', SVG_NS);
  outer.setAttribute('role', 'img');
  let y = 0;
  parts.forEach((part, i) => {
    const { width, height } = sizes[i];
    // mermaid sizes its root by style (width 100 %, a max-width): here the outer SVG is sized instead.
    part.removeAttribute('style');
    part.setAttribute('x', '0');
    part.setAttribute('y', String(y));
    part.setAttribute('width', String(width));
    part.setAttribute('height', String(height));
    outer.appendChild(part);
    y += height + GAP;
  });
  const width = Math.max(...sizes.map((s) => s.width));
  outer.setAttribute('viewBox', `0 0 ${width} ${y - GAP}`);
  outer.setAttribute('width', String(width));
  container.replaceChildren(outer);
  return outer;
}
