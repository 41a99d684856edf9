import { describe, expect, it } from 'vitest';
import type { Box } from '../../src/system/box';
import { toFractional } from '../../src/system/box';
import { CELL_EDGES, cellBoundingSphere, cellCorners, cellEdgeVertices, wrapIntoCell } from '../../src/app/view3d/cellGeometry';

// a = (10, 0, 0), b = (2, 8, 0), c = (-1.5, 0.5, 6)
const box: Box = { lo: [1, 2, 3], lx: 10, ly: 8, lz: 6, xy: 2, xz: -1.5, yz: 0.5 };

function expectVec(actual: ArrayLike<number>, expected: number[]): void {
  for (let k = 0; k < 3; k++) expect(actual[k]).toBeCloseTo(expected[k], 12);
}

describe('cell geometry', () => {
  it('puts the 8 corners of a triclinic cell at lo + i a + j b + l c', () => {
    const c = cellCorners(box);
    expect(c).toHaveLength(8);
    expectVec(c[0], [1, 2, 3]);
    expectVec(c[1], [11, 2, 3]);
    expectVec(c[2], [3, 10, 3]);
    expectVec(c[3], [13, 10, 3]);
    expectVec(c[4], [-0.5, 2.5, 9]);
    expectVec(c[5], [9.5, 2.5, 9]);
    expectVec(c[6], [1.5, 10.5, 9]);
    expectVec(c[7], [11.5, 10.5, 9]);
  });

  it('draws 12 edges, 4 parallel to each cell vector', () => {
    const v = new Float64Array(72);
    cellEdgeVertices(box, v);
    expect(CELL_EDGES).toHaveLength(12);
    const vectors = [[10, 0, 0], [2, 8, 0], [-1.5, 0.5, 6]];
    for (let e = 0; e < 12; e++) {
      const d = [v[6 * e + 3] - v[6 * e], v[6 * e + 4] - v[6 * e + 1], v[6 * e + 5] - v[6 * e + 2]];
      expectVec(d, vectors[Math.floor(e / 4)]);
    }
    expect(new Set(CELL_EDGES.map(([p, q]) => `${p}-${q}`)).size).toBe(12);
  });

  it('bounds the cell with a sphere about its centre', () => {
    const { center, radius } = cellBoundingSphere(box);
    expectVec(center, [6.25, 6.25, 6]);
    const distances = cellCorners(box).map((c) => Math.hypot(c[0] - center[0], c[1] - center[1], c[2] - center[2]));
    expect(Math.max(...distances)).toBeCloseTo(radius, 12);
  });

  it('wraps positions into the cell by whole cell vectors', () => {
    const n = 500;
    const positions = new Float64Array(3 * n);
    for (let i = 0; i < 3 * n; i++) {
      // Deterministic scatter over ±30 Å, several cells either side.
      const r = Math.sin(i * 12.9898) * 43758.5453;
      positions[i] = (r - Math.floor(r) - 0.5) * 60;
    }
    // Atoms on faces and a hair below them, where floor alone can give a fraction of exactly 1.
    positions.set([1, 2, 3, 11, 2, 3, 1 - 1e-15, 2, 3, -0.5, 2.5, 9], 0);
    const wrapped = new Float64Array(3 * n);
    wrapIntoCell(box, positions, wrapped);
    for (let i = 0; i < 3 * n; i += 3) {
      const s = toFractional(box, wrapped[i], wrapped[i + 1], wrapped[i + 2]);
      const s0 = toFractional(box, positions[i], positions[i + 1], positions[i + 2]);
      for (let a = 0; a < 3; a++) {
        expect(s[a]).toBeGreaterThanOrEqual(-1e-12);
        expect(s[a]).toBeLessThan(1);
        const shift = s0[a] - s[a];
        expect(Math.abs(shift - Math.round(shift))).toBeLessThan(1e-9);
      }
    }
  });

  it('wraps in place and into f32 display buffers', () => {
    const positions = new Float64Array([25, -7, 14, 3, 4, 5]);
    const expected = new Float64Array(6);
    wrapIntoCell(box, positions, expected);
    const f32 = new Float32Array(6);
    wrapIntoCell(box, positions, f32);
    for (let i = 0; i < 6; i++) expect(f32[i]).toBeCloseTo(expected[i], 5);
    wrapIntoCell(box, positions, positions);
    expect(Array.from(positions)).toEqual(Array.from(expected));
    expectVec(expected.subarray(3), [3, 4, 5]);
  });
});
