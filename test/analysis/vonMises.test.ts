import { describe, expect, it } from 'vitest';
import { atomicStress, vonMisesChange, vonMisesStress } from '../../src/analysis/vonMises';
import { readLammpsData } from '../../src/io/lammpsData';
import { evaluateEam } from '../../src/oracle/eam64';
import { BAR_TO_MPA } from '../../src/physics/units';
import { bindPotential } from '../../src/potential/tables';
import { minimumImage, volume, type Vec3 } from '../../src/system/box';
import { fixtureText, POTENTIALS } from '../helpers/reference';
import { glassAEvent } from '../helpers/glassAEvent';

const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);
const load = (name: string) => readLammpsData(fixtureText(`events/${name}.data`), `${name}.data`);
const small = load('small250_mxy_event4_pre');

/** Four atoms all under the stress s (MPa, xx yy zz xy xz yz), as stress × volume in bar·Å³. */
function uniform(s: readonly number[]): Float64Array {
  const perAtomVolume = volume(small.box) / 4;
  return Float64Array.from({ length: 24 }, (_, k) => (s[k % 6] / BAR_TO_MPA) * perAtomVolume);
}

describe('atomic von Mises stress', () => {
  it('is 0 for hydrostatic stress, √3 τ for pure shear and |σ| for uniaxial stress', () => {
    for (const v of vonMisesStress(uniform([-250, -250, -250, 0, 0, 0]), small.box)) expect(v).toBeCloseTo(0, 10);
    for (const plane of [3, 4, 5]) {
      const s = [0, 0, 0, 0, 0, 0];
      s[plane] = -120;
      for (const v of vonMisesStress(uniform(s), small.box)) expect(v).toBeCloseTo(Math.sqrt(3) * 120, 10);
    }
    for (const v of vonMisesStress(uniform([0, 0, -800, 0, 0, 0]), small.box)) expect(v).toBeCloseTo(800, 10);
    // Hydrostatic stress added to a uniaxial one changes nothing.
    for (const v of vonMisesStress(uniform([300, 300, 1100, 0, 0, 0]), small.box)) expect(v).toBeCloseTo(800, 10);
  });

  it('uses the mean atomic volume, so atoms average to the cell stress, −pressure', () => {
    const r = evaluateEam(tables, small.box, small.positions, small.types);
    const s = atomicStress(r.stressAtom, small.box);
    const mean = [0, 0, 0, 0, 0, 0];
    s.forEach((v, k) => (mean[k % 6] += v / small.natoms));
    const cell = r.pressure.map((p) => -p * BAR_TO_MPA);
    const scale = Math.max(...cell.map(Math.abs));
    mean.forEach((m, c) => expect(Math.abs(m - cell[c])).toBeLessThan(1e-9 * scale));
  });

  it('changes most where atoms moved non-affinely in a real plastic event', () => {
    const { pre, before, after } = glassAEvent();
    const vm = vonMisesChange(tables, pre.types, before, after);
    vm.change.forEach((c, i) => expect(c).toBe(vm.after[i] - vm.before[i]));
    expect(vm.change.every(Number.isFinite)).toBe(true);

    const u = new Float64Array(pre.natoms);
    const v: Vec3 = [0, 0, 0];
    for (let i = 0; i < pre.natoms; i++) {
      for (let c = 0; c < 3; c++) v[c] = after.positions[3 * i + c] - before.positions[3 * i + c];
      u[i] = Math.hypot(...minimumImage(after.box, v));
    }
    const byU = Array.from(u, (_, i) => i).sort((a, b) => u[b] - u[a]).slice(0, 100);
    const size = vm.change.map(Math.abs);
    const byChange = new Set(Array.from(size, (_, i) => i).sort((a, b) => size[b] - size[a]).slice(0, 100));
    // Measured: the 100 most displaced atoms change by 3.05 times the mean |change| (560 MPa
    // median, 8.5 GPa largest), and 37 of them are among the 100 largest changes (5 by chance).
    // The very largest changes sit in the elastic field around the rearrangement, not on it:
    // none of the 10 largest is among the 10 most displaced.
    const mean = (ix: Iterable<number>) => {
      const a = Array.from(ix, (i) => size[i]);
      return a.reduce((s, x) => s + x, 0) / a.length;
    };
    expect(mean(byU)).toBeGreaterThan(2 * mean(size.keys()));
    expect(byU.filter((i) => byChange.has(i)).length).toBeGreaterThanOrEqual(25);
  });

  it('rejects inputs it cannot use', () => {
    expect(() => vonMisesStress(new Float64Array(7), small.box)).toThrow('6 components per atom (xx yy zz xy xz yz), got 7 values');
    expect(() => vonMisesStress(new Float64Array(0), small.box)).toThrow('got 0 values');
    expect(() => vonMisesStress(new Float64Array(6), { ...small.box, lz: 0 })).toThrow('the cell volume must be positive, got 0 Å³');
    const half = { box: small.box, positions: small.positions.subarray(0, 375) };
    expect(() => vonMisesChange(tables, small.types, small, half)).toThrow(
      'von Mises stress: the after state has 125 atoms but there are 250 types',
    );
  });
});
