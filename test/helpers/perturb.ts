import { deformBox, type Box } from '../../src/system/box';

/** A deterministic generator so perturbed test configurations are the same on every run. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function jiggle(positions: Float64Array, amplitude: number, seed: number): Float64Array {
  const rand = lcg(seed);
  return positions.map((x) => x + amplitude * (2 * rand() - 1));
}

/** Positions and box after the homogeneous deformation F (row-major, upper-triangular). */
export function deform(positions: Float64Array, box: Box, F: readonly number[]): { positions: Float64Array; box: Box } {
  const x = new Float64Array(positions.length);
  for (let i = 0; i < x.length; i += 3) {
    for (let r = 0; r < 3; r++) {
      x[i + r] = F[3 * r] * positions[i] + F[3 * r + 1] * positions[i + 1] + F[3 * r + 2] * positions[i + 2];
    }
  }
  return { positions: x, box: deformBox(box, F) };
}
