import { describe, expect, it } from 'vitest';
import { evaluateEam } from '../../src/oracle/eam64';
import { EV_PER_A3_TO_BAR } from '../../src/physics/units';
import { referenceCase } from '../helpers/reference';
import { deform } from '../helpers/perturb';

const CASES = [
  ['reference', 'b2_tri', 'sheng'],
  ['reference', 'b2_tri', 'mendelev'],
  ['reference', 'glass_a_perturbed', 'sheng'],
  ['funcfl', 'cuni_fcc', 'u3'],
] as const;

describe.each(CASES)('finite differences of the f64 energy: %s %s / %s', (dir, config, potential) => {
  const { system, tables } = referenceCase(dir, config, potential);
  const energy = (positions: Float64Array, box = system.box) => evaluateEam(tables, box, positions, system.types).energy;
  const res = evaluateEam(tables, system.box, system.positions, system.types);

  it('forces are minus the gradient of the energy', () => {
    // Central differences; the splines are only C¹, so a step across a knot costs O(h) of error.
    const h = 1e-6;
    const atoms = [0, 7, 42, Math.floor(system.natoms / 2), system.natoms - 1];
    let worst = 0;
    for (const i of atoms) {
      for (let c = 0; c < 3; c++) {
        const plus = Float64Array.from(system.positions);
        const minus = Float64Array.from(system.positions);
        plus[3 * i + c] += h;
        minus[3 * i + c] -= h;
        const fd = -(energy(plus) - energy(minus)) / (2 * h);
        worst = Math.max(worst, Math.abs(fd - res.forces[3 * i + c]));
      }
    }
    expect(worst).toBeLessThan(2e-5);
  });

  it('the virial is minus the derivative of the energy with respect to a homogeneous strain', () => {
    // x → F x with F = 1 + e·E_ab (upper-triangular, so the cell stays in LAMMPS form): dE/de = −W_ab.
    const h = 1e-7;
    const components: [number, number][] = [[0, 0], [1, 1], [2, 2], [0, 1], [0, 2], [1, 2]];
    const virial = res.pressure.map((p) => (p * res.volume) / EV_PER_A3_TO_BAR);
    const strained = (e: number, a: number, b: number) => {
      const F = [1, 0, 0, 0, 1, 0, 0, 0, 1];
      F[3 * a + b] += e;
      const d = deform(system.positions, system.box, F);
      return energy(d.positions, d.box);
    };
    components.forEach(([a, b], c) => {
      const fd = -(strained(h, a, b) - strained(-h, a, b)) / (2 * h);
      // Measured: |Δ| ≤ 4e-7·|W| (rounding of E ~ 1e4 eV over 2h, and steps across spline knots).
      expect(Math.abs(fd - virial[c])).toBeLessThan(2e-6 * Math.abs(virial[c]) + 1e-5);
    });
    let sum = 0;
    for (let i = 0; i < system.natoms; i++) sum += res.stressAtom[6 * i + 3];
    expect(-sum / res.volume).toBeCloseTo(res.pressure[3], 6);
  });
});
