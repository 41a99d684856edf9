import { describe, expect, it } from 'vitest';
import { d2min, D2MIN_CUTOFF } from '../../src/analysis/d2min';
import { findPairs } from '../../src/oracle/pairs';
import { shearedBox } from '../../src/protocols/shear';
import { minimumImage, wrapPositions, type Box, type Vec3 } from '../../src/system/box';
import { glassAEvent } from '../helpers/glassAEvent';
import { deform } from '../helpers/perturb';

const { pre, post, before, after } = glassAEvent();
const strained = shearedBox(pre.box, '-xy', 5e-5);

/** Atom indices by decreasing value. */
const ranking = (v: ArrayLike<number>) => Array.from(v, (_, i) => i).sort((a, b) => v[b] - v[a]);

function maxDifference(a: Float64Array, b: Float64Array): number {
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
}

describe('D²min', () => {
  it('is zero for any homogeneous deformation of a glass, triclinic included', () => {
    const F = [1.05, 0.2, -0.15, 0, 0.93, 0.3, 0, 0, 1.1];
    const d = d2min(pre, deform(pre.positions, pre.box, F));
    // Scale: each atom's Σ|d0|² over the same neighbours. Measured: D²min ≤ 8e-27 Å², scale ≥ 270 Å².
    const scale = new Float64Array(pre.natoms);
    const pairs = findPairs(pre.box, pre.positions, D2MIN_CUTOFF);
    for (let q = 0; q < pairs.count; q++) {
      scale[pairs.i[q]] += pairs.rsq[q];
      scale[pairs.j[q]] += pairs.rsq[q];
    }
    d.forEach((v, i) => expect(v).toBeLessThan(1e-20 * scale[i]));
  });

  it('matches a hand computation: one atom of a simple cubic lattice displaced', () => {
    // Lattice constant a, cutoff between a and a√2: six neighbours ±a e_k each. Moving atom 0 by δ
    // leaves its own F = I (its neighbours are symmetric), so D²min = 6|δ|². A neighbour at ±a e_x
    // fits F = I ∓ δ e_xᵀ / 2a, which leaves δ/2 on its two x neighbours: D²min = |δ|²/2. Every
    // other atom keeps its neighbourhood: 0.
    const a = 2.5;
    const box: Box = { lo: [0, 0, 0], lx: 4 * a, ly: 4 * a, lz: 4 * a, xy: 0, xz: 0, yz: 0 };
    const x = new Float64Array(3 * 64);
    for (let k = 0; k < 64; k++) [k % 4, Math.floor(k / 4) % 4, Math.floor(k / 16)].forEach((c, dim) => (x[3 * k + dim] = c * a));
    const delta = [0.1, -0.2, 0.05];
    const moved = x.slice();
    delta.forEach((v, dim) => (moved[dim] += v));
    const sq = delta.reduce((s, v) => s + v * v, 0);
    const d = d2min({ box, positions: x }, { box, positions: moved }, 3);
    const neighbours = [1, 3, 4, 12, 16, 48];
    d.forEach((v, k) => expect(v).toBeCloseTo(k === 0 ? 6 * sq : neighbours.includes(k) ? sq / 2 : 0, 14));
  });

  it('does not change under a rigid translation or atoms wrapped across the boundary', () => {
    // Measured: differences up to 3.5e-13 Å² on D²min up to 44 Å².
    const d = d2min(before, after);
    const shifted = after.positions.map((v, k) => v + [3.7, -11.2, 40.1][k % 3]);
    expect(maxDifference(d2min(before, { box: after.box, positions: shifted }), d)).toBeLessThan(1e-11);
    // The same translation of both states, each then wrapped into its cell.
    const both = (c: { box: Box; positions: Float64Array }) => ({
      box: c.box,
      positions: wrapPositions(c.box, c.positions.map((v, k) => v + [3.7, -11.2, 40.1][k % 3])),
    });
    expect(maxDifference(d2min(both(before), both(after)), d)).toBeLessThan(1e-11);
  });

  it('singles out the atoms that moved most non-affinely in a real plastic event', () => {
    expect(Object.entries(post.box).filter(([k]) => k !== 'xy')).toEqual(Object.entries(strained).filter(([k]) => k !== 'xy'));
    expect(post.box.xy).toBeCloseTo(strained.xy, 15);
    const d = d2min(before, after);
    // Displacement from the affinely strained state: the non-affine part of the step.
    const u = new Float64Array(pre.natoms);
    const v: Vec3 = [0, 0, 0];
    for (let i = 0; i < pre.natoms; i++) {
      for (let c = 0; c < 3; c++) v[c] = after.positions[3 * i + c] - before.positions[3 * i + c];
      u[i] = Math.hypot(...minimumImage(after.box, v));
    }
    // Measured: the largest D²min (43.9 Å²) is the atom that moved most (1.19 Å), and 32 of the
    // 40 largest D²min are among the 40 largest displacements; the median D²min is 0.15 Å².
    const [byD, byU] = [ranking(d), ranking(u)];
    expect(byU.slice(0, 3)).toContain(byD[0]);
    const top40 = new Set(byU.slice(0, 40));
    expect(byD.slice(0, 40).filter((i) => top40.has(i)).length).toBeGreaterThanOrEqual(28);
    const median = Float64Array.from(d).sort()[pre.natoms / 2];
    expect(d[byD[0]]).toBeGreaterThan(100 * median);
  });

  it('rejects inputs it cannot measure', () => {
    const three = (n: number) => ({ box: pre.box, positions: new Float64Array(3 * n) });
    expect(() => d2min(pre, three(5))).toThrow('D²min: the before state has 2000 atoms but the after state 5');
    expect(() => d2min(pre, { box: pre.box, positions: new Float64Array(7) })).toThrow('the after positions have 7 coordinates');
    expect(() => d2min(pre, after, 0)).toThrow('the cutoff must be a positive distance in Å, got 0');
    expect(() => d2min(pre, after, 20)).toThrow('the box is too thin');
    const nan = pre.positions.slice();
    nan[3 * 17 + 1] = Number.NaN;
    expect(() => d2min(pre, { box: pre.box, positions: nan })).toThrow('atom 17 of the after state has a non-finite coordinate');
    // A flat square layer: every atom's neighbours are coplanar.
    const box: Box = { lo: [0, 0, 0], lx: 10, ly: 10, lz: 12, xy: 0, xz: 0, yz: 0 };
    const layer = Float64Array.from({ length: 48 }, (_, k) => [(Math.floor(k / 3) % 4) * 2.5, Math.floor(k / 12) * 2.5, 6][k % 3]);
    expect(() => d2min({ box, positions: layer }, { box, positions: layer }, 3)).toThrow(
      'D²min: atom 0 has fewer than 3 non-coplanar neighbours within the cutoff',
    );
  });
});
