import { describe, expect, it } from 'vitest';
import { evaluateEam } from '../../src/oracle/eam64';
import { column, FUNCFL_CASES, referenceCase, SHARED_CASES, virialReference } from '../helpers/reference';

/**
 * Largest difference relative to the largest reference magnitude, or to `floor` where the reference
 * is near zero (forces of a relaxed glass are 1e-11 eV/Å, printed to 12 digits).
 */
function relativeError(got: ArrayLike<number>, ref: ArrayLike<number>, floor: number): number {
  let diff = 0;
  let scale = floor;
  for (let k = 0; k < ref.length; k++) {
    diff = Math.max(diff, Math.abs(got[k] - ref[k]));
    scale = Math.max(scale, Math.abs(ref[k]));
  }
  return diff / scale;
}

function strided(a: Float64Array, stride: number, c: number): Float64Array {
  return a.filter((_, k) => k % stride === c);
}

// The dumps print 12 significant digits, so 1e-8 leaves room only for the printing, not for a
// different interpolation or summation.
const TOL = 1e-8;

describe.each([
  ...SHARED_CASES.map(([c, p]) => ['reference', c, p] as const),
  ...FUNCFL_CASES.map(([c, p]) => ['funcfl', c, p] as const),
])('f64 oracle vs LAMMPS: %s %s / %s', (dir, config, potential) => {
  const ref = referenceCase(dir, config, potential);
  const { system } = ref;
  const res = evaluateEam(ref.tables, system.box, system.positions, system.types);
  const virial = virialReference(ref);

  it('matches the total energy, volume and pressure tensor', () => {
    expect(Math.abs(res.energy - ref.energy) / Math.abs(ref.energy)).toBeLessThan(TOL);
    expect(Math.abs(res.volume - ref.volume) / ref.volume).toBeLessThan(1e-10);
    expect(relativeError(res.pressure, virial.pressure, 1000)).toBeLessThan(TOL);
  });

  it('matches forces, per-atom energies and per-atom stresses atom by atom', () => {
    expect(Array.from(column(ref.dump, 'id'))).toEqual(Array.from(system.ids));
    ['fx', 'fy', 'fz'].forEach((name, c) => {
      expect(relativeError(strided(res.forces, 3, c), column(ref.dump, name), 1)).toBeLessThan(TOL);
    });
    expect(relativeError(res.peAtom, column(ref.dump, 'c_pea'), 1)).toBeLessThan(TOL);
    for (let c = 0; c < 6; c++) {
      const got = strided(res.stressAtom, 6, c);
      expect(relativeError(got, strided(virial.stressAtom, 6, c), 1e4)).toBeLessThan(TOL);
    }
  });
});
