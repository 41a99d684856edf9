import { describe, expect, it } from 'vitest';
import { geometryHolds, listGeometry } from '../../src/engine/listGeometry';
import { assertBoxFitsCutoff, perpendicularWidths, type Box } from '../../src/system/box';

const cube = (l: number, xy = 0): Box => ({ lo: [0, 0, 0], lx: l, ly: l, lz: l, xy, xz: 0, yz: 0 });

describe('Verlet list geometry', () => {
  it('keeps the requested skin and bins one list cutoff per cell where the box allows', () => {
    const g = listGeometry([cube(32.5)], 6.5, 0.5);
    expect(g.skin).toBe(0.5);
    expect(g.listCutoff).toBe(7);
    expect(g.cellDims).toEqual([4, 4, 4]);
  });

  it('shrinks the skin so that cutoff + skin stays below half the thinnest box', () => {
    const g = listGeometry([cube(16.3)], 7.6, 0.5);
    expect(g.listCutoff).toBeLessThan(16.3 / 2);
    expect(g.skin).toBeGreaterThan(0);
    expect(g.cellDims).toEqual([2, 2, 2]);
  });

  it('uses the thinnest of all replicas, tilted ones included', () => {
    const tilted = cube(30, 12);
    const w = perpendicularWidths(tilted);
    expect(w[0]).toBeCloseTo(30 / Math.hypot(1, 12 / 30), 10);
    const g = listGeometry([cube(30), tilted], 6.5, 0.5);
    expect(g.cellDims[0]).toBe(Math.floor(w[0] / 7));
    expect(geometryHolds(g, [cube(30), tilted])).toBe(true);
    expect(geometryHolds(listGeometry([cube(30)], 6.5, 0.5), [tilted])).toBe(false);
  });

  it('refuses a box thinner than twice the cutoff, naming the minimum size', () => {
    expect(() => listGeometry([cube(12)], 6.5, 0.5)).toThrow(/smallest perpendicular width is 12\.0000 Å, it must exceed 13\.0000 Å/);
    expect(() => assertBoxFitsCutoff(cube(12), 6.5, 'glass.data')).toThrow(
      /glass\.data: the box is too thin along x: its perpendicular width is 12\.0000 Å but must exceed twice the cutoff, 13\.0000 Å/,
    );
  });
});
