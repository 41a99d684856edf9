import { minimumImage, toCartesian, toFractional, type Box, type Vec3 } from '../system/box';

const TWO32 = 2 ** 32;

/**
 * Cartesian positions (3 per atom, Å) to the engine's GPU layout: fixed-point fractional
 * coordinates s·2³² wrapped into the cell, with the atom type in the fourth word.
 */
export function toFixedPoint(box: Box, positions: Float64Array, types: Int32Array): Uint32Array<ArrayBuffer> {
  const n = types.length;
  const out = new Uint32Array(4 * n);
  const s: Vec3 = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    toFractional(box, positions[3 * i], positions[3 * i + 1], positions[3 * i + 2], s);
    for (let a = 0; a < 3; a++) {
      const f = s[a] - Math.floor(s[a]);
      out[4 * i + a] = Math.round(f * TWO32) % TWO32;
    }
    out[4 * i + 3] = types[i];
  }
  return out;
}

/** Cartesian positions inside the cell from the GPU layout. */
export function fromFixedPoint(box: Box, data: Uint32Array): Float64Array {
  const n = data.length / 4;
  const out = new Float64Array(3 * n);
  const x: Vec3 = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    toCartesian(box, data[4 * i] / TWO32, data[4 * i + 1] / TWO32, data[4 * i + 2] / TWO32, x);
    out.set(x, 3 * i);
  }
  return out;
}

/** Each atom's periodic image nearest to the same atom in `reference`: continuous trajectories for output. */
export function unwrapNear(box: Box, positions: Float64Array, reference: Float64Array): Float64Array {
  const out = new Float64Array(positions.length);
  const d: Vec3 = [0, 0, 0];
  for (let k = 0; k < positions.length; k += 3) {
    for (let c = 0; c < 3; c++) d[c] = positions[k + c] - reference[k + c];
    minimumImage(box, d);
    for (let c = 0; c < 3; c++) out[k + c] = reference[k + c] + d[c];
  }
  return out;
}
