import { describe, expect, it } from 'vitest';
import { DEFAULT_BINS, integerBins, linearBins, logBins, type Bins } from '../../src/app/charts/histogramBins';
import { logHistogram } from '../../src/analysis/dfClassify';

/** Deterministic values spread over several decades. */
function logSpread(n: number, seed = 7): Float64Array {
  const out = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = 10 ** (-4 + (6 * s) / 2147483648);
  }
  return out;
}

const total = (b: Bins) => b.counts.reduce((a, c) => a + c, 0);

function expectIncreasing(edges: Float64Array): void {
  for (let k = 1; k < edges.length; k++) expect(edges[k]).toBeGreaterThan(edges[k - 1]);
}

describe('logBins', () => {
  it('bins every positive value and reports the rest', () => {
    const values = [...logSpread(500), 0, -3, 0, Number.NaN, Infinity];
    const b = logBins(values, 25);
    expect(b.counts.length).toBe(25);
    expect(b.edges.length).toBe(26);
    expectIncreasing(b.edges);
    expect(b.zeros).toBe(3);
    expect(b.nonFinite).toBe(2);
    expect(total(b)).toBe(values.length - b.zeros - b.nonFinite);
  });

  it('spans the data in log10, the smallest value in the first bin and the largest in the last', () => {
    const b = logBins([1e-3, 0.02, 5, 10], 10);
    expect(b.edges[0]).toBeCloseTo(-3, 12);
    expect(b.edges[10]).toBeCloseTo(1, 12);
    expect(b.counts[0]).toBe(1);
    expect(b.counts[9]).toBe(2);
  });

  it('puts one repeated value in the middle of a decade', () => {
    const b = logBins(new Array(100).fill(0.3), 9);
    expectIncreasing(b.edges);
    expect(b.edges[9] - b.edges[0]).toBeCloseTo(1, 12);
    expect(b.counts[4]).toBe(100);
    expect(total(b)).toBe(100);
  });

  it('handles values equal to ~15 digits as one value', () => {
    const b = logBins([0.3, 0.3 * (1 + 1e-15)], 4);
    expectIncreasing(b.edges);
    expect(total(b)).toBe(2);
  });

  it('agrees with dfClassify.logHistogram on positive D_f', () => {
    const df = logSpread(2000, 3);
    const mine = logBins(df, DEFAULT_BINS);
    const theirs = logHistogram(df, DEFAULT_BINS);
    expect(Array.from(mine.counts)).toEqual(theirs.counts);
    mine.edges.forEach((e, k) => expect(e).toBeCloseTo(theirs.edges[k], 12));
  });

  it('takes arrays too large to spread into Math.min', () => {
    const b = logBins(logSpread(300_000), 50);
    expect(total(b)).toBe(300_000);
  });

  it('refuses empty input, a bad bin count, and input with nothing positive', () => {
    expect(() => logBins([])).toThrow('no values to histogram');
    expect(() => logBins(new Float32Array(0))).toThrow('no values to histogram');
    expect(() => logBins([1, 2], 0)).toThrow(RangeError);
    expect(() => logBins([1, 2], 2.5)).toThrow(RangeError);
    expect(() => logBins([0, -1, Number.NaN])).toThrow('2 are ≤ 0 and 1 are not finite');
  });
});

describe('linearBins', () => {
  it('bins negative and positive values alike', () => {
    const values = [-250, -10, 0, 3, 40, 400, Number.NaN];
    const b = linearBins(values, 13);
    expectIncreasing(b.edges);
    expect(b.edges[0]).toBe(-250);
    expect(b.edges[13]).toBe(400);
    expect(b.zeros).toBe(0);
    expect(b.nonFinite).toBe(1);
    expect(total(b)).toBe(6);
    expect(b.counts[0]).toBe(1);
    expect(b.counts[12]).toBe(1);
  });

  it('puts one repeated value, zero or not, in the middle bin', () => {
    for (const v of [0, -7.5, 1e-300]) {
      const b = linearBins(new Float32Array(10).fill(v), 5);
      expectIncreasing(b.edges);
      expect(b.counts[2]).toBe(10);
    }
  });

  it('refuses empty input and input with nothing finite', () => {
    expect(() => linearBins([])).toThrow('no values to histogram');
    expect(() => linearBins([Number.NaN, -Infinity])).toThrow('none of the 2 values is finite');
  });
});

describe('integerBins', () => {
  it('gives each whole number from 0 to the largest a bin centred on it, empty ones included', () => {
    const b = integerBins([0, 0, 0, 1, 3, 3, 7, NaN]);
    expect(Array.from(b.edges)).toEqual([-0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]);
    expect(Array.from(b.counts)).toEqual([3, 1, 0, 2, 0, 0, 0, 1]);
    expect([b.zeros, b.nonFinite]).toEqual([0, 1]);
  });

  it('starts at a negative value where there is one, and gives all zeros one bin', () => {
    expect(Array.from(integerBins([-2, 1]).counts)).toEqual([1, 0, 0, 1]);
    expect(Array.from(integerBins(new Int32Array(5)).edges)).toEqual([-0.5, 0.5]);
  });

  it('refuses a value that is not a whole number', () => {
    expect(() => integerBins([1, 2.5])).toThrow(/2.5 is not a whole number/);
    expect(() => integerBins([])).toThrow(/no values/);
  });
});
