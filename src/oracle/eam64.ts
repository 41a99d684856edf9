import { assertBoxFitsCutoff, volume, type Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { SPLINE_STRIDE } from '../potential/spline';
import { EV_PER_A3_TO_BAR } from '../physics/units';
import { findPairs } from './pairs';

/** What one EAM evaluation gives, in LAMMPS metal units and conventions. */
export interface EamResult {
  readonly energy: number;
  /** Per-atom energy (embedding plus half of each pair term), eV, as `compute pe/atom`. */
  readonly peAtom: Float64Array;
  readonly forces: Float64Array;
  /** Per-atom stress × volume, bar·Å³, xx yy zz xy xz yz, as `compute stress/atom NULL` (virial only). */
  readonly stressAtom: Float64Array;
  /** Pressure tensor from the virial, bar, xx yy zz xy xz yz. */
  readonly pressure: readonly number[];
  readonly volume: number;
}

/**
 * Interval index and offset on a uniform table, clamped at the ends as LAMMPS does: beyond the
 * last knot the last cubic is evaluated at p = 1, so values hold and slopes are those at the end.
 */
function knot(x: number, rdx: number, n: number, atLeastOne: boolean): [number, number] {
  let p = x * rdx + 1.0;
  let m = Math.trunc(p);
  m = Math.min(m, n - 1);
  if (atLeastOne) m = Math.max(1, m);
  p -= m;
  p = Math.min(p, 1.0);
  return [(m - 1) * SPLINE_STRIDE, p];
}

const value = (c: Float64Array, k: number, p: number) => ((c[k + 3] * p + c[k + 4]) * p + c[k + 5]) * p + c[k + 6];
const slope = (c: Float64Array, k: number, p: number) => (c[k] * p + c[k + 1]) * p + c[k + 2];

/**
 * The double-precision EAM every GPU kernel is tested against, following LAMMPS's pair_eam
 * arithmetic (half pair list, the same spline evaluation and clamping) so it agrees with LAMMPS
 * to rounding.
 */
export function evaluateEam(tables: EamTables, box: Box, positions: Float64Array, types: Int32Array): EamResult {
  assertBoxFitsCutoff(box, tables.cutoff, 'EAM evaluation');
  const n = types.length;
  const pairs = findPairs(box, positions, tables.cutoff);
  const { nr, nrho, rdr, rdrho, rhomax } = tables;

  const rho = new Float64Array(n);
  const r = new Float64Array(pairs.count);
  for (let q = 0; q < pairs.count; q++) {
    const i = pairs.i[q];
    const j = pairs.j[q];
    r[q] = Math.sqrt(pairs.rsq[q]);
    const [k, p] = knot(r[q], rdr, nr, false);
    rho[i] += value(tables.rhor[types[j]][types[i]], k, p);
    rho[j] += value(tables.rhor[types[i]][types[j]], k, p);
  }

  const fp = new Float64Array(n);
  const peAtom = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [k, p] = knot(rho[i], rdrho, nrho, true);
    const c = tables.frho[types[i]];
    fp[i] = slope(c, k, p);
    let phi = value(c, k, p);
    if (rho[i] > rhomax) phi += fp[i] * (rho[i] - rhomax);
    peAtom[i] = phi;
  }

  const forces = new Float64Array(3 * n);
  const virial = new Float64Array(6 * n);
  for (let q = 0; q < pairs.count; q++) {
    const i = pairs.i[q];
    const j = pairs.j[q];
    const ti = types[i];
    const tj = types[j];
    const [k, p] = knot(r[q], rdr, nr, false);
    const rhoip = slope(tables.rhor[ti][tj], k, p);
    const rhojp = slope(tables.rhor[tj][ti], k, p);
    const z = tables.z2r[ti][tj];
    const z2p = slope(z, k, p);
    const z2 = value(z, k, p);
    const recip = 1.0 / r[q];
    const phi = z2 * recip;
    const phip = z2p * recip - phi * recip;
    const psip = fp[i] * rhojp + fp[j] * rhoip + phip;
    const fpair = -psip * recip;
    const dx = pairs.del[3 * q];
    const dy = pairs.del[3 * q + 1];
    const dz = pairs.del[3 * q + 2];
    forces[3 * i] += dx * fpair;
    forces[3 * i + 1] += dy * fpair;
    forces[3 * i + 2] += dz * fpair;
    forces[3 * j] -= dx * fpair;
    forces[3 * j + 1] -= dy * fpair;
    forces[3 * j + 2] -= dz * fpair;
    peAtom[i] += 0.5 * phi;
    peAtom[j] += 0.5 * phi;
    const v = [dx * dx * fpair, dy * dy * fpair, dz * dz * fpair, dx * dy * fpair, dx * dz * fpair, dy * dz * fpair];
    for (let c = 0; c < 6; c++) {
      virial[6 * i + c] += 0.5 * v[c];
      virial[6 * j + c] += 0.5 * v[c];
    }
  }

  const vol = volume(box);
  const stressAtom = new Float64Array(6 * n);
  const pressure = [0, 0, 0, 0, 0, 0];
  let energy = 0;
  for (let i = 0; i < n; i++) {
    energy += peAtom[i];
    for (let c = 0; c < 6; c++) {
      stressAtom[6 * i + c] = -virial[6 * i + c] * EV_PER_A3_TO_BAR;
      pressure[c] += virial[6 * i + c];
    }
  }
  return {
    energy,
    peAtom,
    forces,
    stressAtom,
    pressure: pressure.map((w) => (w * EV_PER_A3_TO_BAR) / vol),
    volume: vol,
  };
}
