import uPlot from 'uplot';
import { FONT_FAMILY, INK, OKABE_ITO, axis, formatTick } from './chartStyle';
import { DragLine } from './dragLine';
import { fitToContainer, sizeFor } from './fitToContainer';
import { linearSplits, logSplits, logTickLabel } from './axisTicks';
import { colormapCss } from './colormapCss';
import { DEFAULT_BINS, integerBins, linearBins, logBins, type Bins } from './histogramBins';
import type { ColormapName } from '../view3d/colormaps';

export interface LogHistogramOptions {
  /** The descriptor, e.g. "D_f": the chart's title and its x axis's name. */
  readonly title: string;
  /** Its unit, e.g. "Å"; the x axis reads "title (unit)". */
  readonly unit: string;
  /**
   * Colours each bar by its centre, t running from 0 at the left edge of the first bin to 1 at
   * the right edge of the last (in log10 on a log axis). Without it the bars are one blue.
   */
  readonly colormap?: ColormapName;
}

export interface HistogramValuesOptions {
  /** Default 40, as in the D_f classification. */
  readonly bins?: number;
  /**
   * For quantities that can be negative (the change of von Mises stress): bins the value itself
   * on a linear axis. Not log10|v|, which would fold relaxed and loaded atoms together and lose
   * the sign, the very thing such a histogram shows.
   */
  readonly signed?: boolean;
  /** For counts (bonds broken and formed): one bar per whole number, on a linear axis. */
  readonly integer?: boolean;
}

/** One bar as drawn (at least MIN_BAR_PX tall), for tests and overlays. */
export interface BarRect {
  /** CSS px from the container's top left corner. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** The bin, in value units, and the values in it. */
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** Minimum CSS px per x tick label: "5×10⁻²" at 16 px. */
const TICK_SPACING = 72;
/** A threshold or gap outside the data widens the axis to it, plus this fraction of the span. */
const MARGIN = 0.03;
/** A press that moves less than this (CSS px) before release is a click, which clears the range. */
const CLICK_SLOP = 4;
/** Bins with atoms stand at least this tall (CSS px): a core of a few atoms beside a bulk of thousands must show. */
const MIN_BAR_PX = 3;
/** uPlot.Series.BarsPathBuilderFacetUnit values; isolatedModules cannot read an ambient const enum. */
const SCALE_FACET = 1 as uPlot.Series.BarsPathBuilderFacetUnit;
const COLOUR_FACET = 3 as uPlot.Series.BarsPathBuilderFacetUnit;

/**
 * A histogram of a per-atom descriptor over log10 of its value (or the value, when signed or a count), with
 * the gap between the STZ core and the bulk shaded, a threshold line the user drags, and a value
 * range the user selects by dragging across the plot. Threshold, gap and range are in value units
 * throughout, whichever the axis.
 */
export class LogHistogramChart {
  private readonly plot: uPlot;
  private readonly line: DragLine;
  private readonly stopResizing: () => void;
  private readonly title: string;
  private readonly colormap: ColormapName | undefined;
  /** Per-bar fills when there is a colormap. */
  private colours: string[] = [];
  private bins: Bins | null = null;
  /** A linear x axis (signed values, counts), else log10. */
  private linear = false;
  /** The x scale, in axis coordinates. */
  private limits: [number, number] = [-3, 1];
  private gap: [number, number] | null = null;
  private threshold: number | null = null;
  private range: [number, number] | null = null;
  private press: { x: number; y: number } | null = null;
  private readonly thresholdListeners = new Set<(value: number) => void>();
  private readonly rangeListeners = new Set<(range: [number, number] | null) => void>();

