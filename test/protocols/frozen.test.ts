import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frozenAtomAnalysis, NoEventError, type FrozenProgress } from '../../src/protocols/frozenAtoms';
import { frozenReference } from '../../src/oracle/frozenReference';
import { classifyDf } from '../../src/analysis/dfClassify';
import { resolvedShearStress } from '../../src/protocols/shear';
import { BAR_TO_MPA } from '../../src/physics/units';
import { readLammpsData } from '../../src/io/lammpsData';
import { bindPotential } from '../../src/potential/tables';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';
import { fixtureText, POTENTIALS } from '../helpers/reference';

let gpu: EngineDevice;
beforeAll(async () => {
  gpu = await testDevice();
});
afterAll(() => gpu.device.destroy());

const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);
const pre = readLammpsData(fixtureText('events/small250_mxy_event4_pre.data'), 'small250_mxy_event4_pre.data');
// Three atoms of the 17-atom core of this event and three from the bulk (events/README.md).
const index = (id: number) => pre.ids.indexOf(id);
const CORE = [205, 166, 11].map(index);
const BULK = [1, 2, 3].map(index);
const options = { direction: '-xy' as const, step: 5e-5, atoms: [...CORE, ...BULK] };

describe('frozen-atom analysis against the double-precision reference', () => {
  it('finds the same core and the same D_f as the CPU, relaxation by relaxation', { timeout: 900_000 }, async () => {
    const progress: FrozenProgress[] = [];
    // Four slots for seven relaxations: finished slots are refilled. Shared lists, as a GPU runs
    // it (SwiftShader would take per-replica ones; the CLI test runs those).
    const gpuResult = await frozenAtomAnalysis(gpu.device, tables, pre.types, pre, tables.masses, { ...options, slots: 4, lists: 'shared' }, (p) => progress.push(p));
    expect(gpuResult.slots).toBe(4);
    expect(gpuResult.lists).toBe('shared');
    expect(progress.at(-1)!.done).toBe(7);
    // A time left from the first finished relaxation on, with queued ones counted, and none at the end.
    // No time left before an iteration has run; then a first guess from typical iteration counts
    // until a relaxation has finished, and an estimate from the finished ones after.
    expect(progress[0].etaS).toBeNull();
    for (const p of progress.slice(1)) expect(p.etaGuess).toBe(p.done === 0);
    expect(progress.slice(1, -1).every((p) => p.etaS! > 0 && Number.isFinite(p.etaS))).toBe(true);
    expect(progress.at(-1)!.etaS).toBe(0);
    // Every relaxation is handed over once, as it ends, with the values of the final result.
    const handed = progress.flatMap((p) => p.finished);
    expect(handed.map((r) => r.atom ?? -1).sort((a, b) => a - b)).toEqual([-1, ...options.atoms].sort((a, b) => a - b));
    for (const r of handed) expect(r).toEqual(r.atom === null ? gpuResult.unfrozen : gpuResult.frozen[options.atoms.indexOf(r.atom)]);
    const cpu = frozenReference(tables, pre.types, pre, tables.masses, { ...options, drop: 0.5, fmax: 1e-5, maxIterations: 20000 });

    const all = [gpuResult.unfrozen, ...gpuResult.frozen];
    expect(all.map((r) => r.atom)).toEqual(cpu.map((r) => r.atom));
    for (let k = 0; k < all.length; k++) {
      const [g, c] = [all[k], cpu[k]];
      expect(g.converged && c.converged).toBe(true);
      expect(g.eventHappened).toBe(c.eventHappened);
      // Measured: bulk D_f within 4e-4 Å of 2.1 Å, core within 5e-5 Å of 1.3e-3 Å.
      expect(Math.abs(g.df - c.df)).toBeLessThan(2e-3 * c.df + 1e-4);
    }
    expect(gpuResult.unfrozen.eventHappened).toBe(true);
    expect(gpuResult.unfrozen.dropMPa).toBeGreaterThan(50);
    const coreOf = (df: number[]) => classifyDf(df).core.map((k) => options.atoms[k]).sort((a, b) => a - b);
    const gpuCore = coreOf(gpuResult.frozen.map((r) => r.df));
    expect(gpuCore).toEqual([...CORE].sort((a, b) => a - b));
    expect(coreOf(cpu.slice(1).map((r) => r.df))).toEqual(gpuCore);
    for (const r of gpuResult.frozen) expect(r.eventHappened).toBe(!CORE.includes(r.atom!));

    // LAMMPS, the same seven relaxations (events/small250_mxy_event4_lammps_frozen.in): every one
    // converged there, each D_f agrees and each has the same outcome.
    const lammps = fixtureText('events/small250_mxy_event4_lammps_frozen.csv').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
    expect(lammps.map((row) => row[0])).toEqual([0, ...options.atoms.map((i) => pre.ids[i])]);
    const tauPre = resolvedShearStress(gpuResult.preStress, '-xy');
    for (let k = 0; k < all.length; k++) {
      const [, , fmax, df, ...pressure] = lammps[k];
      expect(fmax).toBeLessThanOrEqual(1e-5);
      const drop = tauPre - resolvedShearStress(pressure.map((p) => -p * BAR_TO_MPA), '-xy');
      expect(drop > 0.5, `event with id ${lammps[k][0]} held`).toBe(all[k].eventHappened);
      // Measured: D_f within 1.2e-4 Å of 2.1 Å and 4.6e-5 Å of 1.3e-3 Å; the stress drops within 0.01 MPa.
      expect(Math.abs(all[k].df - df)).toBeLessThan(2e-3 * df + 1e-4);
      expect(Math.abs(all[k].dropMPa - drop)).toBeLessThan(0.1);
    }
  });

  it('refuses a state that is not one step before an event, saying why', async () => {
    // The relaxed start of the AQS run: the step elastic, no event.
    const glass = readLammpsData(fixtureText('../../public/samples/cu50zr50_250.data'), 'cu50zr50_250.data');
    const refused = await frozenAtomAnalysis(gpu.device, tables, glass.types, glass, tables.masses, { ...options, atoms: [0] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NoEventError);
    expect((refused as Error).message).toMatch(/the relaxation with nothing frozen shows no event: its -xy shear stress fell by -\d+\.\d+ MPa/);
  });
});
