/** Where the relaxations of a frozen-atom analysis stand, at one status read. */
export interface RelaxationCounts {
  /** Iterations each finished relaxation took. */
  readonly finished: readonly number[];
  /** Iterations run so far by each relaxation under way. */
  readonly running: readonly number[];
  /** Relaxations not started yet. */
  readonly queued: number;
  /** Seconds since the relaxations began. */
  readonly elapsedS: number;
  /**
   * Iterations a relaxation is expected to take while none has finished, taken as one finished
   * relaxation would be; without it there is no estimate until one has.
   */
  readonly typical?: number;
}

const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Seconds left, from the replica-iterations still to run at the rate run so far. Counting finished
 * replicas instead (elapsed × left / done) is badly off when all of them relax side by side: the
 * short relaxations end first, long before the rest (the first 50 atoms of the 2000-atom event:
 * 6600 s predicted after 7 of 51, 870 s true). A relaxation under way at iteration k is expected to
 * end as the finished ones that ran beyond k did, on average; where none did, after as many
 * iterations again, since nothing bounds how long it may still take. Null until one has finished
 * (or, given `typical`, until an iteration has run).
 */
export function secondsLeft(c: RelaxationCounts): number | null {
  const known = c.finished.length > 0 ? c.finished : c.typical !== undefined ? [c.typical] : [];
  if (known.length === 0) return null;
  const run = total(c.finished) + total(c.running);
  if (run === 0 || c.elapsedS <= 0) return null;
  // Sorted, with the sums of every tail, so each of thousands of running replicas costs a search,
  // not a pass over the finished ones.
  const sorted = [...known].sort((a, b) => a - b);
  const tail = new Float64Array(sorted.length + 1);
  for (let j = sorted.length - 1; j >= 0; j--) tail[j] = tail[j + 1] + sorted[j];
  const expected = c.running.map((k) => {
    const first = firstAbove(sorted, k);
    return first < sorted.length ? tail[first] / (sorted.length - first) : 2 * k;
  });
  const mean = (total(known) + total(expected)) / (known.length + expected.length);
  return ((total(expected) - total(c.running) + c.queued * mean) * c.elapsedS) / run;
}

/** A duration for people: seconds up to 90, minutes up to 90, then hours. */
export function formatDuration(s: number): string {
  return s < 90 ? `${s.toFixed(0)} s` : s < 5400 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`;
}

/** The index of the first value above k in ascending `sorted`, or its length. */
function firstAbove(sorted: readonly number[], k: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
