import type { Box } from './box';

/** A per-atom column carried along with a configuration (extended XYZ extras, analysis results). */
export interface AtomProperty {
  readonly name: string;
  /** 1 for scalars, 3 for vectors; values are stored atom-major. */
  readonly components: number;
  readonly kind: 'real' | 'int' | 'string' | 'bool';
  readonly values: Float64Array | Int32Array | string[];
}

/**
 * One atomic configuration: what a LAMMPS data file or an extended XYZ frame holds.
 * Types are 0-based indices into `typeNames`/`masses`; LAMMPS type t is index t − 1.
 */
export interface AtomSystem {
  readonly natoms: number;
  /** Atom ids as in the file (LAMMPS ids), in storage order. */
  readonly ids: Int32Array;
  readonly types: Int32Array;
  /** Cartesian positions, Å, atom-major x y z. */
  readonly positions: Float64Array;
  /** Periodic image counts, atom-major, as in LAMMPS data files; zeros where the file had none. */
  readonly images: Int32Array;
  readonly box: Box;
  /** Number of atom types; may exceed the largest type present. */
  readonly ntypes: number;
  /** Element symbol per type, or null where the file does not say. */
  readonly typeNames: readonly (string | null)[];
  /** Mass per type in g/mol, or null where the file does not say. */
  readonly masses: readonly (number | null)[];
  readonly properties: readonly AtomProperty[];
}

export function withPositions(sys: AtomSystem, positions: Float64Array, box: Box = sys.box): AtomSystem {
  if (positions.length !== sys.natoms * 3) {
    throw new Error(`expected ${sys.natoms * 3} coordinates, got ${positions.length}`);
  }
  return { ...sys, positions, box };
}
