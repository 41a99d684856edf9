import { describe, expect, it } from 'vitest';
import { formatE, formatG } from '../../src/io/cFormat';
import { readLammpsDump, writeLammpsDump } from '../../src/io/dump';
import { readLammpsData } from '../../src/io/lammpsData';
import type { Box } from '../../src/system/box';
import { fixture } from './readFixture';

const CONFIGS = ['b2_ortho', 'b2_tri', 'glass_a', 'glass_a_perturbed'];
const POTENTIALS = ['sheng', 'mendelev'];
const DUMPS = CONFIGS.flatMap((c) => POTENTIALS.map((p) => `${c}__${p}`));

function column(frame: ReturnType<typeof readLammpsDump>, name: string): Float64Array {
  const c = frame.data.get(name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

function expectBoxClose(a: Box, b: Box, tol: number): void {
  for (let k = 0; k < 3; k++) expect(Math.abs(a.lo[k] - b.lo[k])).toBeLessThan(tol);
  for (const key of ['lx', 'ly', 'lz', 'xy', 'xz', 'yz'] as const) expect(Math.abs(a[key] - b[key])).toBeLessThan(tol);
}

describe('formatG (C %.12g)', () => {
  it.each([
    [0.000123456789012, '0.000123456789012'],
    [1e-5, '1e-05'],
    [123456789012345, '1.23456789012e+14'],
    [-0.5, '-0.5'],
    [0, '0'],
    [1, '1'],
    [100000, '100000'],
    [999999999999, '999999999999'],
    [1e12, '1e+12'],
    [9999999999999, '1e+13'],
    [0.0001, '0.0001'],
    [17.10058747165747, '17.1005874717'],
    [-0.08052560387309, '-0.0805256038731'],
    [1.5e300, '1.5e+300'],
    [-2.5e-123, '-2.5e-123'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
  ])('%s → %s', (x, s) => {
    expect(formatG(x, 12)).toBe(s);
  });

  it('honours other precisions like printf', () => {
    expect(formatG(Math.PI, 6)).toBe('3.14159');
    expect(formatG(123456789, 6)).toBe('1.23457e+08');
    expect(formatG(0.00001234, 3)).toBe('1.23e-05');
    expect(formatG(99.99, 3)).toBe('100');
  });

  it('formats %.16e as LAMMPS writes box bounds', () => {
    expect(formatE(-0.815, 16)).toBe('-8.1499999999999995e-01');
    expect(formatE(0, 16)).toBe('0.0000000000000000e+00');
    expect(formatE(16.299999999999997, 16)).toBe('1.6299999999999997e+01');
  });
});

describe('readLammpsDump', () => {
  it('reads b2_tri__sheng: the box matches b2_tri.data, the values the file', () => {
    const frame = readLammpsDump(fixture('reference/b2_tri__sheng.dump'), 'b2_tri__sheng.dump');
    const data = readLammpsData(fixture('reference/b2_tri.data'), 'b2_tri.data');
    expect(frame.timestep).toBe(0);
    expect(frame.natoms).toBe(250);
    expect(frame.boundary).toEqual(['pp', 'pp', 'pp']);
    expect(frame.columns).toEqual(['id', 'type', 'x', 'y', 'z', 'fx', 'fy', 'fz', 'c_pea', ...[1, 2, 3, 4, 5, 6].map((k) => `c_sa[${k}]`)]);
    expectBoxClose(frame.box, data.box, 1e-12);
    expect(column(frame, 'id')[0]).toBe(1);
    expect(column(frame, 'x')[0]).toBe(17.1005874717);
    expect(column(frame, 'fx')[0]).toBe(-0.0805256038731);
    expect(column(frame, 'c_pea')[0]).toBe(-3.63887696861);
    expect(column(frame, 'c_sa[6]')[249]).toBe(798621.421153);
    const x = column(frame, 'x');
    const type = column(frame, 'type');
    for (let i = 0; i < 250; i++) {
      expect(column(frame, 'id')[i]).toBe(data.ids[i]);
      expect(type[i]).toBe(data.types[i] + 1);
      // the dump prints 12 significant digits of the same positions
      expect(Math.abs(x[i] - data.positions[3 * i])).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(x[i])));
    }
  });

  it.each(CONFIGS)('%s: the dump box equals the data file box to 1e-12', (config) => {
    const frame = readLammpsDump(fixture(`reference/${config}__sheng.dump`), config);
    const data = readLammpsData(fixture(`reference/${config}.data`), config);
    expectBoxClose(frame.box, data.box, 1e-12);
  });

  it('reads the first frame only and the orthogonal box form', () => {
    const one = [
      'ITEM: TIMESTEP', '100', 'ITEM: NUMBER OF ATOMS', '2', 'ITEM: BOX BOUNDS pp pp ff',
      '-1 1', '0 2', '0 3', 'ITEM: ATOMS id x', '2 0.5', '1 -0.25',
    ];
    const text = [...one, ...one.map((l) => l.replace('100', '200'))].join('\n');
    const frame = readLammpsDump(text, 'two.dump');
    expect(frame.timestep).toBe(100);
    expect(frame.boundary).toEqual(['pp', 'pp', 'ff']);
    expect(frame.box).toEqual({ lo: [-1, 0, 0], lx: 2, ly: 2, lz: 3, xy: 0, xz: 0, yz: 0 });
    expect([...column(frame, 'id')]).toEqual([2, 1]);
    expect([...column(frame, 'x')]).toEqual([0.5, -0.25]);
  });

  it('names the file, line and problem for short or malformed frames', () => {
    const head = 'ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n3\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\nITEM: ATOMS id x\n';
    expect(() => readLammpsDump(head + '1 0.5\n2 0.5\n', 'a.dump')).toThrow('a.dump:12: expected 3 atom lines, found 2');
    expect(() => readLammpsDump(head + '1 0.5\n2 nan\n3 1\n', 'a.dump')).toThrow("a.dump:11: column x 'nan' is not a finite number");
    expect(() => readLammpsDump(head + '1 0.5\n2\n3 1\n', 'a.dump')).toThrow('a.dump:11: expected 2 columns (id x), found 1');
    expect(() => readLammpsDump(head.replace('0 1\n0 1', '0 1\n0'), 'a.dump')).toThrow(
      'a.dump:7: an orthogonal box bound line has 2 numbers, found 1',
    );
  });
});

describe('writeLammpsDump', () => {
  it.each(DUMPS)('%s: rewriting the frame reproduces the LAMMPS file byte for byte', (name) => {
    const text = fixture(`reference/${name}.dump`);
    const frame = readLammpsDump(text, name);
    const out = writeLammpsDump({
      timestep: frame.timestep,
      box: frame.box,
      columns: frame.columns,
      rows: frame.columns.map((c) => column(frame, c)),
      triclinic: true,
    });
    expect(out).toBe(text);
  });

  it('round-trips a triclinic frame written from a data file', () => {
    const data = readLammpsData(fixture('reference/glass_a.data'), 'glass_a.data');
    const n = data.natoms;
    const x = new Float64Array(n);
    const fx = new Float64Array(n).map((_, i) => Math.sin(i) * 1e-3);
    for (let i = 0; i < n; i++) x[i] = data.positions[3 * i];
    const text = writeLammpsDump({
      timestep: 32068,
      box: data.box,
      columns: ['id', 'type', 'x', 'fx'],
      rows: [data.ids, data.types.map((t) => t + 1), x, fx],
      formats: { x: String },
    });
    expect(text.split('\n')[4]).toBe('ITEM: BOX BOUNDS xy xz yz pp pp pp');
    expect(text.split('\n')[9]).toBe(`1 1 ${data.positions[0]} ${formatG(fx[0])}`);
    const back = readLammpsDump(text, 'written.dump');
    expect(back.timestep).toBe(32068);
    expect(back.natoms).toBe(n);
    expectBoxClose(back.box, data.box, 1e-12);
    expect([...column(back, 'id')]).toEqual([...data.ids]);
    expect([...column(back, 'x')]).toEqual([...x]);
    column(back, 'fx').forEach((v, i) => expect(Math.abs(v - fx[i])).toBeLessThanOrEqual(5e-12 * Math.abs(fx[i])));
  });

  it('writes the orthogonal form when there is no tilt', () => {
    const box: Box = { lo: [0, -1, 2], lx: 3, ly: 4, lz: 5, xy: 0, xz: 0, yz: 0 };
    const text = writeLammpsDump({ timestep: 7, box, columns: ['id'], rows: [new Int32Array([1])] });
    expect(text).toBe(
      'ITEM: TIMESTEP\n7\nITEM: NUMBER OF ATOMS\n1\nITEM: BOX BOUNDS pp pp pp\n' +
        '0.0000000000000000e+00 3.0000000000000000e+00\n-1.0000000000000000e+00 3.0000000000000000e+00\n' +
        '2.0000000000000000e+00 7.0000000000000000e+00\nITEM: ATOMS id\n1\n',
    );
    expect(readLammpsDump(text, 'o.dump').box).toEqual(box);
  });

  it('rejects columns of unequal length', () => {
    const box: Box = { lo: [0, 0, 0], lx: 1, ly: 1, lz: 1, xy: 0, xz: 0, yz: 0 };
    expect(() =>
      writeLammpsDump({ timestep: 0, box, columns: ['id', 'x'], rows: [new Int32Array(2), new Float64Array(3)] }),
    ).toThrow('column x has 3 values, column id has 2');
  });
});
