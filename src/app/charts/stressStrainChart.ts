import uPlot from 'uplot';
import { INK, OKABE_ITO, axis } from './chartStyle';
import { fitToContainer, sizeFor } from './fitToContainer';

/** A plastic event as the curve shows it: the stress drop at one strain. */
export interface StressDrop {
  /** The event's number, as the rest of the app knows it (1, 2, … within a direction). */
  readonly index: number;
  /** Raw shear strain, as given to setCurve. */
  readonly strain: number;
  /** Resolved shear stress before and after the drop, MPa. */
  readonly stressBefore: number;
  readonly stressAfter: number;
}

export interface MarkerPosition {
  readonly index: number;
  /** The marker's centre (at stressBefore) in CSS px from the container's top left corner. */
  readonly x: number;
  readonly y: number;
}

/** A click this close (CSS px) to a marker or its drop line selects the event. */
const HIT_RADIUS = 8;
const MARKER_SIZE = 9;

/**
 * The AQS stress–strain curve, growing step by step, with its plastic events as vermillion drop
 * lines topped by a downward triangle; a dark ring marks the selected event. The markers are drawn
 * on the canvas and hit-tested here, not kept as a uPlot series: a series would have to share the
 * curve's x values, and each event's strain would have to be spliced into them.
 */
export class StressStrainChart {
  private readonly plot: uPlot;
  private readonly stopResizing: () => void;
  /** Strain in % and stress, grown by doubling so a step adds no allocation. */
  private xs = new Float64Array(256);
  private ys = new Float64Array(256);
  private events: readonly StressDrop[] = [];
  private selected: number | null = null;
  private readonly clickListeners = new Set<(index: number) => void>();

  constructor(private readonly container: HTMLElement) {
    const opts: uPlot.Options = {
      ...sizeFor(container, null),
      class: 'stz-chart',
      legend: { show: false },
      // A live curve re-ranges every step, which would undo a zoom: no drag-to-zoom. The
      // no-op drag.click lets a click that jittered a pixel still reach the marker hit-test.
      cursor: { drag: { x: false, y: false, setScale: false, click: () => {} }, points: { show: false } },
      scales: {
        // Room on the right for the marker of an event at the latest step.
        x: { time: false, range: (_u, min, max) => (max > min ? [Math.min(0, min), max + 0.04 * (max - Math.min(0, min))] : [0, Math.max(1, max || 0)]) },
        y: { range: (_u, min, max) => (min == null || max == null ? [0, 1] : uPlot.rangeNum(min, max, 0.1, true)) },
      },
      axes: [axis('shear strain (%)', 'bottom'), axis('shear stress (MPa)', 'left')],
      series: [{}, { stroke: OKABE_ITO.blue, width: 2, points: { show: false } }],
      hooks: { draw: [(u) => this.drawEvents(u)] },
    };
    this.plot = new uPlot(opts, [new Float64Array(0), new Float64Array(0)], container);
    this.plot.over.addEventListener('click', this.onClick);
    this.plot.over.addEventListener('mousemove', this.onHover);
    this.stopResizing = fitToContainer(container, this.plot);
  }

  /** The whole curve so far: raw shear strain (shown in %) and resolved shear stress in MPa. */
  setCurve(strain: ArrayLike<number>, stress: ArrayLike<number>): void {
    if (strain.length !== stress.length) {
      throw new Error(`the curve has ${strain.length} strains but ${stress.length} stresses`);
    }
    const n = strain.length;
    if (n > this.xs.length) {
      const capacity = Math.max(n, 2 * this.xs.length);
      this.xs = new Float64Array(capacity);
      this.ys = new Float64Array(capacity);
    }
    for (let i = 0; i < n; i++) {
      this.xs[i] = 100 * strain[i];
      this.ys[i] = stress[i];
    }
    this.plot.batch(() => this.plot.setData([this.xs.subarray(0, n), this.ys.subarray(0, n)]));
  }

  setEvents(events: readonly StressDrop[]): void {
    this.events = events;
    this.redraw();
  }

