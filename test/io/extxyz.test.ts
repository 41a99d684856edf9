import { describe, expect, it } from 'vitest';
import { atomicMass } from '../../src/system/elements';
import { readExtXyz, writeExtXyz } from '../../src/io/extxyz';
import { parseExtXyzInfo } from '../../src/io/extxyzHeader';
import { readLammpsData } from '../../src/io/lammpsData';
import type { AtomProperty, AtomSystem } from '../../src/system/system';
import { fixture } from './readFixture';

function property(sys: AtomSystem, name: string): AtomProperty {
  const p = sys.properties.find((q) => q.name === name);
  if (!p) throw new Error(`no property ${name}`);
  return p;
}

describe('the extended XYZ comment line', () => {
  it('reads bare, quoted, escaped and bracketed values and flags without a value', () => {
    const info = parseExtXyzInfo(
      'Lattice="1 0 0 0 1 0 0 0 1" name="a \\"quoted\\" word" stress=[1, 2, 3] tags={a b} flag  energy = -1.5',
      'x.xyz',
      2,
    );
    expect([...info.entries]).toEqual([
      ['Lattice', '1 0 0 0 1 0 0 0 1'],
      ['name', 'a "quoted" word'],
      ['stress', '1, 2, 3'],
      ['tags', 'a b'],
      ['flag', 'T'],
      ['energy', '-1.5'],
    ]);
    expect(info.get('lattice')).toBe('1 0 0 0 1 0 0 0 1');
  });

  it('names the line of an unterminated quote', () => {
    expect(() => parseExtXyzInfo('Lattice="1 0 0', 'x.xyz', 2)).toThrow('x.xyz:2: unterminated "..." value in the comment line');
  });
});

