import { describe, expect, it } from 'vitest';
import { parseDirection, resolvedShearStress, shearedBox, shearHeight } from '../../src/protocols/shear';
import type { Box } from '../../src/system/box';

const box: Box = { lo: [1, 2, 3], lx: 30, ly: 31, lz: 32, xy: 0.5, xz: -0.2, yz: 0.1 };

describe('shear directions', () => {
  it('parses the six directions, with or without a sign', () => {
    expect(parseDirection('xy')).toBe('+xy');
    expect(parseDirection('-xz')).toBe('-xz');
    expect(parseDirection(' +YZ ')).toBe('+yz');
    expect(() => parseDirection('zx')).toThrow("unknown shear direction 'zx': use one of +xy, -xy, +xz, -xz, +yz, -yz");
  });

  it('tilts xy by ±strain·ly and xz, yz by ±strain·lz, leaving the rest of the cell alone', () => {
    expect(shearedBox(box, '-xy', 0.01)).toEqual({ ...box, xy: 0.5 - 0.31 });
    expect(shearedBox(box, '+xz', 0.01)).toEqual({ ...box, xz: -0.2 + 0.32 });
    expect(shearedBox(box, '-yz', 0.02)).toEqual({ ...box, yz: 0.1 - 0.64 });
    expect(shearHeight(box, '+xy')).toBe(31);
  });

  it('signs the conjugate shear stress so that loading raises it', () => {
    const stress = [1, 2, 3, -40, 50, 60];
    expect(resolvedShearStress(stress, '-xy')).toBe(40);
    expect(resolvedShearStress(stress, '+xz')).toBe(50);
    expect(resolvedShearStress(stress, '-yz')).toBe(-60);
  });
});
