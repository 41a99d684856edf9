import type { LammpsDumpFrame } from '../../src/io/dump';
import type { AtomSystem } from '../../src/system/system';
import { EV_PER_A3_TO_BAR } from '../../src/physics/units';

// Browser-safe (no Node APIs): the e2e engine check page uses it as well as the Node tests.

/** Dump column as a per-atom array, in the dump's (id-sorted) order. */
export function column(dump: LammpsDumpFrame, name: string): Float64Array {
  const c = dump.data.get(name);
  if (!c) throw new Error(`dump has no column ${name}`);
  return c;
}

/** LAMMPS metal mvv2e: g/mol · (Å/ps)² → eV. */
const MVV2E = 1.0364269e-4;

/**
 * Per-atom kinetic stress × volume (bar·Å³, xx yy zz xy xz yz), −m v⊗v, from the system's
 * velocities (zeros if it has none) and each element's mass as the potential file gives it.
 */
export function kineticStress(system: AtomSystem, massByElement: (readonly [string, number])[]): Float64Array {
  const out = new Float64Array(6 * system.natoms);
  const v = system.properties.find((p) => p.name === 'velocities')?.values as Float64Array | undefined;
  if (!v) return out;
  // pair_coeff gives each type the potential file's mass, which is what LAMMPS used.
  const masses = system.typeNames.map((el) => new Map(massByElement).get(el ?? '') ?? NaN);
  for (let i = 0; i < system.natoms; i++) {
    const m = masses[system.types[i]] * MVV2E * EV_PER_A3_TO_BAR;
    const [x, y, z] = [v[3 * i], v[3 * i + 1], v[3 * i + 2]];
    [x * x, y * y, z * z, x * y, x * z, y * z].forEach((vv, c) => (out[6 * i + c] = -m * vv));
  }
  return out;
}

/** What virialReference needs of a LAMMPS single-point reference. */
export interface KineticReference {
  readonly system: { readonly natoms: number };
  readonly dump: LammpsDumpFrame;
  /** From kineticStress. */
  readonly kineticStress: Float64Array;
  /** LAMMPS pressure in bar, xx yy zz xy xz yz, kinetic term included. */
  readonly pressure: readonly number[];
  readonly volume: number;
}

/** The reference's virial-only per-atom stress and pressure, for comparison with the engine. */
export function virialReference(ref: KineticReference): { stressAtom: Float64Array; pressure: number[] } {
  const n = ref.system.natoms;
  const stressAtom = new Float64Array(6 * n);
  const kinetic = [0, 0, 0, 0, 0, 0];
  for (let c = 0; c < 6; c++) {
    const col = column(ref.dump, `c_sa[${c + 1}]`);
    for (let i = 0; i < n; i++) {
      stressAtom[6 * i + c] = col[i] - ref.kineticStress[6 * i + c];
      kinetic[c] -= ref.kineticStress[6 * i + c];
    }
  }
  return { stressAtom, pressure: ref.pressure.map((p, c) => p - kinetic[c] / ref.volume) };
}
