import { evaluateEam } from '../oracle/eam64';
import type { EamTables } from '../potential/tables';
import { volume, type Box } from '../system/box';
import { BAR_TO_MPA } from '../physics/units';
import type { Configuration } from '../protocols/aqs';

/**
 * Per-atom stress tensors, MPa, xx yy zz xy xz yz, from LAMMPS-style stress × volume (bar·Å³, as
 * evaluateEam's stressAtom). Each atom is given the mean atomic volume V/N: per-atom volumes
 * (Voronoi) are not unique in a glass, and with V/N the atoms' stresses average exactly to the
 * cell's stress, −pressure.
 */
export function atomicStress(stressAtom: Float64Array, box: Box): Float64Array {
  if (stressAtom.length === 0 || stressAtom.length % 6 !== 0) {
    throw new Error(`per-atom stress must have 6 components per atom (xx yy zz xy xz yz), got ${stressAtom.length} values`);
  }
  const perAtomVolume = volume(box) / (stressAtom.length / 6);
  if (!(perAtomVolume > 0)) throw new Error(`the cell volume must be positive, got ${volume(box)} Å³`);
  return stressAtom.map((s) => (s / perAtomVolume) * BAR_TO_MPA);
}

/**
 * Atomic von Mises stress, MPa, √(½[(σxx−σyy)² + (σyy−σzz)² + (σzz−σxx)²] + 3(σxy² + σxz² + σyz²)),
 * of the per-atom stresses of atomicStress (mean atomic volume V/N).
 */
export function vonMisesStress(stressAtom: Float64Array, box: Box): Float64Array {
  const s = atomicStress(stressAtom, box);
  const out = new Float64Array(s.length / 6);
  for (let i = 0; i < out.length; i++) {
    const [xx, yy, zz, xy, xz, yz] = s.subarray(6 * i, 6 * i + 6);
    out[i] = Math.sqrt(0.5 * ((xx - yy) ** 2 + (yy - zz) ** 2 + (zz - xx) ** 2) + 3 * (xy * xy + xz * xz + yz * yz));
  }
  return out;
}

/**
 * Atomic von Mises stress of two states of the same atoms (the pre-event state carried affinely
 * into the strained cell, and the state relaxed there), MPa, and its change after − before.
 */
export function vonMisesChange(
  tables: EamTables,
  types: Int32Array,
  before: Configuration,
  after: Configuration,
): { before: Float64Array; after: Float64Array; change: Float64Array } {
  const vm = (name: string, c: Configuration) => {
    if (c.positions.length !== 3 * types.length) {
      throw new Error(`von Mises stress: the ${name} state has ${c.positions.length / 3} atoms but there are ${types.length} types`);
    }
    return vonMisesStress(evaluateEam(tables, c.box, c.positions, types).stressAtom, c.box);
  };
  const b = vm('before', before);
  const a = vm('after', after);
  return { before: b, after: a, change: a.map((v, i) => v - b[i]) };
}
