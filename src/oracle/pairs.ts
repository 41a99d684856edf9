import { type Box, perpendicularWidths, minimumImage, toFractional, type Vec3 } from '../system/box';

/** Every pair i < j closer than the cutoff, with the separation x_i − x_j as LAMMPS takes it. */
export interface PairList {
  readonly count: number;
  readonly i: Int32Array;
  readonly j: Int32Array;
  /** Separation x_i − x_j (minimum image), 3 per pair. */
  readonly del: Float64Array;
  readonly rsq: Float64Array;
}

/** Atoms binned by fractional coordinates into cells at least `cutoff` wide. */
export interface CellGrid {
  readonly dims: Vec3;
  /** Each atom's fractional coordinates wrapped into [0, 1), 3 per atom. */
  readonly frac: Float64Array;
  readonly cellOf: Int32Array;
  /** Where each cell's atoms start in `members` (one entry more than cells). */
  readonly cellStart: Int32Array;
  readonly members: Int32Array;
}

export function cellGrid(box: Box, positions: Float64Array, cutoff: number): CellGrid {
  const n = positions.length / 3;
  const dims = perpendicularWidths(box).map((w) => Math.max(1, Math.floor(w / cutoff))) as Vec3;
  const frac = new Float64Array(3 * n);
  const cellOf = new Int32Array(n);
  const cellStart = new Int32Array(dims[0] * dims[1] * dims[2] + 1);
  const s: Vec3 = [0, 0, 0];
  for (let a = 0; a < n; a++) {
    toFractional(box, positions[3 * a], positions[3 * a + 1], positions[3 * a + 2], s);
    let c = 0;
    for (let k = 2; k >= 0; k--) {
      const f = s[k] - Math.floor(s[k]);
      frac[3 * a + k] = f;
      c = c * dims[k] + Math.min(dims[k] - 1, Math.floor(f * dims[k]));
    }
    cellOf[a] = c;
    cellStart[c + 1]++;
  }
  for (let c = 1; c < cellStart.length; c++) cellStart[c] += cellStart[c - 1];
  const fill = cellStart.slice(0, -1);
  const members = new Int32Array(n);
  for (let a = 0; a < n; a++) members[fill[cellOf[a]]++] = a;
  return { dims, frac, cellOf, cellStart, members };
}

/**
 * The cells holding the neighbours of cell c: the adjacent ones, or, along an axis with fewer than
 * three cells, every cell once, so no pair is seen twice.
 */
export function nearbyCells(grid: CellGrid, c: number): number[] {
  const { dims } = grid;
  const at = [c % dims[0], Math.floor(c / dims[0]) % dims[1], Math.floor(c / (dims[0] * dims[1]))];
  const along = (a: number) => (dims[a] >= 3 ? [-1, 0, 1].map((o) => (at[a] + o + dims[a]) % dims[a]) : Array.from({ length: dims[a] }, (_, k) => k));
  const cells: number[] = [];
  for (const cz of along(2)) for (const cy of along(1)) for (const cx of along(0)) cells.push((cz * dims[1] + cy) * dims[0] + cx);
  return cells;
}

/** Cell-list pair search in double precision (cellGrid, nearbyCells). */
export function findPairs(box: Box, positions: Float64Array, cutoff: number): PairList {
  const n = positions.length / 3;
  const grid = cellGrid(box, positions, cutoff);
  const cutsq = cutoff * cutoff;
  const pi: number[] = [];
  const pj: number[] = [];
  const del: number[] = [];
  const rsqs: number[] = [];
  const d: Vec3 = [0, 0, 0];
  for (let a = 0; a < n; a++) {
    for (const cell of nearbyCells(grid, grid.cellOf[a])) {
      for (let k = grid.cellStart[cell]; k < grid.cellStart[cell + 1]; k++) {
        const b = grid.members[k];
        if (b <= a) continue;
        d[0] = positions[3 * a] - positions[3 * b];
        d[1] = positions[3 * a + 1] - positions[3 * b + 1];
        d[2] = positions[3 * a + 2] - positions[3 * b + 2];
        minimumImage(box, d);
        const rsq = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
        if (rsq < cutsq) {
          pi.push(a);
          pj.push(b);
          del.push(d[0], d[1], d[2]);
          rsqs.push(rsq);
        }
      }
    }
  }
  return {
    count: pi.length,
    i: Int32Array.from(pi),
    j: Int32Array.from(pj),
    del: Float64Array.from(del),
    rsq: Float64Array.from(rsqs),
  };
}
