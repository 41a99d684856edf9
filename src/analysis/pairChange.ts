import { toFractional, type Box, type Vec3 } from '../system/box';
import type { Configuration } from '../protocols/aqs';

// What the pair analyses (D²min, bond changes) share. A pair's separation is carried from one state
// to the other through its atoms' displacements, each the minimum image in fractional coordinates,
// not found again by minimum image: so it stays the true separation however far the atoms moved
// or wrapped, and however the cell deformed between the states.

export function checkConfigurations(before: Configuration, after: Configuration, where: string): number {
  for (const [name, c] of [['before', before], ['after', after]] as const) {
    if (c.positions.length % 3 !== 0) throw new Error(`${where}: the ${name} positions have ${c.positions.length} coordinates, not 3 per atom`);
    const bad = c.positions.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new Error(`${where}: atom ${Math.floor(bad / 3)} of the ${name} state has a non-finite coordinate`);
  }
  if (before.positions.length !== after.positions.length) {
    throw new Error(`${where}: the before state has ${before.positions.length / 3} atoms but the after state ${after.positions.length / 3}`);
  }
  if (before.positions.length === 0) throw new Error(`${where}: there are no atoms`);
  return before.positions.length / 3;
}

/** Each atom's displacement in fractional coordinates, whole cell vectors removed. */
export function fractionalDisplacements(before: Configuration, after: Configuration, n: number): Float64Array {
  const ds = new Float64Array(3 * n);
  const s0: Vec3 = [0, 0, 0];
  const s1: Vec3 = [0, 0, 0];
  const [x0, x1] = [before.positions, after.positions];
  for (let i = 0; i < n; i++) {
    toFractional(before.box, x0[3 * i], x0[3 * i + 1], x0[3 * i + 2], s0);
    toFractional(after.box, x1[3 * i], x1[3 * i + 1], x1[3 * i + 2], s1);
    for (let a = 0; a < 3; a++) {
      const d = s1[a] - s0[a];
      ds[3 * i + a] = d - Math.round(d);
    }
  }
  return ds;
}

/** h⁻¹ v for the separation v at v[k..k+2]: toFractional without the corner. */
function linearFractional(box: Box, v: Float64Array, k: number, out: Vec3): void {
  const { lx, ly, lz, xy, xz, yz } = box;
  out[2] = v[k + 2] / lz;
  out[1] = (v[k + 1] - yz * out[2]) / ly;
  out[0] = (v[k] - xz * out[2] - xy * out[1]) / lx;
}

/** h s written to out[k..k+2]: toCartesian without the corner. */
function linearCartesian(box: Box, s: Vec3, out: Float64Array, k: number): void {
  out[k] = box.lx * s[0] + box.xy * s[1] + box.xz * s[2];
  out[k + 1] = box.ly * s[1] + box.yz * s[2];
  out[k + 2] = box.lz * s[2];
}

const carried: Vec3 = [0, 0, 0];

/**
 * The separation x_i − x_j at del[k..k+2] in the cell `from`, carried into the cell `to` by the
 * atoms' fractional displacements ds (fractionalDisplacements from `from` to `to`; sign −1 when
 * carrying back against them), written to out[m..m+2].
 */
export function carrySeparation(from: Box, to: Box, del: Float64Array, k: number, ds: Float64Array, i: number, j: number, sign: 1 | -1, out: Float64Array, m: number): void {
  linearFractional(from, del, k, carried);
  for (let a = 0; a < 3; a++) carried[a] += sign * (ds[3 * i + a] - ds[3 * j + a]);
  linearCartesian(to, carried, out, m);
}
