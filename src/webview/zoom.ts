/**
 * Zoom by sizing the SVG (its viewBox keeps the drawing crisp and the scroll area exact) and pan by
 * scrolling the viewport. A new diagram opens fitted to the viewport, never above its natural size.
 */
export class ZoomPan {
  private scale = 1;
  private svg: SVGSVGElement | undefined;
  private natural = { width: 0, height: 0 };
  private static readonly MIN = 0.1;
  private static readonly MAX = 5;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly onChange: (scale: number) => void,
  ) {
    viewport.addEventListener(
      'wheel',
      (e) => {
        if (!e.ctrlKey && !e.metaKey) return; // plain wheel scrolls; ctrl+wheel zooms, as in editors
        e.preventDefault();
        this.zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1);
      },
      { passive: false },
    );
    viewport.addEventListener('keydown', (e) => {
      if (e.key === '+' || e.key === '=') this.zoomBy(1.25);
      else if (e.key === '-' || e.key === '_') this.zoomBy(1 / 1.25);
      else if (e.key === '0') this.set(1);
      else if (e.key === 'f') this.fit();
      else return;
      e.preventDefault();
    });
    let drag: { x: number; y: number; left: number; top: number } | undefined;
    viewport.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || (e.target as Element).closest?.('[data-container-node]')) return;
      drag = { x: e.clientX, y: e.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
      viewport.setPointerCapture(e.pointerId);
      viewport.classList.add('dragging');
    });
    viewport.addEventListener('pointermove', (e) => {
      if (!drag) return;
      viewport.scrollLeft = drag.left - (e.clientX - drag.x);
      viewport.scrollTop = drag.top - (e.clientY - drag.y);
    });
    const end = () => {
      drag = undefined;
      viewport.classList.remove('dragging');
    };
    viewport.addEventListener('pointerup', end);
    viewport.addEventListener('pointercancel', end);
  }

  get currentScale(): number {
    return this.scale;
  }

  /** Takes over a freshly rendered SVG: `keep` re-applies the current scale (same diagram, new data), else fits. */
  attach(svg: SVGSVGElement, keep: boolean): void {
    this.svg = svg;
    const box = svg.viewBox.baseVal;
    this.natural = box && box.width > 0 ? { width: box.width, height: box.height } : svg.getBBox();
    svg.style.maxWidth = 'none';
    svg.removeAttribute('height');
    if (keep) this.set(this.scale);
    else this.fit();
  }

  /** The largest scale, up to 1, at which the whole diagram is in view. */
  fitScale(): number {
    const { width, height } = this.natural;
    if (width <= 0 || height <= 0) return 1;
    const room = { width: this.viewport.clientWidth - 4, height: this.viewport.clientHeight - 4 };
    return Math.min(1, room.width / width, room.height / height);
  }

  fit(): void {
    this.set(this.fitScale());
    this.viewport.scrollTo(0, 0);
  }

  zoomBy(factor: number): void {
    this.set(this.scale * factor);
  }

  set(scale: number): void {
    this.scale = Math.min(ZoomPan.MAX, Math.max(ZoomPan.MIN, scale));
    if (this.svg) {
      this.svg.style.width = `${this.natural.width * this.scale}px`;
      this.svg.style.height = `${this.natural.height * this.scale}px`;
    }
    this.onChange(this.scale);
  }
}
