import { readFileSync } from 'node:fs';
import { readLammpsData } from '../../src/io/lammpsData';
import { readLammpsDump, type LammpsDumpFrame } from '../../src/io/dump';
import { readPotential } from '../../src/potential/read';
import { readFuncfl } from '../../src/potential/funcfl';
import { bindPotential, type EamTables } from '../../src/potential/tables';
import type { EamPotential } from '../../src/potential/eam';
import type { AtomSystem } from '../../src/system/system';
import { kineticStress } from './kinetic';

// The pure parts live in kinetic.ts so the browser engine check (e2e/) can use them too.
export { column, virialReference } from './kinetic';

const FIXTURES = new URL('../fixtures/', import.meta.url);

export function fixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/** Potentials of ../shared/reference, named as in its file names. */
export const POTENTIALS: Record<string, () => EamPotential> = {
  sheng: () => readPotential(fixtureText('potentials/ZrCu.lammps.eam'), 'ZrCu.lammps.eam'),
  mendelev: () => readPotential(fixtureText('potentials/CuZr_mm.eam.fs'), 'CuZr_mm.eam.fs'),
  u3: () =>
    readFuncfl(['Cu_u3.eam', 'Ni_u3.eam'].map((f) => ({ text: fixtureText(`potentials/${f}`), source: f }))),
};

export interface ReferenceCase {
  readonly name: string;
  /**
   * Per-atom kinetic stress × volume (bar·Å³, xx yy zz xy xz yz): the reference data files carry
   * velocities, and LAMMPS's stress/atom and pressure include −m v⊗v, which the engine (virial
   * only, T = 0) leaves out. Subtract it from the reference to compare.
   */
  readonly kineticStress: Float64Array;
  readonly system: AtomSystem;
  readonly tables: EamTables;
  readonly dump: LammpsDumpFrame;
  readonly energy: number;
  /** LAMMPS pressure in bar, reordered to xx yy zz xy xz yz. */
  readonly pressure: readonly number[];
  readonly volume: number;
}

/** A LAMMPS single-point result: `dir/CONFIG__POT.dump` and `.txt` beside `dir/CONFIG.data`. */
export function referenceCase(dir: string, config: string, potential: string): ReferenceCase {
  const system = readLammpsData(fixtureText(`${dir}/${config}.data`), `${config}.data`);
  const pot = POTENTIALS[potential]();
  const elements = system.typeNames.map((e) => e ?? '?');
  const txt = fixtureText(`${dir}/${config}__${potential}.txt`);
  const field = (key: string) => {
    const line = txt.split('\n').find((l) => l.startsWith(key));
    if (!line) throw new Error(`${key} missing in ${config}__${potential}.txt`);
    return line.trim().split(/\s+/).slice(1).map(Number);
  };
  const [xx, yy, zz, yz, xz, xy] = field('pressure_bar');
  return {
    name: `${config} / ${potential}`,
    kineticStress: kineticStress(system, pot.masses.map((m, e) => [pot.elements[e], m])),
    system,
    tables: bindPotential(pot, elements),
    dump: readLammpsDump(fixtureText(`${dir}/${config}__${potential}.dump`), `${config}__${potential}.dump`),
    energy: field('energy_eV')[0],
    pressure: [xx, yy, zz, xy, xz, yz],
    volume: field('volume_A3')[0],
  };
}

export const SHARED_CASES: readonly (readonly [string, string])[] = [
  ['b2_ortho', 'sheng'],
  ['b2_ortho', 'mendelev'],
  ['b2_tri', 'sheng'],
  ['b2_tri', 'mendelev'],
  ['glass_a', 'sheng'],
  ['glass_a', 'mendelev'],
  ['glass_a_perturbed', 'sheng'],
  ['glass_a_perturbed', 'mendelev'],
];

export const FUNCFL_CASES: readonly (readonly [string, string])[] = [
  ['cu_fcc', 'u3'],
  ['cuni_fcc', 'u3'],
];
