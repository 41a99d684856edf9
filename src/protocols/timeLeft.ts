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
}

/**
 * Seconds left, from the replica-iterations still to run at the rate run so far. Counting finished
 * replicas instead (elapsed × left / done) is badly off when all of them relax side by side: the
 * short relaxations end first, long before the rest (the first 50 atoms of the 2000-atom event:
 * 6700 s predicted after 7 of 51, 1000 s true). A relaxation under way at iteration k is expected to
 * end as the finished ones that ran beyond k did, on average; where none did, after as many
 * iterations again, since nothing bounds how long it may still take. Null until one has finished.
 */
export function secondsLeft(c: RelaxationCounts): number | null {
  if (c.finished.length === 0) return null;
  const run = c.finished.reduce((a, b) => a + b, 0) + c.running.reduce((a, b) => a + b, 0);
  if (run === 0 || c.elapsedS <= 0) return null;
  const expected = c.running.map((k) => {
    const longer = c.finished.filter((f) => f > k);
    return longer.length > 0 ? longer.reduce((a, b) => a + b, 0) / longer.length : 2 * k;
  });
  const known = [...c.finished, ...expected];
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  const left = expected.reduce((sum, e, i) => sum + e - c.running[i], 0) + c.queued * mean;
  return (left * c.elapsedS) / run;
}
