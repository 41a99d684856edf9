import { describe, expect, it } from 'vitest';
import { atomicNumber, ELEMENT_SYMBOLS, elementSymbol } from '../../src/system/elements';

describe('element symbols', () => {
  it('covers Z = 1..103 with unique symbols', () => {
    expect(ELEMENT_SYMBOLS).toHaveLength(103);
    expect(new Set(ELEMENT_SYMBOLS).size).toBe(103);
  });

  it('maps atomic numbers to symbols and back', () => {
    const known: [number, string][] = [
      [1, 'H'], [13, 'Al'], [26, 'Fe'], [28, 'Ni'], [29, 'Cu'], [40, 'Zr'], [46, 'Pd'], [47, 'Ag'],
      [57, 'La'], [71, 'Lu'], [72, 'Hf'], [78, 'Pt'], [79, 'Au'], [89, 'Ac'], [92, 'U'], [103, 'Lr'],
    ];
    for (const [z, symbol] of known) {
      expect(elementSymbol(z)).toBe(symbol);
      expect(atomicNumber(symbol)).toBe(z);
    }
  });

  it('rejects what is not an element', () => {
    for (const z of [0, 104, -1, 29.5]) expect(elementSymbol(z)).toBeUndefined();
    for (const s of ['cu', 'CU', 'fcc', 'X', '']) expect(atomicNumber(s)).toBeUndefined();
  });
});
