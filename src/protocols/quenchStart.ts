import { seededRandom } from '../engine/velocities';
import { crystal } from '../system/lattice';
import type { AtomSystem } from '../system/system';

// The quench's starting crystal, apart from the MD so the page can size a quench without the engine.

/** The quench's atom types, in order: a potential is bound to them as `pair_coeff * * FILE Cu Zr`. */
export const QUENCH_ELEMENTS = ['Cu', 'Zr'] as const;

/** The quench's elements a potential lacks. */
export function missingQuenchElements(potentialElements: readonly string[]): string[] {
  return QUENCH_ELEMENTS.filter((e) => !potentialElements.includes(e));
}

// Atomic volumes (Å³) of fcc Cu and hcp Zr: the starting bcc lattice follows the mixture's.
const VOLUME_CU = 11.81;
const VOLUME_ZR = 23.27;
/** B2 CuZr start as LAMMPS's quench.in: a = 3.26 Å. */
const B2_A = 3.26;

function latticeConstant(cu: number): number {
  const v = cu * VOLUME_CU + (1 - cu) * VOLUME_ZR;
  return B2_A * Math.cbrt(v / (0.5 * (VOLUME_CU + VOLUME_ZR)));
}

/**
 * The engine needs boxes wider than twice the cutoff, and relaxing the cell after the quench can
 * narrow a small glass's box: 4³ B2 cells, 13.04 Å wide at the start, ended 12.90 Å wide, below
 * the Cheng–Ma–Sheng potential's 13 Å, after all the MD. So the start keeps this much to spare.
 */
const CELL_RELAX_MARGIN = 1.05;

/** The fewest bcc cells per side whose quench can relax its cell with a potential of this cutoff. */
export function fewestQuenchCells(cutoff: number, cu: number): number {
  return Math.floor((2 * cutoff * CELL_RELAX_MARGIN) / latticeConstant(cu)) + 1;
}

/** The starting crystal: B2 CuZr, or bcc with Cu placed at random for other compositions. */
export function quenchStart(cells: number, cu: number, seed: number, masses: readonly number[]): AtomSystem {
  if (!(cu >= 0 && cu <= 1)) throw new Error(`the Cu fraction must be between 0 and 1, got ${cu}`);
  const a = latticeConstant(cu);
  const base = { kind: cu === 0.5 ? ('b2' as const) : ('bcc' as const), a, cells: [cells, cells, cells] as const, elements: [...QUENCH_ELEMENTS], masses: [...masses], sublatticeTypes: [0, 1] };
  const sys = crystal(base);
  if (cu === 0.5) return sys;
  // Exactly round(cu·N) Cu atoms, chosen by a seeded shuffle.
  const n = sys.natoms;
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(seed ^ 0x5bd1e995);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const types = new Int32Array(n).fill(1);
  for (let k = 0; k < Math.round(cu * n); k++) types[order[k]] = 0;
  return { ...sys, types };
}
