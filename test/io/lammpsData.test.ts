import { describe, expect, it } from 'vitest';
import type { AtomSystem } from '../../src/system/system';
import { readLammpsData, requireMasses, VELOCITIES, writeLammpsData } from '../../src/io/lammpsData';
import { fixture, naiveAtoms } from './readFixture';

const REFERENCE_DATA = ['b2_ortho', 'b2_tri', 'glass_a', 'glass_a_perturbed', 'glass_a_jiggled'];

function read(name: string, elements?: string[]): AtomSystem {
  return readLammpsData(fixture(name), name, elements ? { elements } : {});
}

function velocities(sys: AtomSystem): Float64Array {
  const v = sys.properties.find((p) => p.name === VELOCITIES);
  if (!v || !(v.values instanceof Float64Array)) throw new Error('no velocities');
  return v.values;
}

describe('readLammpsData on the LAMMPS reference files', () => {
  it('reads b2_ortho: counts, box, masses and elements', () => {
    const s = read('reference/b2_ortho.data');
    expect(s.natoms).toBe(250);
    expect(s.ntypes).toBe(2);
    expect(s.box).toEqual({ lo: [0, 0, 0], lx: 16.299999999999997, ly: 16.299999999999997, lz: 16.299999999999997, xy: 0, xz: 0, yz: 0 });
    expect(s.masses).toEqual([63.546, 91.224]);
    expect(s.typeNames).toEqual(['Cu', 'Zr']);
    // write_data always writes Velocities; this sample was never given any
    expect(velocities(s).every((v) => v === 0)).toBe(true);
  });

  it('reads b2_tri: tilts, image flags and atoms outside the box', () => {
    const s = read('reference/b2_tri.data');
    expect(s.box).toEqual({ lo: [0, 0, 0], lx: 16.299999999999997, ly: 16.299999999999997, lz: 16.299999999999997, xy: 1.63, xz: -0.815, yz: 1.141 });
    // line `1 1 17.10058747165747 17.412738368478244 16.192913535583255 -1 -1 -1`
    expect(s.ids[0]).toBe(1);
    expect(s.types[0]).toBe(0);
    expect([...s.positions.slice(0, 3)]).toEqual([17.10058747165747, 17.412738368478244, 16.192913535583255]);
    expect([...s.images.slice(0, 3)]).toEqual([-1, -1, -1]);
    // line `3 1 4.909428716582216 16.188862375536168 0.00705733860705856 0 -1 0`
    expect([...s.images.slice(6, 9)]).toEqual([0, -1, 0]);
    expect(s.types[1]).toBe(1);
    let flagged = 0;
    for (let i = 0; i < s.natoms; i++) if (s.images[3 * i] || s.images[3 * i + 1] || s.images[3 * i + 2]) flagged++;
    expect(flagged).toBe(38);
  });

  it('reads glass_a: rounded masses give Cu and Zr, the tilted box and the Velocities section', () => {
    const s = read('reference/glass_a.data');
    expect(s.natoms).toBe(2000);
    expect(s.masses).toEqual([63.55, 91.22]);
    expect(s.typeNames).toEqual(['Cu', 'Zr']);
    expect(s.box.lo).toEqual([-0.09875473945463495, 0.02996570936380374, -0.05096309632737613]);
    expect(s.box.lx).toBe(32.69875473945448 - -0.09875473945463495);
    expect(s.box.ly).toBe(32.570034290636066 - 0.02996570936380374);
    expect(s.box.lz).toBe(32.65096309632742 - -0.05096309632737613);
    expect([s.box.xy, s.box.xz, s.box.yz]).toEqual([0.16398183136858638, -0.14589720080181623, 0.05053376477011529]);
    const v = velocities(s);
    expect(v.length).toBe(6000);
    expect([...v.slice(0, 3)]).toEqual([-0.294298961653425, 0.7821593821477019, 0.32403485305101626]);
    expect([...v.slice(5997)]).toEqual([0.3334676192427595, -0.4648500385600002, 1.163661978642027]);
  });

  it.each(REFERENCE_DATA)('%s: every atom line matches a naive parse, ids sorted', (name) => {
    const text = fixture(`reference/${name}.data`);
    const s = readLammpsData(text, name);
    const rows = naiveAtoms(text).sort((a, b) => a[0] - b[0]);
    expect(rows.length).toBe(s.natoms);
    rows.forEach((r, i) => {
      expect(s.ids[i]).toBe(r[0]);
      expect(s.types[i]).toBe(r[1] - 1);
      expect([...s.positions.slice(3 * i, 3 * i + 3)]).toEqual(r.slice(2, 5));
      expect([...s.images.slice(3 * i, 3 * i + 3)]).toEqual(r.slice(5, 8));
    });
    for (let i = 1; i < s.natoms; i++) expect(s.ids[i]).toBeGreaterThan(s.ids[i - 1]);
  });

  it.each(REFERENCE_DATA)('%s: read → write → read gives identical numbers', (name) => {
    const a = read(`reference/${name}.data`);
    const b = readLammpsData(writeLammpsData(a), 'written');
    expect(b).toEqual(a);
    // and writing again is byte-for-byte stable
    expect(writeLammpsData(b)).toBe(writeLammpsData(a));
  });
});

