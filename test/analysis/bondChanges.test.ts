import { describe, expect, it } from 'vitest';
import { BOND_CHANGE_THRESHOLD, bondChanges, PAPER_SHELL_RADII, shellRadii } from '../../src/analysis/bondChanges';
import { d2min } from '../../src/analysis/d2min';
import { crystal } from '../../src/system/lattice';
import { minimumImage, type Box, type Vec3 } from '../../src/system/box';
import { glassAEvent } from '../helpers/glassAEvent';

const { pre, before, after } = glassAEvent();
const CU_ZR = shellRadii(['Cu', 'Zr'], before, pre.types).radii;

/** Every pair by brute force, each state's distance by its own minimum image: no pair search, no carrying. */
function bruteForce(types: Int32Array, radii: readonly (readonly number[])[]) {
  const n = types.length;
  const broken = new Int32Array(n);
  const formed = new Int32Array(n);
  const distance = (c: { positions: Float64Array; box: Box }, i: number, j: number) => {
    const d: Vec3 = [0, 1, 2].map((a) => c.positions[3 * i + a] - c.positions[3 * j + a]) as Vec3;
    minimumImage(c.box, d);
    return Math.hypot(...d);
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const rc = radii[types[i]][types[j]];
      const [r0, r1] = [distance(before, i, j), distance(after, i, j)];
      const into = r0 < rc && r1 >= rc && r1 - r0 > BOND_CHANGE_THRESHOLD ? broken : r1 < rc && r0 >= rc && r0 - r1 > BOND_CHANGE_THRESHOLD ? formed : null;
      if (into) {
        into[i]++;
        into[j]++;
      }
    }
  }
  return { broken, formed };
}