describe('readExtXyz', () => {
  it('reads an OVITO-style frame: Origin is the box corner, ids from the id column, extra columns as properties', () => {
    const s = readExtXyz(fixture('io/ovito.extxyz'), 'ovito.extxyz');
    expect(s.natoms).toBe(4);
    expect(s.box).toEqual({ lo: [-6.25, -5.5, -5], lx: 12.5, ly: 11, lz: 10, xy: 0.75, xz: -0.5, yz: 0.25 });
    expect([...s.ids]).toEqual([12, 3, 7, 1]);
    // types in order of first appearance: Zr first
    expect(s.typeNames).toEqual(['Zr', 'Cu']);
    expect([...s.types]).toEqual([0, 1, 1, 0]);
    expect(s.masses).toEqual([91.224, 63.546]);
    expect([...s.positions]).toEqual([-1, 2, 3.5, 0.5, -0.25, 1, 4, 4, -4, 5.875, 5.25, 4.75]);
    expect([...s.images]).toEqual(new Array(12).fill(0));
    expect(s.properties.map((p) => [p.name, p.kind, p.components])).toEqual([
      ['velo', 'real', 3],
      ['c_pe', 'real', 1],
      ['selected', 'bool', 1],
    ]);
    expect([...property(s, 'velo').values]).toEqual([0.1, 0.2, 0.3, -0.01, 0, 0.5, 0, 0, 0, 1, 2, 3]);
    expect([...property(s, 'selected').values]).toEqual([1, 0, 0, 1]);
    expect(s.info.get('Time')).toBe('0.0');
    expect(s.warnings).toEqual([]);
  });

  it('uses the --elements order for types', () => {
    const s = readExtXyz(fixture('io/ovito.extxyz'), 'ovito.extxyz', { elements: ['Cu', 'Zr'] });
    expect(s.typeNames).toEqual(['Cu', 'Zr']);
    expect([...s.types]).toEqual([1, 0, 0, 1]);
    expect(() => readExtXyz(fixture('io/ovito.extxyz'), 'ovito.extxyz', { elements: ['Cu', 'Al'] })).toThrow(
      "ovito.extxyz:3: species 'Zr' is not in --elements (Cu,Al)",
    );
  });

  it('reads the first frame only, numbering atoms 1..N without an id column', () => {
    const s = readExtXyz(fixture('io/ase_two_frames.extxyz'), 'two.extxyz');
    expect(s.natoms).toBe(2);
    expect([...s.ids]).toEqual([1, 2]);
    expect(s.box).toEqual({ lo: [0, 0, 0], lx: 4, ly: 4, lz: 4, xy: 0, xz: 0, yz: 0 });
    expect(s.info.get('energy')).toBe('-7.25');
    expect(s.info.get('comment')).toBe('two atoms, first frame');
    expect([...property(s, 'forces').values]).toEqual([0.1, -0.1, 0, -0.1, 0.1, 0]);
  });

  it('rotates a cell that is not in LAMMPS orientation, with positions and vector columns, and says so', () => {
    // A LAMMPS cell and positions, turned by an arbitrary rotation, must come back unturned.
    const lo = [-1, 2, 0.5];
    const h = [[10, 0, 0], [1, 9, 0], [-0.5, 0.7, 8]];
    const axis = [1, 2, 3].map((v) => v / Math.hypot(1, 2, 3));
    const [c, s] = [Math.cos(0.7), Math.sin(0.7)];
    const R = [0, 1, 2].map((i) =>
      [0, 1, 2].map(
        (j) =>
          (i === j ? c : 0) +
          (1 - c) * axis[i] * axis[j] +
          s * [[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]][i][j],
      ),
    );
    const turn = (v: number[]) => R.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]);
    const frac = [[0.1, 0.2, 0.3], [0.9, 0.5, 0.05], [0.5, 0.5, 0.99]];
    const xyz = frac.map((f) => [0, 1, 2].map((k) => lo[k] + f[0] * h[0][k] + f[1] * h[1][k] + f[2] * h[2][k]));
    const force = [[1, 0, 0], [0, 1, 0], [0.25, -0.5, 2]];
    const text = [
      '3',
      `Lattice="${h.flatMap(turn).join(' ')}" Origin="${turn(lo).join(' ')}" Properties=species:S:1:pos:R:3:force:R:3:q:R:1`,
      ...xyz.map((x, i) => `Cu ${turn(x).join(' ')} ${turn(force[i]).join(' ')} ${i}`),
    ].join('\n');
    const sys = readExtXyz(text, 'turned.extxyz');
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-12);
    const b = sys.box;
    [b.lx, b.xy, b.ly, b.xz, b.yz, b.lz].forEach((v, k) => close(v, [10, 1, 9, -0.5, 0.7, 8][k]));
    b.lo.forEach((v, k) => close(v, lo[k]));
    xyz.flat().forEach((v, k) => close(sys.positions[k], v));
    force.flat().forEach((v, k) => close(property(sys, 'force').values[k] as number, v));
    expect([...property(sys, 'q').values]).toEqual([0, 1, 2]);
    expect(sys.warnings).toEqual([
      "turned.extxyz: the cell is not in LAMMPS's orientation (a along x, b in the xy plane): it was rotated into it, with the positions and force",
    ]);
  });

  it('warns that a non-periodic pbc is read as periodic', () => {
    const text = '1\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3 pbc="T T F"\nCu 0 0 0\n';
    expect(readExtXyz(text, 'slab.xyz').warnings).toEqual([
      'slab.xyz: pbc="T T F", but the cell is treated as periodic in all three directions',
    ]);
  });
});

