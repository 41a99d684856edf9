import { describe, expect, it } from 'vitest';
import { partialRdf } from '../../src/analysis/rdf';
import { crystal } from '../../src/system/lattice';
import { readLammpsData } from '../../src/io/lammpsData';
import { fixtureText } from '../helpers/reference';

describe('partial pair distribution functions', () => {
  it('give B2 its shells: 8 Cu–Zr neighbours at a√3/2, 6 like neighbours at a', () => {
    const b2 = crystal({ kind: 'b2', a: 3.26, cells: [6, 6, 6], elements: ['Cu', 'Zr'], masses: [63.546, 91.224], sublatticeTypes: [0, 1] });
    const { r, g } = partialRdf(b2.box, b2.positions, b2.types, 2, 9, 0.02);
    const density = b2.natoms / (b2.box.lx * b2.box.ly * b2.box.lz);
    // Coordination numbers from ∫ 4πr² ρ_b g_ab(r) dr over the first shell.
    const coordination = (key: string, partnersPerVolume: number, upTo: number) => {
      let s = 0;
      r.forEach((x, k) => {
        if (x < upTo) s += 4 * Math.PI * x * x * partnersPerVolume * g.get(key)![k] * 0.02;
      });
      return s;
    };
    expect(coordination('0-1', density / 2, 3.0)).toBeCloseTo(8, 1);
    expect(coordination('0-0', density / 2, 3.5)).toBeCloseTo(6, 1);
    expect(coordination('0-0', density / 2, 3.0)).toBe(0);
  });

  it('tend to 1 at long range in a glass', () => {
    const glass = readLammpsData(fixtureText('reference/glass_a.data'), 'glass_a.data');
    const { r, g } = partialRdf(glass.box, glass.positions, glass.types, 2, 12, 0.1);
    for (const curve of g.values()) {
      const tail = curve.filter((_, k) => r[k] > 9);
      expect(Math.abs(tail.reduce((a, b) => a + b) / tail.length - 1)).toBeLessThan(0.05);
    }
  });
});
