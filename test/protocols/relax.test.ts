import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relax } from '../../src/protocols/relax';
import { readLammpsData } from '../../src/io/lammpsData';
import { bindPotential } from '../../src/potential/tables';
import { crystal } from '../../src/system/lattice';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';
import { fixtureText, POTENTIALS } from '../helpers/reference';

let gpu: EngineDevice;
beforeAll(async () => {
  gpu = await testDevice();
});
afterAll(() => gpu.device.destroy());

const pot = POTENTIALS.sheng();

describe('cell relaxation to zero stress (Cheng–Ma–Sheng, LAMMPS values)', () => {
  it('takes a displaced, strained B2 CuZr to a = 3.2561 Å and −5.0756 eV/atom', async () => {
    const b2 = readLammpsData(fixtureText('reference/b2_ortho.data'), 'b2_ortho.data');
    const tables = bindPotential(pot, ['Cu', 'Zr']);
    const r = await relax(gpu.device, tables, b2.types, b2.positions, b2.box, tables.masses, { cell: true });
    expect(r.cellConverged).toBe(true);
    expect(r.atoms.stop).toBe('converged');
    for (const s of r.stress) expect(Math.abs(s)).toBeLessThan(0.1);
    for (const l of [r.box.lx, r.box.ly, r.box.lz]) expect(Math.abs(l / 5 - 3.2561)).toBeLessThan(1e-4);
    for (const t of [r.box.xy, r.box.xz, r.box.yz]) expect(Math.abs(t)).toBeLessThan(1e-4);
    expect(Math.abs(r.final.energy / b2.natoms + 5.0756)).toBeLessThan(1e-4);
  });

  it('takes fcc Cu to a = 3.5971 Å and −3.5412 eV/atom', async () => {
    const cu = crystal({ kind: 'fcc', a: 3.65, cells: [4, 4, 4], elements: ['Cu'], masses: [63.546] });
    const tables = bindPotential(pot, ['Cu']);
    const r = await relax(gpu.device, tables, cu.types, cu.positions, cu.box, tables.masses, { cell: true });
    expect(r.cellConverged).toBe(true);
    for (const s of r.stress) expect(Math.abs(s)).toBeLessThan(0.1);
    expect(Math.abs(r.box.lx / 4 - 3.5971)).toBeLessThan(1e-4);
    expect(Math.abs(r.final.energy / cu.natoms + 3.5412)).toBeLessThan(1e-4);
  });

  it('brings glass_a (residual shear stresses of ~80 MPa) to zero stress by tilting its cell', { timeout: 600_000 }, async () => {
    const glass = readLammpsData(fixtureText('reference/glass_a.data'), 'glass_a.data');
    const tables = bindPotential(pot, ['Cu', 'Zr']);
    const r = await relax(gpu.device, tables, glass.types, glass.positions, glass.box, tables.masses, { cell: true });
    expect(r.cellConverged).toBe(true);
    for (const s of r.stress) expect(Math.abs(s)).toBeLessThan(0.1);
    // σxy = −83 MPa at G ≈ 19 GPa: the xy tilt must grow by about 0.0044·ly ≈ 0.14 Å.
    expect(r.box.xy - glass.box.xy).toBeGreaterThan(0.1);
  });
});
