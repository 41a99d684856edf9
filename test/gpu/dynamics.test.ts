import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForceEngine } from '../../src/engine/forceEngine';
import { Dynamics, type MdSample } from '../../src/engine/dynamics';
import { FTM2V } from '../../src/engine/minimizer';
import { temperature, thermalVelocities } from '../../src/engine/velocities';
import { evaluateEam } from '../../src/oracle/eam64';
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
const b2 = readLammpsData(fixtureText('reference/b2_ortho.data'), 'b2_ortho.data');
const atomMasses = Array.from(b2.types, (t) => tables.masses[t]);

describe('thermal velocities', () => {
  it('have zero total momentum and exactly the requested temperature, reproducibly', () => {
    const v = thermalVelocities(atomMasses, 3000, 42);
    expect(temperature(v, atomMasses)).toBeCloseTo(3000, 8);
    for (let c = 0; c < 3; c++) {
      let p = 0;
      atomMasses.forEach((m, i) => (p += m * v[3 * i + c]));
      expect(Math.abs(p)).toBeLessThan(1e-9);
    }
    expect(thermalVelocities(atomMasses, 3000, 42)).toEqual(v);
    expect(thermalVelocities(atomMasses, 3000, 43)).not.toEqual(v);
  });
});

describe('GPU molecular dynamics', () => {
  it('follows a double-precision velocity Verlet trajectory', async () => {
    const v0 = thermalVelocities(atomMasses, 1500, 7);
    const engine = await ForceEngine.create(gpu.device, tables, b2.types, b2.positions, b2.box, 1);
    const md = await Dynamics.create(engine, tables.masses, 0.001);
    md.setVelocities(0, v0);
    await md.run({ steps: 20, thermostat: null, reportEvery: 20 });
    const x = await engine.readPositions(0, b2.positions);
    // The same 20 steps on the CPU with the f64 reference forces.
    const pos = Float64Array.from(b2.positions);
    const vel = Float64Array.from(v0);
    let f = evaluateEam(tables, b2.box, pos, b2.types).forces;
    for (let s = 0; s < 20; s++) {
      for (let k = 0; k < pos.length; k++) {
        vel[k] += (0.5 * 0.001 * FTM2V * f[k]) / atomMasses[Math.floor(k / 3)];
        pos[k] += 0.001 * vel[k];
      }
      f = evaluateEam(tables, b2.box, pos, b2.types).forces;
      for (let k = 0; k < pos.length; k++) vel[k] += (0.5 * 0.001 * FTM2V * f[k]) / atomMasses[Math.floor(k / 3)];
    }
    let worst = 0;
    for (let k = 0; k < pos.length; k++) worst = Math.max(worst, Math.abs(x[k] - pos[k]));
    expect(worst).toBeLessThan(1e-5);
    const v = await md.readVelocities(0);
    let worstV = 0;
    for (let k = 0; k < v.length; k++) worstV = Math.max(worstV, Math.abs(v[k] - vel[k]));
    expect(worstV).toBeLessThan(1e-3);
    md.destroy();
    engine.destroy();
  });

  it('conserves energy without a thermostat (NVE, 2 ps at ~1500 K, dt 1 fs)', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, b2.types, b2.positions, b2.box, 1);
    const md = await Dynamics.create(engine, tables.masses, 0.001);
    md.setVelocities(0, thermalVelocities(atomMasses, 3000, 1));
    const samples: MdSample[] = [];
    await md.run({ steps: 2000, thermostat: null, reportEvery: 50, onSample: (s) => samples.push(s) });
    const total = samples.map((s) => s.potential[0] + s.kinetic[0]);
    const perAtom = (e: number) => e / b2.natoms;
    // Half the kinetic energy goes into the potential: the temperature settles near 1500 K.
    expect(samples.at(-1)!.temperature[0]).toBeGreaterThan(1000);
    // Measured: 1.6e-5 eV/atom peak to peak, −1e-5 eV/atom drift.
    expect(perAtom(Math.max(...total) - Math.min(...total))).toBeLessThan(5e-5);
    expect(samples.at(-1)!.listOverflows).toBe(0);
    md.destroy();
    engine.destroy();
  });

  it('holds the target temperature with the Nosé–Hoover chain (mean within 2 %)', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, b2.types, b2.positions, b2.box, 2);
    const md = await Dynamics.create(engine, tables.masses, 0.001);
    md.setVelocities(0, thermalVelocities(atomMasses, 300, 3));
    md.setVelocities(1, thermalVelocities(atomMasses, 300, 4));
    const temps: number[][] = [[], []];
    await md.run({
      steps: 3000,
      thermostat: { tStart: 1200, tStop: 1200, tDamp: 0.1 },
      reportEvery: 20,
      onSample: (s) => {
        if (s.step > 1000) s.temperature.forEach((t, r) => temps[r].push(t));
      },
    });
    for (const series of temps) {
      const mean = series.reduce((a, b) => a + b) / series.length;
      expect(Math.abs(mean / 1200 - 1)).toBeLessThan(0.02);
    }
    md.destroy();
    engine.destroy();
  });

  it('ramps the target temperature linearly over a run', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, b2.types, b2.positions, b2.box, 1);
    const md = await Dynamics.create(engine, tables.masses, 0.001);
    md.setVelocities(0, thermalVelocities(atomMasses, 800, 5));
    const targets: number[] = [];
    await md.run({ steps: 400, thermostat: { tStart: 800, tStop: 400, tDamp: 0.1 }, reportEvery: 100, onSample: (s) => targets.push(s.targetTemperature[0]) });
    expect(targets.map((t) => Math.round(t))).toEqual([700, 600, 500, 400]);
    md.destroy();
    engine.destroy();
  });
});
