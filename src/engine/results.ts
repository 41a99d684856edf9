import { volume, type Box } from '../system/box';
import { EV_PER_A3_TO_BAR } from '../physics/units';
import type { EamResult } from '../oracle/eam64';
import type { ReplicaTotals } from '../gpu/layouts';
import type { AtomOutputs } from './forceEngine';

/**
 * One replica's GPU outputs in the oracle's form. Per-atom values are the GPU's f32 numbers; the
 * totals are summed here in f64, which keeps the energy of a 10⁴ eV system to its last f32 digits.
 */
export function toEamResult(atoms: AtomOutputs, box: Box): EamResult {
  const n = atoms.forces.length / 4;
  const peAtom = new Float64Array(n);
  const forces = new Float64Array(3 * n);
  const stressAtom = new Float64Array(6 * n);
  const virial = [0, 0, 0, 0, 0, 0];
  let energy = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) forces[3 * i + c] = atoms.forces[4 * i + c];
    peAtom[i] = atoms.forces[4 * i + 3];
    energy += peAtom[i];
    for (let c = 0; c < 6; c++) {
      const w = atoms.virial[8 * i + c];
      virial[c] += w;
      stressAtom[6 * i + c] = -w * EV_PER_A3_TO_BAR;
    }
  }
  const vol = volume(box);
  return { energy, peAtom, forces, stressAtom, pressure: virial.map((w) => (w * EV_PER_A3_TO_BAR) / vol), volume: vol };
}

/** Pressure tensor (bar, xx yy zz xy xz yz) from a replica's GPU-reduced virial. */
export function totalsPressure(totals: ReplicaTotals, box: Box): number[] {
  const vol = volume(box);
  return totals.virial.map((w) => (w * EV_PER_A3_TO_BAR) / vol);
}

/** How far a GPU evaluation is from a reference (the f64 oracle or LAMMPS), in the units users read. */
export interface Accuracy {
  /** Largest force component difference, eV/Å. */
  readonly force: number;
  /** Largest per-atom energy difference, eV. */
  readonly atomEnergy: number;
  /** Energy per atom difference from the GPU reduction, eV. */
  readonly energyPerAtom: number;
  /** Largest pressure component difference from the GPU reduction, bar. */
  readonly pressure: number;
  /** Largest per-atom stress component difference, bar·Å³. */
  readonly atomStress: number;
}

export function accuracy(gpu: EamResult, totals: ReplicaTotals, box: Box, ref: EamResult): Accuracy {
  const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let m = 0;
    for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
    return m;
  };
  const n = gpu.peAtom.length;
  return {
    force: maxDiff(gpu.forces, ref.forces),
    atomEnergy: maxDiff(gpu.peAtom, ref.peAtom),
    energyPerAtom: Math.abs(totals.energy - ref.energy) / n,
    pressure: maxDiff(totalsPressure(totals, box), ref.pressure),
    atomStress: maxDiff(gpu.stressAtom, ref.stressAtom),
  };
}