describe('readLammpsData on hand-made files', () => {
  it('sorts atoms by id, carrying types, positions, images and velocities along', () => {
    const s = read('io/shuffled.data');
    expect(s.natoms).toBe(5);
    expect(s.ntypes).toBe(3);
    expect([...s.ids]).toEqual([3, 7, 12, 40, 100]);
    expect([...s.types]).toEqual([0, 0, 2, 1, 1]);
    expect([...s.positions]).toEqual([0.1, 0.2, 3.3, 4.5, 5.5, 6.5, -2, 9.75, 12, 1, 2, 3, 8, 0.001, 2.5]);
    expect([...s.images]).toEqual([0, 0, 0, 1, -1, 2, -1, 0, 0, 0, 0, 0, 0, 0, -1]);
    expect([...velocities(s)]).toEqual([1, 2, 3, 7, 8, 9, 0.3, 0, -0.3, 0.5, 0.25, 0.125, -1, -2, -3]);
    expect(s.box).toEqual({ lo: [-1.5, 0, 2], lx: 10, ly: 10, lz: 10.25, xy: 0.5, xz: -0.25, yz: 0.125 });
    expect(s.masses).toEqual([63.546, 91.224, 26.9815385]);
    expect(s.typeNames).toEqual(['Cu', 'Zr', 'Al']);
  });

  it('leaves the element null when the mass is no standard weight within 0.1 and no comment names one', () => {
    const s = read('io/odd_masses.data');
    expect(s.masses).toEqual([50, 63.4]);
    expect(s.typeNames).toEqual([null, null]);
  });

  it('takes elements from --elements, which also supplies missing masses', () => {
    const bare = read('io/no_masses.data');
    expect(bare.masses).toEqual([null, null]);
    expect(bare.typeNames).toEqual([null, null]);
    expect(() => requireMasses(bare, 'no_masses.data')).toThrow(
      'no_masses.data: atom type 1 has no mass: add a Masses section or pass --elements',
    );
    const named = read('io/no_masses.data', ['Cu', 'Zr']);
    expect(named.typeNames).toEqual(['Cu', 'Zr']);
    expect(named.masses).toEqual([63.546, 91.224]);
    expect(() => requireMasses(named, 'no_masses.data')).not.toThrow();
  });

  it('keeps the file masses with --elements, and catches an --elements list in the wrong order', () => {
    const s = read('reference/glass_a.data', ['Cu', 'Zr']);
    expect(s.masses).toEqual([63.55, 91.22]);
    expect(s.typeNames).toEqual(['Cu', 'Zr']);
    expect(() => read('reference/glass_a.data', ['Zr', 'Cu'])).toThrow(
      'reference/glass_a.data:13: atom type 1 has mass 63.55, the mass of Cu, but --elements makes it Zr: check the order of --elements',
    );
  });

  it('rejects an --elements list of the wrong length or with an unknown symbol', () => {
    expect(() => read('reference/b2_ortho.data', ['Cu'])).toThrow(
      'reference/b2_ortho.data:4: --elements names 1 element (Cu), but the header declares 2 atom types',
    );
    expect(() => read('io/no_masses.data', ['Cu', 'Xx'])).toThrow("io/no_masses.data: --elements: unknown element 'Xx'");
    expect(() => read('io/no_masses.data', ['Cu', 'zr'])).toThrow('did you mean Zr?');
  });

  it('ignores zero molecular counts but rejects non-zero ones', () => {
    const text = fixture('io/shuffled.data');
    expect(() => readLammpsData(text.replace('0 bonds', '4 bonds'), 'x.data')).toThrow(
      "x.data:5: '4 bonds': only atom_style atomic data files are read, and they have no bonds",
    );
  });

  it.each([
    ['7 7 8 9', '8 7 8 9', "x.data:33: a velocity for atom id 8, which the Atoms section does not have"],
    ['7 7 8 9', '3 7 8 9', 'x.data:33: atom id 3 has a second velocity (the first is on line 30)'],
    ['7 7 8 9', '7 7 8', 'x.data:33: a Velocities line has 4 columns (id vx vy vz), found 3'],
    ['2 91.224 # Zr', '', 'x.data:13: the Masses section has 2 lines, but the header declares 3 atom types'],
    ['2 91.224 # Zr', '2 -91.224', 'x.data:17: the mass of atom type 2 must be positive, found -91.224'],
    ['3 atom types', '3 atom types\n2 atom types', "x.data:5: a second 'atom types' line (the first is on line 4)"],
    ['0 bond types', '0 widgets', "x.data:6: unrecognised header line '0 widgets'"],
    ['0 bond types', '1 2 3 avec', "x.data:6: general triclinic boxes ('avec') are not supported"],
    ['Velocities', 'Atoms', 'x.data:27: a second Atoms section (the first is on line 19)'],
    ['40 2 1.0', '0 2 1.0', 'x.data:21: atom id 0 must be positive'],
    ['7 1 4.5 5.5 6.5 1 -1 2', '7 1 4.5 5.5 6.5 1 -1 2.5', "x.data:22: iz '2.5' is not an integer"],
  ])('reports %s → %s as %s', (from, to, message) => {
    const text = fixture('io/shuffled.data').replace(from, to);
    expect(() => readLammpsData(text, 'x.data')).toThrow(message);
  });

  it('defaults the tilts to zero when there is no xy xz yz line', () => {
    const s = read('io/no_masses.data');
    expect(s.box).toEqual({ lo: [0, 0, 0], lx: 5, ly: 5, lz: 5, xy: 0, xz: 0, yz: 0 });
  });
});

