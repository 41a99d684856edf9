import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForceEngine } from '../../src/engine/forceEngine';
import { accuracy, toEamResult } from '../../src/engine/results';
import { evaluateEam, type EamResult } from '../../src/oracle/eam64';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';
import { column, FUNCFL_CASES, referenceCase, virialReference } from '../helpers/reference';
import { deform, jiggle } from '../helpers/perturb';

// The accuracy targets for the f32 GPU engine against LAMMPS.
const FORCE = 1e-4; // eV/Å
const ATOM_ENERGY = 1e-5; // eV
const ENERGY_PER_ATOM = 1e-6; // eV
const PRESSURE = 1; // bar

let gpu: EngineDevice;
beforeAll(async () => {
  gpu = await testDevice();
});
afterAll(() => gpu.device.destroy());

const CASES = [
  ['reference', 'b2_ortho', 'sheng'],
  ['reference', 'b2_ortho', 'mendelev'],
  ['reference', 'b2_tri', 'sheng'],
  ['reference', 'b2_tri', 'mendelev'],
  ['reference', 'glass_a_perturbed', 'sheng'],
  ['reference', 'glass_a_perturbed', 'mendelev'],
  ...FUNCFL_CASES.map(([c, p]) => ['funcfl', c, p] as const),
] as const;

describe.each(CASES)('GPU EAM (Node webgpu) on %s %s / %s', (dir, config, potential) => {
  const ref = referenceCase(dir, config, potential);
  const { system, tables } = ref;
  // Three replicas of one system in one dispatch: the reference configuration, a jiggled copy,
  // and the jiggled copy in a sheared cell; each must match the oracle on its own positions.
  const jiggled = jiggle(system.positions, 0.05, 11);
  const sheared = deform(jiggled, system.box, [1, 0.02, -0.01, 0, 1, 0.015, 0, 0, 1]);
  const replicas = [
    { positions: system.positions, box: system.box },
    { positions: jiggled, box: system.box },
    sheared,
  ];

  it('matches LAMMPS and the f64 oracle in every replica', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, system.positions, system.box, 3);
    engine.setBoxes(replicas.map((r) => r.box));
    replicas.forEach((r, k) => engine.setPositions(r.positions, k));
    const totals = await engine.evaluate();

    const virial = virialReference(ref);
    const lammps: EamResult = {
      energy: ref.energy,
      peAtom: column(ref.dump, 'c_pea'),
      forces: Float64Array.from({ length: 3 * system.natoms }, (_, k) => column(ref.dump, ['fx', 'fy', 'fz'][k % 3])[Math.floor(k / 3)]),
      stressAtom: virial.stressAtom,
      pressure: virial.pressure,
      volume: ref.volume,
    };
    for (let k = 0; k < replicas.length; k++) {
      const { positions, box } = replicas[k];
      const got = toEamResult(await engine.readAtoms(k), box);
      const oracle = evaluateEam(tables, box, positions, system.types);
      for (const reference of k === 0 ? [lammps, oracle] : [oracle]) {
        const err = accuracy(got, totals[k], box, reference);
        expect(err.force).toBeLessThan(FORCE);
        expect(err.atomEnergy).toBeLessThan(ATOM_ENERGY);
        expect(err.energyPerAtom).toBeLessThan(ENERGY_PER_ATOM);
        expect(err.pressure).toBeLessThan(PRESSURE);
        // Per-atom stresses reach 2e6 bar·Å³ and f32 keeps about 6 digits of their sums: 50 bar·Å³
        // is ~3 bar over an atomic volume.
        expect(err.atomStress).toBeLessThan(50);
      }
    }
    engine.destroy();
  });
});
