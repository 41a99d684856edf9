import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExtXyz } from '../../src/io/extxyz';
import { readLammpsData, requireMasses } from '../../src/io/lammpsData';
import { ParseError } from '../../src/io/parseError';
import { fixture } from './readFixture';

/** Each broken file, the line to blame and what the message must say is wrong there. */
const CASES: readonly (readonly [string, number, string])[] = [
  ['truncated_atoms.data', 21, 'an atom_style atomic Atoms line has 5 columns (id type x y z) or 8 (id type x y z ix iy iz), found 4'],
  ['wrong_atom_count.data', 16, 'the Atoms section has 3 atom lines, but the header declares 4 atoms'],
  ['type_out_of_range.data', 19, 'atom type 3 is outside 1..2 (the header declares 2 atom types)'],
  ['duplicate_id.data', 20, 'atom id 2 appears twice (first on line 19)'],
  ['nan_coordinate.data', 19, "y coordinate 'nan' is not a finite number"],
  ['inf_velocity.data', 24, "vy '1e999' is not a finite number (it is out of the double-precision range)"],
  ['non_numeric_type.data', 18, "atom type 'Cu' is not an integer"],
  ['xhi_below_xlo.data', 7, 'yhi (-5) must be greater than ylo (5)'],
  ['unknown_section.data', 16, "unsupported section 'Pair Coeffs': only Masses, Atoms and Velocities (atom_style atomic) are read"],
  ['bad_tilt.data', 9, "'xy xz yz' needs 3 numbers before it, found 2: '0.5 -0.25 xy xz yz'"],
  ['molecular.data', 5, "'3 bonds': only atom_style atomic data files are read, and they have no bonds"],
  ['missing_atoms_count.data', 10, "the header has no 'N atoms' line"],
  ['charge_style.data', 16, 'the Atoms section is for atom_style charge; only atom_style atomic is read'],
  ['count_mismatch.extxyz', 5, 'line 1 says 3 atoms, but only 2 atom lines follow the comment line'],
  ['count_too_small.extxyz', 5, 'line 1 says 2 atoms, but atom lines continue past that count'],
  ['missing_lattice.extxyz', 2, 'the comment line has no Lattice="ax ay az bx by bz cx cy cz": a periodic cell is needed'],
  ['properties_too_few.extxyz', 3, 'Properties names 4 columns (species:1 pos:3), but this line has 5'],
  ['non_numeric_position.extxyz', 4, "column pos.y 'two' is not a number"],
  ['left_handed.extxyz', 2, 'Lattice: the cell is left-handed ((a × b) · c < 0); LAMMPS cells are right-handed'],
];

function readBroken(name: string): () => void {
  const source = `broken/data/${name}`;
  const text = fixture(source);
  return name.endsWith('.extxyz') ? () => readExtXyz(text, source) : () => readLammpsData(text, source);
}

function caught(f: () => void): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('no error was thrown');
}

describe('broken input files', () => {
  it.each(CASES)('%s: names the file, line %i and the problem', (name, line, problem) => {
    const e = caught(readBroken(name));
    expect(e.message).toBe(`broken/data/${name}:${line}: ${problem}`);
    expect(e.source).toBe(`broken/data/${name}`);
    expect(e.line).toBe(line);
  });

  it('missing_masses.data reads, but requireMasses names the file, the type and the remedy', () => {
    const source = 'broken/data/missing_masses.data';
    const sys = readLammpsData(fixture(source), source);
    expect(sys.masses).toEqual([null, null]);
    // a missing section has no line to point at
    expect(() => requireMasses(sys, source)).toThrow(
      `${source}: atom type 1 has no mass: add a Masses section or pass --elements`,
    );
    expect(() => requireMasses(readLammpsData(fixture(source), source, { elements: ['Cu', 'Zr'] }), source)).not.toThrow();
  });

  it('every file in the corpus has a case', () => {
    const covered = new Set([...CASES.map((c) => c[0]), 'missing_masses.data']);
    const files = readdirSync(new URL('../fixtures/broken/data/', import.meta.url));
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });
});
