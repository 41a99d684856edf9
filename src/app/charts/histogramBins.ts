/**
 * Display bins for the per-atom descriptor histograms (D_f, D²min, change of von Mises stress).
 *
 * Not `logHistogram` of analysis/dfClassify: the classification reads its mode and gap from that
 * binning, so it cannot change, and it does not fit a display of any descriptor. It lifts values
 * ≤ 0 to a floor of 10⁻⁶ (right for a D_f of exactly 0, wrong for a signed quantity, whose
 * negatives it would pile up there unannounced), spreads the whole array into Math.min (a
 * RangeError in V8 past ~10⁵ atoms), and gives NaN edges for no values and a bar at the left edge
 * for one repeated value. Here values that cannot be placed are counted, so the chart can say how
 * many it leaves out. For values above 10⁻⁶, not all equal, the bins are logHistogram's.
 */
export interface Bins {
  /** bins + 1 increasing edges: log10 of the value for logBins, the value itself for linearBins. */
  readonly edges: Float64Array;
  readonly counts: Uint32Array;
  /** Values ≤ 0 (negatives included) left out of a log histogram; always 0 from linearBins. */
  readonly zeros: number;
  /** NaN and ±Infinity, left out of both kinds. */
  readonly nonFinite: number;
}

/** The bin count of dfClassify's histogram, so that the two look alike. */
export const DEFAULT_BINS = 40;

/** Bins in log10 of the value; values ≤ 0 and non-finite ones are counted, not binned. */
export function logBins(values: ArrayLike<number>, bins = DEFAULT_BINS): Bins {
  checkRequest(values, bins);
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) nonFinite++;
    else if (v <= 0) zeros++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) {
    throw new Error(`none of the ${values.length} values can go on a log axis: ${zeros} are ≤ 0 and ${nonFinite} are not finite`);
  }
  // One repeated value: a decade centred on it, so that its bar stands in the middle.
  const edges = spanEdges(Math.log10(min), Math.log10(max), bins, () => 0.5);
  const counts = new Uint32Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && v > 0) counts[binOf(Math.log10(v), edges, bins)]++;
  }
  return { edges, counts, zeros, nonFinite };
}

/** Bins in the value itself, for signed quantities; non-finite values are counted, not binned. */
export function linearBins(values: ArrayLike<number>, bins = DEFAULT_BINS): Bins {
  checkRequest(values, bins);
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) nonFinite++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) throw new Error(`none of the ${values.length} values is finite`);
  // One repeated value: a span of its own size around it (a unit one around 0).
  const edges = spanEdges(min, max, bins, (centre) => (centre === 0 ? 0.5 : Math.abs(centre) / 2));
  const counts = new Uint32Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) counts[binOf(v, edges, bins)]++;
  }
  return { edges, counts, zeros: 0, nonFinite };
}

/**
 * One bin per whole number from 0 (or the smallest value) to the largest, centred on it, for counts
 * such as bonds broken: 40 equal bins would split them unevenly. Non-integers are an error.
 */
export function integerBins(values: ArrayLike<number>): Bins {
  checkRequest(values, 1);
  let min = 0;
  let max = 0;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) nonFinite++;
    else if (!Number.isInteger(v)) throw new Error(`integer bins: ${v} is not a whole number`);
    else {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const bins = max - min + 1;
  const edges = Float64Array.from({ length: bins + 1 }, (_, k) => min - 0.5 + k);
  const counts = new Uint32Array(bins);
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) counts[values[i] - min]++;
  return { edges, counts, zeros: 0, nonFinite };
}

function checkRequest(values: ArrayLike<number>, bins: number): void {
  if (values.length === 0) throw new Error('no values to histogram');
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`the number of bins must be a positive integer, not ${bins}`);
}

/**
 * Equal bins from lo to hi. A spread too small for distinct edges (a repeated value, or values
 * equal to ~12 digits) counts as one value and gets a span of 2 × halfWidth(centre) around it.
 */
function spanEdges(lo: number, hi: number, bins: number, halfWidth: (centre: number) => number): Float64Array {
  if (!(hi - lo > 1e-12 * Math.max(Math.abs(lo), Math.abs(hi)))) {
    const centre = (lo + hi) / 2;
    const half = halfWidth(centre);
    lo = centre - half;
    hi = centre + half;
  }
  const width = (hi - lo) / bins;
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k < bins; k++) edges[k] = lo + k * width;
  edges[bins] = hi;
  return edges;
}

/** The largest value belongs to the last bin, not to one past it. */
function binOf(x: number, edges: Float64Array, bins: number): number {
  const k = Math.floor((x - edges[0]) / ((edges[bins] - edges[0]) / bins));
  return Math.min(bins - 1, Math.max(0, k));
}