  /** Rings the event with this index; null rings none. */
  setSelectedEvent(index: number | null): void {
    this.selected = index;
    this.redraw();
  }

  /**
   * A click within 8 px of an event's marker or drop line rings that event (as setSelectedEvent
   * would) and calls these with its index. Returns the unsubscribe.
   */
  onEventClick(cb: (index: number) => void): () => void {
    this.clickListeners.add(cb);
    return () => this.clickListeners.delete(cb);
  }

  get markerPositions(): MarkerPosition[] {
    const over = this.plot.over.getBoundingClientRect();
    const box = this.container.getBoundingClientRect();
    return this.events.map((e) => ({
      index: e.index,
      x: over.left - box.left + this.plot.valToPos(100 * e.strain, 'x'),
      y: over.top - box.top + this.plot.valToPos(e.stressBefore, 'y'),
    }));
  }

  dispose(): void {
    this.stopResizing();
    this.plot.over.removeEventListener('click', this.onClick);
    this.plot.over.removeEventListener('mousemove', this.onHover);
    this.clickListeners.clear();
    this.plot.destroy();
  }

  /** In a batch, uPlot draws now instead of in a microtask: markerPositions and the canvas agree on return. */
  private redraw(): void {
    this.plot.batch(() => this.plot.redraw(false));
  }

  private drawEvents(u: uPlot): void {
    if (this.events.length === 0) return;
    const { ctx } = u;
    const px = uPlot.pxRatio;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.lineWidth = 2 * px;
    ctx.strokeStyle = OKABE_ITO.vermillion;
    ctx.fillStyle = OKABE_ITO.vermillion;
    for (const e of this.events) {
      const x = u.valToPos(100 * e.strain, 'x', true);
      const y0 = u.valToPos(e.stressBefore, 'y', true);
      const y1 = u.valToPos(e.stressAfter, 'y', true);
      ctx.beginPath();
      ctx.moveTo(x, y0);
      ctx.lineTo(x, y1);
      ctx.stroke();
      // Pointing down, the way the stress goes.
      const s = MARKER_SIZE * px;
      ctx.beginPath();
      ctx.moveTo(x - s, y0 - 0.6 * s);
      ctx.lineTo(x + s, y0 - 0.6 * s);
      ctx.lineTo(x, y0 + s);
      ctx.closePath();
      ctx.fill();
      if (e.index === this.selected) {
        ctx.save();
        ctx.strokeStyle = INK;
        ctx.lineWidth = 3 * px;
        ctx.beginPath();
        ctx.arc(x, y0, 1.6 * s, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.restore();
      }
    }
    ctx.restore();
  }

  /** The event whose marker or drop line is nearest the point (CSS px in the over element), if within reach. */
  private eventAt(px: number, py: number): StressDrop | null {
    let best: StressDrop | null = null;
    let bestDistance = HIT_RADIUS;
    for (const e of this.events) {
      const x = this.plot.valToPos(100 * e.strain, 'x');
      const y0 = this.plot.valToPos(e.stressBefore, 'y');
      const y1 = this.plot.valToPos(e.stressAfter, 'y');
      // Distance to the vertical segment from the marker's tip to the foot of the drop.
      const top = Math.min(y0 - 0.6 * MARKER_SIZE, y1);
      const bottom = Math.max(y0 + MARKER_SIZE, y1);
      const dy = py < top ? top - py : py > bottom ? py - bottom : 0;
      const distance = Math.hypot(px - x, dy);
      if (distance <= bestDistance) {
        best = e;
        bestDistance = distance;
      }
    }
    return best;
  }

  private pointerIn(e: MouseEvent): [number, number] {
    const rect = this.plot.over.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  }

  private readonly onClick = (e: MouseEvent): void => {
    const hit = this.eventAt(...this.pointerIn(e));
    if (!hit) return;
    this.setSelectedEvent(hit.index);
    for (const cb of this.clickListeners) cb(hit.index);
  };

  private readonly onHover = (e: MouseEvent): void => {
    this.plot.over.style.cursor = this.eventAt(...this.pointerIn(e)) ? 'pointer' : '';
  };
}
