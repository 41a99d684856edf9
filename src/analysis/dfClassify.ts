/**
 * Classification of frozen-atom D_f values (Shiihara et al. 2025): atoms whose freezing stops the
 * event have D_f near zero and sit below a clear gap in the log-histogram; the rest gather around a
 * peak at the D_f of the unfrozen relaxation, with a tail above it.
 */
export type DfMethod = 'gap' | 'fixed' | 'user';

/** The paper's fixed threshold, Å. */
export const PAPER_THRESHOLD = 0.5;

export interface LogHistogram {
  /** Bin edges in log10(D_f / Å). */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

export interface DfClassification {
  readonly method: DfMethod;
  /** D_f below this is the STZ core, Å. */
  readonly threshold: number;
  /** The widest gap in log D_f below the bulk peak, as D_f values (Å); null if there is none. */
  readonly gap: readonly [number, number] | null;
  /** Indices (into the analysed list) of the core atoms, in increasing D_f. */
  readonly core: readonly number[];
  /** D_f at the bulk peak (the histogram's mode), Å, and the half-maximum extent around it. */
  readonly peak: number;
  readonly peakRange: readonly [number, number];
  /** Counts: core; above the threshold but below the peak's range; in it; above it. */
  readonly groups: { readonly core: number; readonly belowPeak: number; readonly atPeak: number; readonly abovePeak: number };
  readonly histogram: LogHistogram;
}

/** D_f of exactly zero (an atom that moved not at all) is placed here in log space. */
const FLOOR = 1e-6;

export function logHistogram(df: ArrayLike<number>, bins = 40): LogHistogram {
  const logs = Array.from(df, (d) => Math.log10(Math.max(d, FLOOR)));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const width = hi > lo ? (hi - lo) / bins : 1;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  const counts = new Array<number>(bins).fill(0);
  for (const l of logs) counts[Math.min(bins - 1, Math.floor((l - lo) / width))]++;
  return { edges, counts };
}

/**
 * `unfrozen`, the D_f of the relaxation with nothing frozen, is where the bulk sits (freezing an
 * atom the event does not need leaves it unchanged): given, the gap is sought below it rather than
 * below the histogram's mode, which a subset made mostly of core atoms puts in the core.
 */
export function classifyDf(df: ArrayLike<number>, method: DfMethod = 'gap', userThreshold?: number, unfrozen?: number): DfClassification {
  if (df.length === 0) throw new Error('no D_f values to classify');
  for (let k = 0; k < df.length; k++) {
    if (!(df[k] >= 0) || !Number.isFinite(df[k])) throw new Error(`D_f of atom ${k} is ${df[k]}: not a displacement`);
  }
  const histogram = logHistogram(df);
  const { edges, counts } = histogram;
  // The bulk is the population of the event itself; where two bins tie, it is the upper one.
  const mode = counts.lastIndexOf(Math.max(...counts));
  const peak = 10 ** ((edges[mode] + edges[mode + 1]) / 2);
  let lo = mode;
  let hi = mode;
  while (lo > 0 && counts[lo - 1] >= counts[mode] / 2) lo--;
  while (hi < counts.length - 1 && counts[hi + 1] >= counts[mode] / 2) hi++;
  const peakRange: [number, number] = [10 ** edges[lo], 10 ** edges[hi + 1]];

  const sorted = Array.from(df, (d, k) => [Math.log10(Math.max(d, FLOOR)), k] as const).sort((a, b) => a[0] - b[0]);
  let gap: [number, number] | null = null;
  let widest = 0;
  // Gaps that open below the peak: the bulk's lowest values may lie above the peak bin's centre.
  const gapBelow = Math.log10(unfrozen !== undefined && unfrozen > 0 ? unfrozen : peak);
  for (let k = 1; k < sorted.length && sorted[k - 1][0] < gapBelow; k++) {
    const w = sorted[k][0] - sorted[k - 1][0];
    if (w > widest) {
      widest = w;
      gap = [10 ** sorted[k - 1][0], 10 ** sorted[k][0]];
    }
  }
  let threshold: number;
  if (method === 'gap') threshold = gap ? Math.sqrt(gap[0] * gap[1]) : 0;
  else if (method === 'fixed') threshold = PAPER_THRESHOLD;
  else {
    if (!(userThreshold !== undefined && userThreshold > 0)) throw new Error('a user threshold must be a positive D_f in Å');
    threshold = userThreshold;
  }
  const core = sorted.filter(([l]) => 10 ** l < threshold).map(([, k]) => k);
  let belowPeak = 0;
  let atPeak = 0;
  let abovePeak = 0;
  for (let k = 0; k < df.length; k++) {
    if (df[k] < threshold) continue;
    if (df[k] < peakRange[0]) belowPeak++;
    else if (df[k] <= peakRange[1]) atPeak++;
    else abovePeak++;
  }
  return { method, threshold, gap, core, peak, peakRange, groups: { core: core.length, belowPeak, atPeak, abovePeak }, histogram };
}

/**
 * The core indices whose relaxation had the event all the same: a threshold with such atoms below
 * it separates no core (a subset without core atoms still has a widest gap; a user threshold can
 * lie in the bulk).
 */
export function coreWithEvent(core: readonly number[], eventHappened: ArrayLike<boolean | number>): number[] {
  return core.filter((k) => Boolean(eventHappened[k]));
}

/**
 * The core less its marginal atoms (FrozenReplica.marginal): those whose freezing stopped the
 * event at the confirmation tolerance too.
 */
export function robustCore(core: readonly number[], marginal: ArrayLike<boolean | number>): number[] {
  return core.filter((k) => !marginal[k]);
}
