import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AqsRun, runAqs, type AqsStep } from '../../src/protocols/aqs';
import { readLammpsData } from '../../src/io/lammpsData';
import { bindPotential } from '../../src/potential/tables';
import { volume } from '../../src/system/box';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';
import { fixtureText, POTENTIALS } from '../helpers/reference';
import { kineticStress } from '../helpers/kinetic';

let gpu: EngineDevice;
beforeAll(async () => {
  gpu = await testDevice();
});
afterAll(() => gpu.device.destroy());

/** Least-squares slope of y against x. */
function slope(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, k) => {
    sxy += (xi - mx) * (y[k] - my);
    sxx += (xi - mx) ** 2;
  });
  return sxy / sxx;
}

// The first 8 of the reference's 15 steps: the same checks at half the CI time.
const STEPS = 8;

describe(`AQS against LAMMPS (glass_a, −xy, ${STEPS} steps of 5e-5)`, () => {
  const glass = readLammpsData(fixtureText('reference/glass_a.data'), 'glass_a.data');
  const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);
  // The LAMMPS run kept the data file's velocities, so its pressures carry a constant −m v⊗v/V
  // (masses as aqs.in sets them); the engine's are virial only.
  const kinetic = kineticStress(glass, [['Cu', 63.546], ['Zr', 91.224]]);
  const kineticPressure = [0, 1, 2, 3, 4, 5].map((c) => {
    let s = 0;
    for (let i = 0; i < glass.natoms; i++) s -= kinetic[6 * i + c];
    return s / volume(glass.box);
  });
  // step,strain_xy,pe_eV,pxx,pyy,pzz,pxy,pxz,pyz (bar)
  const rows = fixtureText('reference/glass_a__aqs_mxy.csv').trim().split('\n').slice(1, STEPS + 2).map((l) => l.split(',').map(Number));
  const lammpsStress = rows.map((r) => [r[3], r[4], r[5], r[6], r[7], r[8]].map((p, c) => -(p - kineticPressure[c]) * 0.1));

  it('gives the same stresses, energies and shear modulus', { timeout: 600_000 }, async () => {
    const steps: AqsStep[] = [];
    const result = await runAqs(
      gpu.device,
      tables,
      glass.types,
      { positions: glass.positions, box: glass.box },
      tables.masses,
      { directions: ['-xy'], step: 5e-5, maxStrain: STEPS * 5e-5, drop: 0.5 },
      { onStep: (_, s) => steps.push(s) },
    );
    expect(result.steps[0]).toEqual(steps);
    expect(steps.map((s) => s.step)).toEqual([...Array(STEPS + 1).keys()]);
    expect(result.events[0]).toEqual([]);
    for (const s of steps) {
      expect(['converged', 'stalled']).toContain(s.stop);
      expect(s.strain).toBeCloseTo(s.step * 5e-5, 12);
      s.stress.forEach((v, c) => expect(Math.abs(v - lammpsStress[s.step][c])).toBeLessThan(1));
      expect(Math.abs(s.pePerAtom - rows[s.step][2] / glass.natoms)).toBeLessThan(1e-6);
      if (s.step > 0) expect(s.nonaffine).toBeGreaterThan(0);
    }
    // Shear modulus dσxy/dγxy from all the states, both sides fitted the same way.
    const strain = steps.map((s) => -s.strain);
    const ours = slope(strain, steps.map((s) => s.stress[3]));
    const theirs = slope(strain, lammpsStress.map((s) => s[3]));
    expect(theirs).toBeCloseTo(18.9e3, -2);
    expect(Math.abs(ours / theirs - 1)).toBeLessThan(0.01);
  });
});

describe('AQS resumed from a kept step (a lost device, a reloaded page), or taken past its maximum strain', () => {
  it('continues exactly as the uninterrupted run', { timeout: 600_000 }, async () => {
    const glass = readLammpsData(fixtureText('../../public/samples/cu50zr50_250.data'), 'cu50zr50_250.data');
    const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);
    const start = { positions: glass.positions, box: glass.box };
    const options = { directions: ['-xy' as const], step: 1e-4, maxStrain: 4e-4, drop: 0.5 };
    const whole = await runAqs(gpu.device, tables, glass.types, start, tables.masses, options);

    // A run that reached its maximum strain goes on when it is raised, as the app's field lets it.
    const first = await AqsRun.create(gpu.device, tables, glass.types, start, tables.masses, { ...options, maxStrain: 2e-4 });
    const kept: AqsStep[] = [];
    while (!first.finished) kept.push((await first.next()).records[0]!);
    expect(kept.map((s) => s.step)).toEqual([0, 1, 2]);
    const positions = await first.positions(0);
    first.setMaxStrain(1e-4);
    expect(first.finished).toBe(true);
    first.setMaxStrain(4e-4);
    const raised: AqsStep[] = [...kept];
    while (!first.finished) raised.push((await first.next()).records[0]!);
    first.destroy();
    expect(raised.map((s) => s.step)).toEqual([0, 1, 2, 3, 4]);
    raised.forEach((s, k) => s.stress.forEach((v, c) => expect(Math.abs(v - whole.steps[0][k].stress[c])).toBeLessThan(0.05)));

    const resumed = await AqsRun.create(gpu.device, tables, glass.types, start, tables.masses, options, { step: 2, last: [kept[2]], positions: [positions], eventCounts: [0] });
    expect(resumed.nextStep).toBe(3);
    while (!resumed.finished) kept.push((await resumed.next()).records[0]!);
    resumed.destroy();

    expect(kept.map((s) => s.step)).toEqual([0, 1, 2, 3, 4]);
    // Both relax from the same f32 state to 1e-5 eV/Å: stresses agree far inside AQS's 1 MPa budget.
    kept.forEach((s, k) => s.stress.forEach((v, c) => expect(Math.abs(v - whole.steps[0][k].stress[c])).toBeLessThan(0.05)));
  });
});
