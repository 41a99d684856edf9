import { toCartesian, toFractional, type Box, type Vec3 } from '../../system/box';

/** Corner k of the cell is lo + i·a + j·b + l·c, where i, j, l are bits 0, 1, 2 of k. */
export function cellCorners(box: Box): Vec3[] {
  return Array.from({ length: 8 }, (_, k) => toCartesian(box, k & 1, (k >> 1) & 1, (k >> 2) & 1));
}

/** The 12 edges as pairs of corner numbers (corners that differ in one bit): 4 along a, b and c each. */
export const CELL_EDGES: readonly (readonly [number, number])[] = [
  [0, 1], [2, 3], [4, 5], [6, 7],
  [0, 2], [1, 3], [4, 6], [5, 7],
  [0, 4], [1, 5], [2, 6], [3, 7],
];

/** The edges' end points, x y z, two vertices per edge in CELL_EDGES order: a LineSegments position buffer. */
export function cellEdgeVertices(box: Box, out: Float32Array | Float64Array): void {
  const corners = cellCorners(box);
  CELL_EDGES.forEach(([p, q], e) => {
    out.set(corners[p], 6 * e);
    out.set(corners[q], 6 * e + 3);
  });
}

/** The smallest sphere about the cell's centre that holds all its corners. */
export function cellBoundingSphere(box: Box): { center: Vec3; radius: number } {
  const center = toCartesian(box, 0.5, 0.5, 0.5);
  let radius = 0;
  for (const c of cellCorners(box)) radius = Math.max(radius, Math.hypot(c[0] - center[0], c[1] - center[1], c[2] - center[2]));
  return { center, radius };
}

// Reused so that wrapping every AQS step allocates nothing.
const frac: Vec3 = [0, 0, 0];
const cart: Vec3 = [0, 0, 0];

/**
 * Positions mapped into the cell (fractional coordinates in [0, 1)), written to `out`, which may be
 * `positions` itself. Atoms that left the box through a periodic face are drawn where the
 * periodic system has them, inside it.
 */
export function wrapIntoCell(box: Box, positions: ArrayLike<number>, out: Float32Array | Float64Array): void {
  for (let i = 0; i < positions.length; i += 3) {
    toFractional(box, positions[i], positions[i + 1], positions[i + 2], frac);
    for (let a = 0; a < 3; a++) {
      let s = frac[a] - Math.floor(frac[a]);
      // A value a hair below an integer leaves exactly 1 after the subtraction.
      if (s >= 1) s = 0;
      frac[a] = s;
    }
    toCartesian(box, frac[0], frac[1], frac[2], cart);
    out[i] = cart[0];
    out[i + 1] = cart[1];
    out[i + 2] = cart[2];
  }
}
