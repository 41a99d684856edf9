import type { Box } from './box';
import type { AtomSystem } from './system';

export type LatticeKind = 'fcc' | 'bcc' | 'b2';

// Basis in units of the cubic lattice constant, and which sublattice each site is on.
const BASES: Record<LatticeKind, { sites: readonly (readonly [number, number, number])[]; sublattice: readonly number[] }> = {
  fcc: { sites: [[0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]], sublattice: [0, 0, 0, 0] },
  bcc: { sites: [[0, 0, 0], [0.5, 0.5, 0.5]], sublattice: [0, 0] },
  b2: { sites: [[0, 0, 0], [0.5, 0.5, 0.5]], sublattice: [0, 1] },
};

export interface CrystalOptions {
  readonly kind: LatticeKind;
  /** Cubic lattice constant, Å. */
  readonly a: number;
  readonly cells: readonly [number, number, number];
  /** Element of each type, in type order (LAMMPS type 1 first). */
  readonly elements: readonly string[];
  readonly masses: readonly number[];
  /** Type of each sublattice site (B2: corner, centre); defaults to type 0. */
  readonly sublatticeTypes?: readonly number[];
}

/** A perfect cubic crystal in an orthogonal periodic cell, atoms numbered 1..N. */
export function crystal(o: CrystalOptions): AtomSystem {
  const basis = BASES[o.kind];
  const [nx, ny, nz] = o.cells;
  if (![nx, ny, nz].every((n) => Number.isInteger(n) && n >= 1)) throw new Error(`cell counts must be positive integers, got ${o.cells.join('×')}`);
  if (!(o.a > 0)) throw new Error(`the lattice constant must be positive, got ${o.a}`);
  const n = nx * ny * nz * basis.sites.length;
  const positions = new Float64Array(3 * n);
  const types = new Int32Array(n);
  let k = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        basis.sites.forEach(([bx, by, bz], s) => {
          positions.set([(x + bx) * o.a, (y + by) * o.a, (z + bz) * o.a], 3 * k);
          types[k] = o.sublatticeTypes?.[basis.sublattice[s]] ?? 0;
          k++;
        });
      }
    }
  }
  const box: Box = { lo: [0, 0, 0], lx: nx * o.a, ly: ny * o.a, lz: nz * o.a, xy: 0, xz: 0, yz: 0 };
  return {
    natoms: n,
    ids: Int32Array.from({ length: n }, (_, i) => i + 1),
    types,
    positions,
    images: new Int32Array(3 * n),
    box,
    ntypes: o.elements.length,
    typeNames: [...o.elements],
    masses: [...o.masses],
    properties: [],
  };
}