  constructor(
    private readonly container: HTMLElement,
    opts: LogHistogramOptions,
  ) {
    this.title = opts.title;
    this.colormap = opts.colormap;
    const bars = uPlot.paths.bars;
    if (!bars) throw new Error('this uPlot build has no bars path builder');
    // Bar heights from facets, not from the series data, to apply MIN_BAR_PX at drawing time.
    const disp: uPlot.Series.BarsPathBuilderDisplay = {
      y0: { unit: SCALE_FACET, values: () => new Array<number>(this.bins?.counts.length ?? 0).fill(0) },
      y1: { unit: SCALE_FACET, values: (u) => Array.from(this.bins?.counts ?? [], (c) => this.shownCount(u, c)) },
      ...(opts.colormap ? { fill: { unit: COLOUR_FACET, values: () => this.colours } } : {}),
    };
    const plotOpts: uPlot.Options = {
      ...sizeFor(container, null),
      title: opts.title,
      class: 'stz-chart',
      legend: { show: false },
      cursor: {
        // Dragging selects a range without zooming; a double click would reset the x scale to
        // the data and drop the room kept for the threshold.
        drag: { x: true, y: false, setScale: false, dist: CLICK_SLOP },
        y: false,
        points: { show: false },
        bind: { dblclick: () => null },
      },
      scales: {
        x: { time: false, range: () => this.limits },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] },
      },
      axes: [
        axis(`${opts.title} (${opts.unit})`, 'bottom', {
          splits: (u, _axis, min, max) => {
            const count = Math.max(2, Math.floor(u.bbox.width / uPlot.pxRatio / TICK_SPACING));
            return this.linear ? linearSplits(min, max, count) : logSplits(min, max, count);
          },
          values: (_u, splits) => splits.map((v) => (this.linear ? formatTick(v) : logTickLabel(v))),
        }),
        axis('atoms', 'left'),
      ],
      series: [
        {},
        {
          fill: OKABE_ITO.blue,
          stroke: OKABE_ITO.blue,
          // No outline: uPlot draws per-bar fills only for bars without one.
          width: 0,
          paths: bars({ size: [1, Infinity], gap: 1, disp }),
          points: { show: false },
        },
      ],
      hooks: {
        drawAxes: [(u) => this.drawGap(u)],
        draw: [() => this.placeOverlays()],
        setSelect: [(u) => this.onSelect(u)],
      },
    };
    this.plot = new uPlot(plotOpts, [new Float64Array(0), new Uint32Array(0)], container);
    this.line = new DragLine(this.plot.over, OKABE_ITO.vermillion, 'threshold: drag to move', this.onLineDrag);
    this.plot.over.addEventListener('pointerdown', this.onPress);
    this.stopResizing = fitToContainer(container, this.plot);
  }

  /**
   * Replaces the histogram. Values ≤ 0 (log axis) and non-finite values are left out, and the
   * title says how many. Throws when values is empty or nothing in it can be placed.
   */
  setValues(values: ArrayLike<number>, opts: HistogramValuesOptions = {}): void {
    const bins = opts.integer ? integerBins(values) : opts.signed ? linearBins(values, opts.bins ?? DEFAULT_BINS) : logBins(values, opts.bins ?? DEFAULT_BINS);
    this.bins = bins;
    this.linear = opts.integer === true || opts.signed === true;
    const n = bins.counts.length;
    const centres = new Float64Array(n);
    for (let k = 0; k < n; k++) centres[k] = (bins.edges[k] + bins.edges[k + 1]) / 2;
    const { colormap } = this;
    // Equal bins: bin k's centre is at t = (k + ½) / n.
    if (colormap) this.colours = Array.from({ length: n }, (_, k) => colormapCss(colormap, (k + 0.5) / n));
    this.limits = [bins.edges[0], bins.edges[n]];
    this.widenFor(this.threshold, ...(this.gap ?? []));
    this.showLeftOut(bins);
    this.plot.batch(() => this.plot.setData([centres, bins.counts]));
  }

  /** Shades the gap between the STZ core and the bulk, in value units; null removes it. */
  setGap(gap: [number, number] | null): void {
    this.gap = gap;
    if (gap && this.widenFor(...gap)) this.rescale();
    else this.plot.batch(() => this.plot.redraw(false));
  }

  /** Places the threshold line, in value units; null removes it. */
  setThreshold(value: number | null): void {
    this.threshold = value;
    if (value !== null && this.widenFor(value)) this.rescale();
    else this.placeOverlays();
  }

  /** Called, in value units, at every pointer move while the user drags the threshold line. Returns the unsubscribe. */
  onThresholdChange(cb: (value: number) => void): () => void {
    this.thresholdListeners.add(cb);
    return () => this.thresholdListeners.delete(cb);
  }

  /**
   * Called with the value range when the user finishes dragging across the plot, and with null
   * when a click (a press that moves under 4 px) clears a range. Returns the unsubscribe.
   */
  onRangeSelect(cb: (range: [number, number] | null) => void): () => void {
    this.rangeListeners.add(cb);
    return () => this.rangeListeners.delete(cb);
  }

  /** Shows a value range as the selection (without calling the onRangeSelect listeners); null hides it. */
  setSelectedRange(range: [number, number] | null): void {
    this.range = range;
    if (range === null) this.plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    else this.placeOverlays();
  }

  /** The threshold line's x in CSS px from the container's left edge; null when it is not shown. */
  get thresholdX(): number | null {
    const left = this.line.left;
    return left === null ? null : this.overOffset().x + left;
  }

  /** The bars with atoms in them, left to right. */
  barRects(): BarRect[] {
    const { bins, plot } = this;
    if (!bins) return [];
    const offset = this.overOffset();
    const base = plot.valToPos(0, 'y');
    const rects: BarRect[] = [];
    for (let k = 0; k < bins.counts.length; k++) {
      const count = bins.counts[k];
      if (count === 0) continue;
      const x0 = plot.valToPos(bins.edges[k], 'x');
      const x1 = plot.valToPos(bins.edges[k + 1], 'x');
      const top = plot.valToPos(this.shownCount(plot, count), 'y');
      rects.push({
        left: offset.x + x0,
        top: offset.y + top,
        width: x1 - x0,
        height: base - top,
        from: this.fromAxis(bins.edges[k]),
        to: this.fromAxis(bins.edges[k + 1]),
        count,
      });
    }
    return rects;
  }

  dispose(): void {
    this.stopResizing();
    this.plot.over.removeEventListener('pointerdown', this.onPress);
    window.removeEventListener('pointerup', this.onRelease);
    this.thresholdListeners.clear();
    this.rangeListeners.clear();
    this.line.dispose();
    this.plot.destroy();
  }

  private shownCount(u: uPlot, count: number): number {
    if (count === 0) return 0;
    const heightCss = u.bbox.height / uPlot.pxRatio;
    return Math.max(count, ((u.scales.y.max ?? 1) * MIN_BAR_PX) / heightCss);
  }

  private toAxis(v: number): number {
    if (this.linear) return v;
    return v > 0 ? Math.log10(v) : -Infinity;
  }

  private fromAxis(u: number): number {
    return this.linear ? u : 10 ** u;
  }

  /** Widens the x limits to take in these values; true when it did. Never narrows them. */
  private widenFor(...values: (number | null)[]): boolean {
    let [lo, hi] = this.limits;
    const margin = MARGIN * (hi - lo);
    for (const v of values) {
      if (v === null) continue;
      const u = this.toAxis(v);
      if (!Number.isFinite(u)) continue;
      if (u < lo) lo = u - margin;
      if (u > hi) hi = u + margin;
    }
    const widened = lo !== this.limits[0] || hi !== this.limits[1];
    this.limits = [lo, hi];
    return widened;
  }

  /** In a batch, so that uPlot draws now and thresholdX and barRects() are current on return. */
  private rescale(): void {
    this.plot.batch(() => this.plot.setScale('x', { min: this.limits[0], max: this.limits[1] }));
  }

  private showLeftOut(bins: Bins): void {
    const left: string[] = [];
    if (bins.zeros > 0) left.push(`${bins.zeros} ≤ 0`);
    if (bins.nonFinite > 0) left.push(`${bins.nonFinite} not finite`);
    const text = left.length > 0 ? `${this.title} (not shown: ${left.join(', ')})` : this.title;
    const el = this.plot.root.querySelector('.u-title');
    if (el) el.textContent = text;
  }

  private overOffset(): { x: number; y: number } {
    const over = this.plot.over.getBoundingClientRect();
    const box = this.container.getBoundingClientRect();
    return { x: over.left - box.left, y: over.top - box.top };
  }

  /** CSS px in the over element of a value; ±Infinity for a value the axis cannot show. */
  private position(v: number): number {
    const u = this.toAxis(v);
    return Number.isFinite(u) ? this.plot.valToPos(u, 'x') : u;
  }

  /** Under the bars: the gap is where no atoms are, so nothing should hide them. */
  private drawGap(u: uPlot): void {
    if (!this.gap) return;
    const { left, top, width, height } = u.bbox;
    const px = uPlot.pxRatio;
    const [p0, p1] = this.gap.map((v) => this.position(v) * px + left);
    const a = Math.max(left, Math.min(p0, p1));
    const b = Math.min(left + width, Math.max(p0, p1));
    if (!(b > a)) return;
    const { ctx } = u;
    ctx.save();
    ctx.fillStyle = 'rgba(17, 24, 32, 0.09)';
    ctx.fillRect(a, top, b - a, height);
    if (b - a > 40 * px) {
      ctx.fillStyle = INK;
      ctx.font = `${Math.round(15 * px)}px ${FONT_FAMILY}`;
      // Bottom left: the gap has no bars, and the threshold line usually runs down its middle.
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText('gap', a + 5 * px, top + height - 5 * px);
    }
    ctx.restore();
  }

  /** The threshold line and the selection are DOM elements over the canvas, placed from the scale. */
  private placeOverlays(): void {
    if (!this.line.isDragging) this.line.place(this.threshold === null ? null : this.position(this.threshold));
    if (this.range === null) return;
    const [p0, p1] = this.range.map((v) => this.position(v));
    const a = Math.max(0, Math.min(p0, p1));
    const b = Math.min(this.plot.over.clientWidth, Math.max(p0, p1));
    // NaN before the first setValues, when the x scale is not yet set.
    if (!(b >= a)) return;
    this.plot.setSelect({ left: a, top: 0, width: b - a, height: this.plot.over.clientHeight }, false);
  }

  private readonly onLineDrag = (left: number): void => {
    const value = this.fromAxis(this.plot.posToVal(left, 'x'));
    this.threshold = value;
    for (const cb of this.thresholdListeners) cb(value);
  };

  private onSelect(u: uPlot): void {
    const { left, width } = u.select;
    if (width <= 0) return;
    const range: [number, number] = [this.fromAxis(u.posToVal(left, 'x')), this.fromAxis(u.posToVal(left + width, 'x'))];
    this.range = range;
    for (const cb of this.rangeListeners) cb(range);
  }

  private readonly onPress = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    this.press = { x: e.clientX, y: e.clientY };
    window.addEventListener('pointerup', this.onRelease, { once: true });
  };

  private readonly onRelease = (e: PointerEvent): void => {
    const press = this.press;
    this.press = null;
    if (!press || Math.hypot(e.clientX - press.x, e.clientY - press.y) >= CLICK_SLOP) return;
    this.plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    if (this.range === null) return;
    this.range = null;
    for (const cb of this.rangeListeners) cb(null);
  };
}
