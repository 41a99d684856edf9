import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quench } from '../../src/protocols/quench';
import { fewestQuenchCells, quenchStart } from '../../src/protocols/quenchStart';
import { partialRdf } from '../../src/analysis/rdf';
import { readLammpsData } from '../../src/io/lammpsData';
import { bindPotential } from '../../src/potential/tables';
import type { Box } from '../../src/system/box';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';
import { fixtureText, POTENTIALS } from '../helpers/reference';

let gpu: EngineDevice;
beforeAll(async () => {
  gpu = await testDevice();
});
afterAll(() => gpu.device.destroy());

const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);

/** The Cu–Zr partial g(r) between 2 and 7.5 Å, the part that tells a glass from a crystal. */
function cuZr(box: Box, x: Float64Array, types: Int32Array): Float64Array {
  const { r, g } = partialRdf(box, x, types, 2, 7.5, 0.1);
  return g.get('0-1')!.filter((_, k) => r[k] > 2);
}

const rms = (a: Float64Array, b: Float64Array) => Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]) ** 2, 0) / a.length);

describe('melt–quench', () => {
  it('starts from B2 for Cu50Zr50 and from a random bcc alloy otherwise', () => {
    const b2 = quenchStart(5, 0.5, 1, tables.masses);
    expect(b2.natoms).toBe(250);
    expect(b2.box.lx).toBeCloseTo(16.3, 12);
    expect(Array.from(b2.types.slice(0, 4))).toEqual([0, 1, 0, 1]);
    const cu64 = quenchStart(5, 0.64, 7, tables.masses);
    expect(cu64.types.filter((t) => t === 0).length).toBe(160);
    expect(cu64.box.lx).toBeLessThan(16.3);
    expect(quenchStart(5, 0.64, 7, tables.masses).types).toEqual(cu64.types);
    expect(quenchStart(5, 0.64, 8, tables.masses).types).not.toEqual(cu64.types);
  });

  // 4³ B2 cells start 13.04 Å wide and their glass relaxed to 12.90 Å, under twice the 6.5 Å
  // cutoff, failing only after all the MD: such a quench is refused before it starts.
  it('refuses a quench whose box the cell relaxation could narrow below twice the cutoff, before any MD', async () => {
    expect(tables.cutoff).toBe(6.5);
    expect(fewestQuenchCells(tables.cutoff, 0.5)).toBe(5);
    expect(fewestQuenchCells(tables.cutoff, 0)).toBe(4);
    expect(fewestQuenchCells(tables.cutoff, 1)).toBe(5);
    // The smallest allowed start keeps 5 % over twice the cutoff.
    for (const cu of [0, 0.3, 0.5, 0.64, 1]) {
      const n = fewestQuenchCells(tables.cutoff, cu);
      expect(quenchStart(n, cu, 1, tables.masses).box.lx).toBeGreaterThan(1.05 * 2 * tables.cutoff);
      expect(quenchStart(n - 1, cu, 1, tables.masses).box.lx).toBeLessThanOrEqual(1.05 * 2 * tables.cutoff);
    }
    const progress: string[] = [];
    await expect(quench(gpu.device, tables, { cells: 4 }, (p) => progress.push(p.stage))).rejects.toThrow(
      '4³ cells are too few for this potential: its cutoff of 6.5 Å needs boxes wider than 13.00 Å throughout, and the cell relaxation at the end can narrow a small glass\'s box; use 5 cells per side or more (250 atoms)',
    );
    // A sample's own type order (Zr first, say) would turn the Cu fraction into a Zr fraction.
    const zrFirst = bindPotential(POTENTIALS.sheng(), ['Zr', 'Cu']);
    await expect(quench(gpu.device, zrFirst, { cells: 5 }, (p) => progress.push(p.stage))).rejects.toThrow(
      'the quench makes atom types Cu, Zr: bind the potential to them, not to Zr, Cu',
    );
    expect(progress).toEqual([]);
  });

  it('turns B2 into a glass relaxed to zero stress (250 atoms, short and fast)', { timeout: 600_000 }, async () => {
    const stages: string[] = [];
    const { start, glasses } = await quench(gpu.device, tables, { cells: 5, meltPs: 1, liquidPs: 1, rate: 1e15, replicas: 2 }, (p) => {
      if (stages.at(-1) !== p.stage) stages.push(p.stage);
    });
    expect(stages).toEqual(['melt', 'liquid', 'quench', 'relax']);
    expect(glasses).toHaveLength(2);
    const glassA = readLammpsData(fixtureText('reference/glass_a.data'), 'glass_a.data');
    const reference = cuZr(glassA.box, glassA.positions, glassA.types);
    const b2 = cuZr(start.box, start.positions, start.types);
    for (const g of glasses) {
      expect(g.cellConverged).toBe(true);
      for (const s of g.stress) expect(Math.abs(s)).toBeLessThan(0.1);
      const perAtom = g.final.energy / start.natoms;
      // A glass lies above the B2 crystal (−5.0756 eV/atom) and near glass_a (−4.968).
      expect(perAtom).toBeGreaterThan(-5.0);
      expect(perAtom).toBeLessThan(-4.9);
      const rdf = cuZr(g.box, g.positions, start.types);
      expect(rms(rdf, reference)).toBeLessThan(0.5 * rms(rdf, b2));
    }
    // Different seeds, different glasses.
    expect(glasses[0].final.energy).not.toBe(glasses[1].final.energy);
  });
});