describe('writeExtXyz', () => {
  it('writes the header OVITO and ASE expect: Lattice rows, Origin, Properties, pbc', () => {
    const sys = readLammpsData(fixture('reference/b2_tri.data'), 'b2_tri.data');
    const lines = writeExtXyz(sys).split('\n');
    expect(lines[0]).toBe('250');
    expect(lines[1]).toBe(
      'Lattice="16.299999999999997 0 0 1.63 16.299999999999997 0 -0.815 1.141 16.299999999999997" Origin="0 0 0" ' +
        'Properties=species:S:1:pos:R:3:id:I:1:type:I:1:velocities:R:3 pbc="T T T"',
    );
    expect(lines[2]).toBe('Cu 17.10058747165747 17.412738368478244 16.192913535583255 1 1 0 0 0');
    expect(lines.length).toBe(253);
  });

  it.each(['b2_tri', 'glass_a'])('%s: data file → extxyz → same atoms, box, types and velocities', (name) => {
    const a = readLammpsData(fixture(`reference/${name}.data`), name);
    const text = writeExtXyz(a);
    const b = readExtXyz(text, 'written.extxyz');
    expect(b.warnings).toEqual([]);
    expect(b.natoms).toBe(a.natoms);
    expect(b.ids).toEqual(a.ids);
    expect(b.types).toEqual(a.types);
    expect(b.positions).toEqual(a.positions);
    expect(b.box).toEqual(a.box);
    expect(b.typeNames).toEqual(a.typeNames);
    expect(b.masses).toEqual([atomicMass('Cu'), atomicMass('Zr')]);
    expect(b.properties).toEqual(a.properties);
    expect(writeExtXyz(b)).toBe(text);
  });

  it('round-trips every kind of property and types whose element is unknown', () => {
    const sys: AtomSystem = {
      natoms: 3,
      ids: new Int32Array([5, 2, 9]),
      types: new Int32Array([2, 1, 0]),
      positions: new Float64Array([0.1, 0.2, 0.3, 1 / 3, 2 / 3, Math.PI, -1e-300, 5e300, 7]),
      images: new Int32Array(9),
      box: { lo: [-1.25, 0, 1e-3], lx: 8, ly: 7.5, lz: 9.25, xy: -0.1, xz: 0.2, yz: -0.3 },
      ntypes: 3,
      typeNames: [null, 'Zr', null],
      masses: [null, 91.224, null],
      properties: [{ name: 'df', components: 1, kind: 'real', values: new Float64Array([0.5, -2.25e-7, 1e10]) }],
    };
    const extra: AtomProperty[] = [
      { name: 'cluster', components: 1, kind: 'int', values: new Int32Array([-1, 0, 42]) },
      { name: 'label', components: 1, kind: 'string', values: ['a', 'bb', 'c_c'] },
      { name: 'trigger', components: 1, kind: 'bool', values: new Int32Array([1, 0, 1]) },
      { name: 'u', components: 3, kind: 'real', values: new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9]) },
    ];
    const text = writeExtXyz(sys, { properties: extra });
    expect(text.split('\n')[2]).toBe('3 0.1 0.2 0.3 5 3 0.5 -1 a T 1 2 3');
    const back = readExtXyz(text, 'kinds.extxyz');
    expect(back.ids).toEqual(sys.ids);
    expect(back.types).toEqual(sys.types);
    expect(back.positions).toEqual(sys.positions);
    expect(back.box).toEqual(sys.box);
    expect(back.ntypes).toBe(3);
    expect(back.typeNames).toEqual([null, 'Zr', null]);
    expect(back.masses).toEqual([null, 91.224, null]);
    expect(back.properties).toEqual([...sys.properties, ...extra]);
  });

  it('refuses property names and values that would break the format', () => {
    const sys = readExtXyz(fixture('io/ase_two_frames.extxyz'), 'two.extxyz');
    const bad = (p: AtomProperty) => () => writeExtXyz(sys, { properties: [p] });
    expect(bad({ name: 'a:b', components: 1, kind: 'real', values: new Float64Array(2) })).toThrow("'a:b' cannot be");
    expect(bad({ name: 'pos', components: 1, kind: 'real', values: new Float64Array(2) })).toThrow("'pos' cannot be");
    expect(bad({ name: 'x', components: 1, kind: 'real', values: new Float64Array(3) })).toThrow('has 3 values, expected 2 × 1');
    expect(bad({ name: 'x', components: 1, kind: 'string', values: ['a b', 'c'] })).toThrow('one with spaces');
    expect(bad({ name: 'forces', components: 1, kind: 'real', values: new Float64Array(2) })).toThrow('two properties are named forces');
  });
});
