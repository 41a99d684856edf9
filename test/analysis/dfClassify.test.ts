import { describe, expect, it } from 'vitest';
import { classifyDf, coreWithEvent, robustCore } from '../../src/analysis/dfClassify';
import { seededRandom } from '../../src/engine/velocities';

// A synthetic D_f distribution shaped like the paper's Fig. 1c: a core of 40 atoms near 0.02 Å,
// a bulk peak near 1 Å and a tail up to 3 Å.
function paperLike(): Float64Array {
  const rand = seededRandom(5);
  const logNormal = (mu: number, sigma: number) => 10 ** (mu + sigma * (rand() + rand() + rand() - 1.5));
  return Float64Array.from({ length: 2000 }, (_, k) => (k % 50 === 7 ? logNormal(-1.7, 0.3) : k % 10 === 3 ? 1.5 + 1.5 * rand() : logNormal(0, 0.05)));
}

describe('D_f classification', () => {
  const df = paperLike();

  it('finds the core below the widest gap under the bulk peak', () => {
    const c = classifyDf(df);
    expect(c.core).toHaveLength(40);
    expect(c.core.every((k) => k % 50 === 7)).toBe(true);
    expect(c.gap![0]).toBeLessThan(0.1);
    expect(c.gap![1]).toBeGreaterThan(0.5);
    expect(c.threshold).toBeCloseTo(Math.sqrt(c.gap![0] * c.gap![1]), 12);
    expect(c.peak).toBeGreaterThan(0.8);
    expect(c.peak).toBeLessThan(1.25);
    const g = c.groups;
    expect(g.core + g.belowPeak + g.atPeak + g.abovePeak).toBe(2000);
    expect(g.abovePeak).toBeGreaterThan(100);
    expect(c.histogram.counts.reduce((a, b) => a + b)).toBe(2000);
  });

  it('offers the paper’s fixed 0.5 Å and a user threshold instead', () => {
    expect(classifyDf(df, 'fixed').threshold).toBe(0.5);
    expect(classifyDf(df, 'fixed').core).toHaveLength(40);
    expect(classifyDf(df, 'user', 1e-3).core).toHaveLength(0);
    expect(() => classifyDf(df, 'user')).toThrow('a user threshold must be a positive D_f in Å');
  });

  it('seeks the gap below the unfrozen D_f when most analysed atoms are core atoms', () => {
    // As the 16 atoms that move most in the demo event: 9 core atoms near 2e-3 Å, 7 bulk near 5 Å.
    const subset = [1.3e-3, 1.4e-3, 1.4e-3, 1.5e-3, 1.6e-3, 2e-3, 2.5e-3, 4e-3, 4.2e-3, 2.4, 3.1, 4.4, 5.2, 6.0, 6.8, 7.6];
    expect(classifyDf(subset).core.length, 'the mode lies in the core').toBeLessThan(9);
    const c = classifyDf(subset, 'gap', undefined, 2.113);
    expect(c.core).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(c.gap![0]).toBeCloseTo(4.2e-3, 12);
    expect(c.gap![1]).toBeCloseTo(2.4, 12);
    expect(classifyDf(df, 'gap', undefined, 1.0).core).toHaveLength(40);
  });

  it('names the core atoms whose relaxation had the event: a threshold that separates no core', () => {
    // The first atoms of the 2000-atom default event, none of them a core atom: every relaxation
    // has the event, and the widest gap below the unfrozen D_f (0.447 Å) still sets three apart.
    const df = [0.4334, 0.4373, 0.4337, 0.455, 0.464, 0.471, 0.458];
    const c = classifyDf(df, 'gap', undefined, 0.447);
    expect(c.core).toEqual([0, 2, 1]);
    expect(coreWithEvent(c.core, new Uint8Array(7).fill(1))).toEqual([0, 2, 1]);
    // Where the core stopped the event, nothing to say.
    expect(coreWithEvent(c.core, [false, false, false, true, true, true, true])).toEqual([]);
    expect(coreWithEvent(classifyDf(df, 'user', 0.46).core, [false, false, false, true, true, true, true])).toEqual([3, 6]);
  });

  it('takes the marginal atoms out of the robust core', () => {
    expect(robustCore([4, 0, 2], [1, 0, 0, 0, 0])).toEqual([4, 2]);
    expect(robustCore([4, 0, 2], [false, true, true, false, true])).toEqual([0]);
    expect(robustCore([4, 0, 2], new Uint8Array(5))).toEqual([4, 0, 2]);
  });

  it('rejects values that are not displacements', () => {
    expect(() => classifyDf([1, Number.NaN])).toThrow('D_f of atom 1 is NaN: not a displacement');
    expect(() => classifyDf([])).toThrow('no D_f values to classify');
  });
});
