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

/**
 * Cell-list pair search in double precision. Cells are bins of fractional coordinates at least
 * `cutoff` wide, so neighbours lie in adjacent bins; where a direction has fewer than three bins
 * every bin along it is visited once, so no pair is seen twice.
 */
export function findPairs(box: Box, positions: Float64Array, cutoff: number): PairList {
  const n = positions.length / 3;
  const w = perpendicularWidths(box);
  const nc = w.map((wa) => Math.max(1, Math.floor(wa / cutoff))) as Vec3;
  const cellOf = new Int32Array(n);
  const counts = new Int32Array(nc[0] * nc[1] * nc[2] + 1);
  const s: Vec3 = [0, 0, 0];
  for (let a = 0; a < n; a++) {
    toFractional(box, positions[3 * a], positions[3 * a + 1], positions[3 * a + 2], s);
    let c = 0;
    for (let k = 2; k >= 0; k--) {
      const f = s[k] - Math.floor(s[k]);
      c = c * nc[k] + Math.min(nc[k] - 1, Math.floor(f * nc[k]));
    }
    cellOf[a] = c;
    counts[c + 1]++;
  }
  for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
  const fill = counts.slice(0, -1);
  const members = new Int32Array(n);
  for (let a = 0; a < n; a++) members[fill[cellOf[a]]++] = a;

  const stencil = (len: number) => (len >= 3 ? [-1, 0, 1] : Array.from({ length: len }, (_, k) => k));
  const offsets = nc.map(stencil);
  const cutsq = cutoff * cutoff;
  const pi: number[] = [];
  const pj: number[] = [];
  const del: number[] = [];
  const rsqs: number[] = [];
  const d: Vec3 = [0, 0, 0];
  for (let a = 0; a < n; a++) {
    const c = cellOf[a];
    const ca = [c % nc[0], Math.floor(c / nc[0]) % nc[1], Math.floor(c / (nc[0] * nc[1]))];
    for (const oz of offsets[2]) {
      const cz = nc[2] >= 3 ? (ca[2] + oz + nc[2]) % nc[2] : oz;
      for (const oy of offsets[1]) {
        const cy = nc[1] >= 3 ? (ca[1] + oy + nc[1]) % nc[1] : oy;
        for (const ox of offsets[0]) {
          const cx = nc[0] >= 3 ? (ca[0] + ox + nc[0]) % nc[0] : ox;
          const cell = (cz * nc[1] + cy) * nc[0] + cx;
          for (let k = counts[cell]; k < counts[cell + 1]; k++) {
            const b = members[k];
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