describe('bond changes (local configurational excitations)', () => {
  it('counts a bond that crosses its shell radius by more than the threshold, per element pair, across the boundary', () => {
    // Isolated pairs in a 30 Å cell (types 0 = Cu, 1 = Zr; radii Cu–Cu 3.05, Cu–Zr 3.75, Zr–Zr 4.35 Å),
    // each moved along x: [types, distance before, after].
    const cases: [number, number, number, number][] = [
      [0, 0, 3.0, 3.1], // breaks: 0.10 Å apart, beyond 3.05
      [0, 0, 3.0, 3.06], // crosses by 0.06 Å only: not counted
      [0, 1, 3.8, 3.7], // forms
      [1, 1, 4.3, 4.4], // breaks, across the boundary (below)
      [0, 1, 3.7, 3.72], // stays bonded
      [1, 1, 4.5, 4.45], // stays apart
    ];
    const box: Box = { lo: [0, 0, 0], lx: 30, ly: 30, lz: 30, xy: 0, xz: 0, yz: 0 };
    const types = new Int32Array(2 * cases.length);
    const x0 = new Float64Array(6 * cases.length);
    const x1 = new Float64Array(6 * cases.length);
    cases.forEach(([a, b, r0, r1], k) => {
      types.set([a, b], 2 * k);
      const [y, z] = [7.5 * (k % 4), 15 * Math.floor(k / 4)];
      // The pair straddles x = 0 (first atom just inside, second near x = 30); in the second state
      // the second atom is written unwrapped, one cell length away.
      const [ax, bx] = k === 3 ? [0.05, 30.05 - r0] : [10, 10 + r0];
      x0.set([ax, y, z, bx, y, z], 6 * k);
      x1.set(k === 3 ? [ax, y, z, 0.05 - r1, y, z] : [ax, y, z, 10 + r1, y, z], 6 * k);
    });
    const radii = shellRadii(['Cu', 'Zr'], { box, positions: x0 }, types).radii;
    const c = bondChanges({ box, positions: x0 }, { box, positions: x1 }, types, radii);
    expect(Array.from(c.broken)).toEqual([1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(c.formed)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect([c.brokenPairs, c.formedPairs]).toEqual([2, 1]);
    // The same motion backwards swaps broken and formed.
    const back = bondChanges({ box, positions: x1 }, { box, positions: x0 }, types, radii);
    expect(back.broken).toEqual(c.formed);
    expect(back.formed).toEqual(c.broken);
  });

  it('agrees with a brute-force count over every pair on a real event (glass_a, 2000 atoms, 57 MPa drop)', () => {
    const c = bondChanges(before, after, pre.types, CU_ZR);
    const brute = bruteForce(pre.types, CU_ZR);
    expect(c.broken).toEqual(brute.broken);
    expect(c.formed).toEqual(brute.formed);
    // Measured: 125 bonds broken and 146 formed.
    expect(c.brokenPairs).toBeGreaterThan(50);
    expect(c.formedPairs).toBeGreaterThan(50);
    expect(c.broken.reduce((s, v) => s + v, 0)).toBe(2 * c.brokenPairs);
  });

  it('does not change under a rigid translation, wrapping or the strain step alone', () => {
    const c = bondChanges(before, after, pre.types, CU_ZR);
    // Every seventh atom also one cell vector c = (xz, yz, lz) away.
    const { xz, yz, lz } = after.box;
    const moved = after.positions.map((v, k) => v + [3.7, -11.2, 20.3][k % 3] + (Math.floor(k / 3) % 7 === 0 ? [xz, yz, lz][k % 3] : 0));
    const shifted = bondChanges(before, { box: after.box, positions: moved }, pre.types, CU_ZR);
    expect(shifted.broken).toEqual(c.broken);
    expect(shifted.formed).toEqual(c.formed);
    // The affine step moves pair distances by < 5e-5 × 4.35 Å, far under the threshold.
    const step = bondChanges(pre, before, pre.types, CU_ZR);
    expect([step.brokenPairs, step.formedPairs]).toEqual([0, 0]);
  });

  it('finds the atoms with several bond changes where the event rearranged the glass most (D²min)', () => {
    // The paper (Fig. 4a): three or more bond changes happen mostly in the STZ core. Here: 34 atoms,
    // all within the top 15 % of D²min, half of them within its top 1.1 % (ranks ≤ 21 of 2000).
    const c = bondChanges(before, after, pre.types, CU_ZR);
    const d = d2min(before, after);
    const order = Array.from(d, (_, i) => i).sort((a, b) => d[b] - d[a]);
    const rank = new Int32Array(d.length);
    order.forEach((atom, k) => (rank[atom] = k));
    const ranks = Array.from(c.broken, (b, i) => b + c.formed[i])
      .flatMap((total, i) => (total >= 3 ? [rank[i]] : []))
      .sort((a, b) => a - b);
    expect(ranks.length).toBeGreaterThan(10);
    expect(ranks[ranks.length - 1]).toBeLessThan(0.2 * d.length);
    expect(ranks[Math.floor(ranks.length / 2)]).toBeLessThan(0.03 * d.length);
  });

  it('rejects inputs it cannot count', () => {
    expect(() => bondChanges(before, after, pre.types.subarray(1), CU_ZR)).toThrow(/1999 atom types for 2000 atoms/);
    expect(() => bondChanges(before, after, pre.types, [[3, 3.5], [3.6, 4]])).toThrow(/shell radius 1–2 .* the same both ways/);
    expect(() => bondChanges(before, after, pre.types, [[3]])).toThrow(/atom \d+ has type 2, but shell radii are given for 1 types/);
    expect(() => bondChanges(before, after, pre.types, CU_ZR, -0.1)).toThrow(/threshold must be a distance ≥ 0/);
    expect(() => bondChanges(before, after, pre.types, [[3, 3.75], [3.75, 20]])).toThrow(/too thin/);
  });
});

describe('shell radii', () => {
  it('are the paper’s for Cu and Zr, whatever their type order', () => {
    const r = shellRadii(['Zr', 'Cu'], before, pre.types);
    expect(r.radii).toEqual([
      [PAPER_SHELL_RADII['Zr-Zr'], PAPER_SHELL_RADII['Cu-Zr']],
      [PAPER_SHELL_RADII['Cu-Zr'], PAPER_SHELL_RADII['Cu-Cu']],
    ]);
    expect(r.source.flat()).toEqual(['paper', 'paper', 'paper', 'paper']);
  });

  it('come from the first minimum of g(r) for other elements: within 0.25 Å of the paper’s on the Cu–Zr glass', () => {
    // Measured on glass_a: 3.275, 3.625 and 4.225 Å against 3.05, 3.75 and 4.35.
    const r = shellRadii(['Ni', 'Al'], before, pre.types);
    expect(r.source.flat()).toEqual(['g(r)', 'g(r)', 'g(r)', 'g(r)']);
    expect(Math.abs(r.radii[0][0] - 3.05)).toBeLessThan(0.25);
    expect(Math.abs(r.radii[0][1] - 3.75)).toBeLessThan(0.25);
    expect(Math.abs(r.radii[1][1] - 4.35)).toBeLessThan(0.25);
    const mixed = shellRadii(['Cu', 'Ni'], before, pre.types);
    expect(mixed.radii[0][0]).toBe(3.05);
    expect(mixed.source[0][1]).toBe('g(r)');
  });

  it('come from the total g(r) for a pair too rare to have a first shell of its own', () => {
    // Three atoms of glass_a made a third element: its pairs are noise, the total g(r) is not.
    const types = pre.types.slice();
    for (const i of [0, 700, 1400]) types[i] = 2;
    const r = shellRadii(['Cu', 'Zr', 'Ni'], before, types);
    expect(r.source).toEqual([
      ['paper', 'paper', 'total g(r)'],
      ['paper', 'paper', 'total g(r)'],
      ['total g(r)', 'total g(r)', 'total g(r)'],
    ]);
    expect(r.radii[2][2]).toBeGreaterThan(3.3);
    expect(r.radii[2][2]).toBeLessThan(4.3);
    expect(r.radii[0][2]).toBe(r.radii[2][2]);
  });

  it('fall in the middle of a crystal’s empty range after its first shell', () => {
    // B2, a = 3.26 Å: Cu–Zr shells at 2.82 and 5.41 Å; Cu–Cu at 3.26 and 4.61 Å.
    const b2 = crystal({ kind: 'b2', a: 3.26, cells: [5, 5, 5], elements: ['Ni', 'Al'], masses: [58.7, 27], sublatticeTypes: [0, 1] });
    const r = shellRadii(['Ni', 'Al'], b2, b2.types).radii;
    expect(r[0][1]).toBeGreaterThan(3.6);
    expect(r[0][1]).toBeLessThan(4.6);
    expect(r[0][0]).toBeGreaterThan(3.6);
    expect(r[0][0]).toBeLessThan(4.3);
  });
});
