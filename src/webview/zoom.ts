/** Zoom by CSS scale and pan by scrolling the viewport: the SVG stays crisp and selectable. */
export class ZoomPan {
  private scale = 1;
  private static readonly MIN = 0.2;
  private static readonly MAX = 5;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly content: HTMLElement,
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
      else return;
      e.preventDefault();
    });
    let drag: { x: number; y: number; left: number; top: number } | undefined;
    viewport.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
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

  zoomBy(factor: number): void {
    this.set(this.scale * factor);
  }

  set(scale: number): void {
    this.scale = Math.min(ZoomPan.MAX, Math.max(ZoomPan.MIN, scale));
    this.content.style.transform = `scale(${this.scale})`;
    this.onChange(this.scale);
  }

  reset(): void {
    this.set(1);
    this.viewport.scrollTo(0, 0);
  }
}
