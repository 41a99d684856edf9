import { describe, expect, it } from 'vitest';
import { atomicMass, ELEMENT_SYMBOLS, isElementSymbol, nearestElement } from '../../src/system/elements';
import { inferElement, parseElementList } from '../../src/io/elements';

describe('parseElementList', () => {
  it.each([
    ['Cu,Zr', ['Cu', 'Zr']],
    ['Cu Zr', ['Cu', 'Zr']],
    [' Cu, Zr ,Al ', ['Cu', 'Zr', 'Al']],
    ['Cu,Cu', ['Cu', 'Cu']],
  ])('%j → %j', (arg, list) => {
    expect(parseElementList(arg)).toEqual(list);
  });

  it('rejects unknown symbols, hinting at the case, and empty lists', () => {
    expect(() => parseElementList('Cu,Xx')).toThrow("--elements: unknown element 'Xx'");
    expect(() => parseElementList('cu,Zr')).toThrow("--elements: unknown element 'cu' (symbols are case-sensitive: did you mean Cu?)");
    expect(() => parseElementList(' , ')).toThrow('--elements: no element symbols');
  });
});

describe('the element table', () => {
  it('holds Z = 1..103 with their standard weights', () => {
    expect(ELEMENT_SYMBOLS.length).toBe(103);
    expect(ELEMENT_SYMBOLS[0]).toBe('H');
    expect(ELEMENT_SYMBOLS[28]).toBe('Cu');
    expect(ELEMENT_SYMBOLS[39]).toBe('Zr');
    expect(ELEMENT_SYMBOLS[91]).toBe('U');
    expect(new Set(ELEMENT_SYMBOLS).size).toBe(103);
    expect(atomicMass('Cu')).toBe(63.546);
    expect(atomicMass('Zr')).toBe(91.224);
    expect(atomicMass('Al')).toBe(26.9815385);
    expect(atomicMass('Xx')).toBeUndefined();
    expect(isElementSymbol('Zr')).toBe(true);
    expect(isElementSymbol('ZR')).toBe(false);
  });

  it('leaves only Ar/Ca, Bi/Po and Cm/Bk closer than 0.2 g/mol, where the nearer is taken', () => {
    const byMass = ELEMENT_SYMBOLS.map((s) => [s, atomicMass(s) ?? NaN] as const).sort((a, b) => a[1] - b[1]);
    const close = byMass.slice(1).filter((e, i) => e[1] - byMass[i][1] < 0.2).map((e) => e[0]);
    expect(close).toEqual(['Ca', 'Po', 'Bk']);
    expect(inferElement(40.0)).toBe('Ar');
    expect(inferElement(40.02)).toBe('Ca');
  });
});

describe('inferElement', () => {
  it.each([
    [63.546, 'Cu'],
    [91.224, 'Zr'],
    [63.55, 'Cu'],
    [91.22, 'Zr'],
    [26.98, 'Al'],
    [58.93, 'Co'],
    [58.69, 'Ni'],
    [1.008, 'H'],
    [238.03, 'U'],
  ])('%f → %s', (mass, el) => {
    expect(inferElement(mass)).toBe(el);
  });

  it.each([63.4, 50, 0.5, 300, 91.33])('%f is no element within 0.1', (mass) => {
    expect(inferElement(mass)).toBeNull();
  });

  it('takes another tolerance when asked', () => {
    expect(nearestElement(63.4, 0.2)).toBe('Cu');
  });
});
