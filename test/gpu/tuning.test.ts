import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForceEngine } from '../../src/engine/forceEngine';
import { Minimizer } from '../../src/engine/minimizer';
import { Dynamics } from '../../src/engine/dynamics';
import { DisplacementMeter } from '../../src/kernels/displacement';
import { CPU_TUNING, GPU_TUNING, isCpuAdapter, setTuning, tuningFor, type Tuning } from '../../src/gpu/tuning';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';
import { readLammpsData } from '../../src/io/lammpsData';
import { bindPotential } from '../../src/potential/tables';
import { fixtureText, POTENTIALS } from '../helpers/reference';
import { jiggle } from '../helpers/perturb';

// Tests run on SwiftShader, which takes the CPU shapes; the GPU shapes, which an H100 or a laptop
// GPU runs, are checked here on the same adapter against them.
let cpu: EngineDevice;
let gpu: EngineDevice;
beforeAll(async () => {
  [cpu, gpu] = [await testDevice(), await testDevice()];
  setTuning(gpu.device, GPU_TUNING);
});
afterAll(() => {
  cpu.device.destroy();
  gpu.device.destroy();
});

const system = readLammpsData(fixtureText('events/small250_mxy_event4_pre.data'), 'small250_mxy_event4_pre.data');
const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);
const starts = [jiggle(system.positions, 0.02, 2), jiggle(system.positions, 0.05, 3), jiggle(system.positions, 0.3, 4)];

interface Outcome {
  forces: Float32Array[];
  totals: { energy: number; virial: number[] }[];
  positions: Float64Array[];
  displacement: { norm: number; max: number }[];
  kinetic: readonly number[];
}

/** Every kernel with a workgroup shape from the tuning, on three replicas of the 250-atom glass. */
async function outcome(device: GPUDevice, lists: 'shared' | 'per-replica'): Promise<Outcome> {
  const engine = await ForceEngine.create(device, tables, system.types, system.positions, system.box, 3, { lists, allowance: 0.8 });
  starts.forEach((x, r) => engine.setPositions(x, r));
  const totals = (await engine.evaluate()).map((t) => ({ energy: t.energy, virial: [...t.virial] }));
  const forces = await Promise.all([0, 1, 2].map(async (r) => (await engine.readAtoms(r)).forces));
  const meter = await DisplacementMeter.create(device, engine.state);
  meter.markNow();
  const minimizer = await Minimizer.create(engine, tables.masses, { maxIterations: 40 });
  minimizer.setFrozen(1, [7]);
  await minimizer.run();
  const displacement = await meter.measure();
  const positions = await Promise.all([0, 1, 2].map((r) => engine.readPositions(r, starts[r])));
  const md = await Dynamics.create(engine, tables.masses);
  md.setVelocities(0, Float64Array.from({ length: 3 * system.natoms }, (_, k) => 0.01 * Math.sin(k)));
  const { kinetic } = await md.run({ steps: 5, thermostat: null });
  for (const x of [md, minimizer, meter, engine]) x.destroy();
  return { forces, totals, positions, displacement, kinetic };
}

describe('workgroup shapes per adapter', () => {
  it('are the CPU ones on SwiftShader and the GPU ones on GPUs', () => {
    expect(tuningFor(cpu.device)).toBe(CPU_TUNING);
    expect(isCpuAdapter(cpu.device.adapterInfo)).toBe(true);
    const nvidia = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100 80GB HBM3' } as GPUAdapterInfo;
    expect(isCpuAdapter(nvidia)).toBe(false);
    expect(isCpuAdapter({ ...nvidia, vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } as GPUAdapterInfo)).toBe(true);
    expect(isCpuAdapter(undefined)).toBe(false);
    for (const t of [CPU_TUNING, GPU_TUNING] as Tuning[]) {
      for (const size of [t.reduceWG, t.scanWG]) expect(Math.log2(size) % 1).toBe(0);
    }
  });

  it.each(['shared', 'per-replica'] as const)('give the same forces, sums, relaxations and MD on %s lists', { timeout: 600_000 }, async (lists) => {
    const [a, b] = [await outcome(cpu.device, lists), await outcome(gpu.device, lists)];
    // Forces do not depend on the shapes: the transpose and the cell lists are exact either way.
    for (let r = 0; r < 3; r++) expect(b.forces[r]).toEqual(a.forces[r]);
    // Sums in another order: f32 rounding of ~2000 terms.
    a.totals.forEach((t, r) => {
      expect(Math.abs(b.totals[r].energy - t.energy)).toBeLessThan(2e-3);
      t.virial.forEach((v, c) => expect(Math.abs(b.totals[r].virial[c] - v)).toBeLessThan(1e-3 * (1 + Math.abs(v))));
    });
    for (let r = 0; r < 3; r++) {
      expect(a.displacement[r].norm).toBeGreaterThan(1e-3);
      expect(Math.abs(b.displacement[r].norm - a.displacement[r].norm)).toBeLessThan(1e-5 * a.displacement[r].norm + 1e-6);
      let worst = 0;
      for (let k = 0; k < a.positions[r].length; k++) worst = Math.max(worst, Math.abs(b.positions[r][k] - a.positions[r][k]));
      expect(worst).toBeLessThan(1e-4);
    }
    a.kinetic.forEach((k, r) => expect(Math.abs(b.kinetic[r] - k)).toBeLessThan(1e-5 * k + 1e-9));
    expect(a.kinetic[0]).toBeGreaterThan(0);
  });
});
