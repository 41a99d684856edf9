/**
 * A vertical line in a uPlot's over element that the user drags along x (styled by
 * .stz-drag-line in charts.css). Pointer events, captured, so that a drag carries on outside the
 * plot; cancelling pointerdown keeps the browser from sending the mousedown that would start
 * uPlot's drag-to-select underneath.
 */
export class DragLine {
  private readonly element: HTMLDivElement;
  private position: number | null = null;
  private dragging = false;

  /** onDrag gets the line's new position in CSS px from the over element's left edge. */
  constructor(
    private readonly over: HTMLElement,
    colour: string,
    label: string,
    private readonly onDrag: (left: number) => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'stz-drag-line';
    this.element.style.color = colour;
    this.element.title = label;
    this.element.setAttribute('aria-label', label);
    this.element.hidden = true;
    this.element.addEventListener('pointerdown', this.onDown);
    this.element.addEventListener('pointermove', this.onMove);
    this.element.addEventListener('pointerup', this.onUp);
    this.element.addEventListener('pointercancel', this.onUp);
    over.append(this.element);
  }

  /** CSS px from the over element's left edge; null when hidden. */
  get left(): number | null {
    return this.position;
  }

  get isDragging(): boolean {
    return this.dragging;
  }

  /** Moves the line; null, or a place outside the plot, hides it. */
  place(left: number | null): void {
    const visible = left !== null && Number.isFinite(left) && left >= 0 && left <= this.over.clientWidth;
    this.position = visible ? left : null;
    this.element.hidden = !visible;
    if (visible) this.element.style.left = `${left}px`;
  }

  dispose(): void {
    this.element.remove();
  }

  private readonly onDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    this.element.setPointerCapture(e.pointerId);
    this.dragging = true;
  };

  private readonly onMove = (e: PointerEvent): void => {
    if (!this.dragging) return;
    const rect = this.over.getBoundingClientRect();
    const left = Math.min(rect.width, Math.max(0, e.clientX - rect.left));
    this.place(left);
    this.onDrag(left);
  };

  private readonly onUp = (e: PointerEvent): void => {
    if (!this.dragging) return;
    this.dragging = false;
    this.element.releasePointerCapture(e.pointerId);
  };
}