describe('writeLammpsData', () => {
  it('writes the write_data layout: header, tilt line always, Masses with elements, Atoms # atomic with images', () => {
    const still = { ...read('reference/b2_ortho.data'), properties: [] };
    const text = writeLammpsData(still, { comment: 'test\nfile' });
    const lines = text.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      'test file',
      '',
      '250 atoms',
      '2 atom types',
      '',
      '0 16.299999999999997 xlo xhi',
      '0 16.299999999999997 ylo yhi',
      '0 16.299999999999997 zlo zhi',
      '0 0 0 xy xz yz',
    ]);
    expect(lines.slice(9, 17)).toEqual(['', 'Masses', '', '1 63.546 # Cu', '2 91.224 # Zr', '', 'Atoms # atomic', '']);
    expect(lines[17]).toMatch(/^1 1 \S+ \S+ \S+ -?\d+ -?\d+ -?\d+$/);
    expect(text).not.toContain('Velocities');
  });

  it('writes Velocities by id and omits Masses when none is known', () => {
    const text = writeLammpsData(read('io/no_masses.data'));
    expect(text).not.toContain('Masses');
    const shuffled = writeLammpsData(read('io/shuffled.data'));
    expect(shuffled).toContain('\nVelocities\n\n3 1 2 3\n7 7 8 9\n12 0.3 0 -0.3\n');
  });

  it('refuses a partial mass table, which read_data could not read', () => {
    const s = read('io/no_masses.data');
    expect(() => writeLammpsData({ ...s, masses: [63.546, null] })).toThrow('atom type 2 has no mass');
  });
});
