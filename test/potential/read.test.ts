import { describe, expect, it } from 'vitest';
import { formatFromName, readPotential } from '../../src/potential/read';
import { bindPotential } from '../../src/potential/tables';
import { errorOf, potentialFile } from './fixtures';

const tinyAlloy = potentialFile('tiny_CuZr.eam.alloy');
const tinyFs = potentialFile('tiny_CuZr.eam.fs');
const tinyFuncfl = potentialFile('tiny_Cu.eam');

describe('formatFromName', () => {
  it('reads the usual endings', () => {
    const cases: [string, string | undefined][] = [
      ['ZrCuAl2011.eam.alloy', 'eam/alloy'],
      ['x.alloy', 'eam/alloy'],
      ['dir/x.setfl', 'eam/alloy'],
      ['CuZr_mm.eam.fs', 'eam/fs'],
      ['C:\\pots\\x.FS', 'eam/fs'],
      ['Cu_u3.eam', 'eam'],
      ['ZrCu.lammps.eam', 'eam'],
      ['potential.txt', undefined],
      ['fs', undefined],
    ];
    for (const [name, format] of cases) expect(formatFromName(name)).toBe(format);
  });
});

describe('readPotential: format from the content', () => {
  it('reads ZrCu.lammps.eam as eam/alloy although the name ends in .eam', () => {
    const pot = readPotential(potentialFile('ZrCu.lammps.eam'), 'ZrCu.lammps.eam');
    expect(pot.format).toBe('eam/alloy');
    expect(pot.elements).toEqual(['Zr', 'Cu']);
  });

  it('tells eam/alloy from eam/fs by their layouts when the name says nothing', () => {
    expect(readPotential(tinyAlloy, 'tiny').format).toBe('eam/alloy');
    expect(readPotential(tinyFs, 'tiny').format).toBe('eam/fs');
    expect(readPotential(potentialFile('CuZr_mm.eam.fs'), 'mendelev.txt').format).toBe('eam/fs');
    expect(readPotential(potentialFile('ZrCuAl2011.eam.alloy'), 'ternary').format).toBe('eam/alloy');
  });

  it('reads a funcfl header as eam', () => {
    const pot = readPotential(potentialFile('Cu_u3.eam'), 'copper');
    expect(pot.format).toBe('eam');
    expect(pot.elements).toEqual(['Cu']);
    expect(readPotential(tinyFuncfl, 'tiny_Cu.eam')).toMatchObject({ format: 'eam', nr: 6, nrho: 6 });
  });

  it('reads a one-element setfl file as eam/alloy (both layouts are the same then)', () => {
    const one = ['c', 'c', 'c', '1 Cu', '5 0.1 5 0.5 2.0', '29 63.546', '0 -1 -2 -3 -4', '5 4 3 2 1', '9 5 2 1 0', ''].join('\n');
    const pot = readPotential(one, 'one');
    expect(pot.format).toBe('eam/alloy');
    expect([...pot.z2r[0][0]]).toEqual([9, 5, 2, 1, 0]);
  });

  it('reports the layout that reads furthest when neither fits', () => {
    const cut = tinyFs.split('\n').slice(0, 15).join('\n');
    expect(errorOf(() => readPotential(cut, 'cut'))).toBe(
      'cut:15: table r*phi of pair Zr-Zr ends after 0 of 6 values (read as eam/fs, the layout that gets further)',
    );
  });
});

describe('readPotential: format from the name', () => {
  it('follows .eam.alloy, .alloy, .setfl, .eam.fs and .fs', () => {
    expect(readPotential(tinyAlloy, 'a.setfl').format).toBe('eam/alloy');
    expect(readPotential(tinyAlloy, 'a.alloy').format).toBe('eam/alloy');
    expect(readPotential(tinyFs, 'b.fs').format).toBe('eam/fs');
  });

  it('refuses a name that contradicts the content', () => {
    expect(errorOf(() => readPotential(tinyFs, 'x.eam.alloy'))).toMatch(/is the format eam\/fs rather than eam\/alloy\?/);
    expect(errorOf(() => readPotential(tinyAlloy, 'x.eam.fs'))).toMatch(/is the format eam\/alloy rather than eam\/fs\?/);
    expect(errorOf(() => readPotential(tinyFuncfl, 'x.eam.fs'))).toMatch(/^x\.eam\.fs:2: the name says eam\/fs, but lines 2-3 are a funcfl/);
  });
});

describe('readPotential: an explicit format wins', () => {
  it('overrides the name', () => {
    expect(readPotential(tinyFs, 'x.eam.alloy', 'eam/fs').format).toBe('eam/fs');
    expect(readPotential(tinyAlloy, 'x.eam.fs', 'eam/alloy').format).toBe('eam/alloy');
    expect(readPotential(tinyFuncfl, 'x.eam.alloy', 'eam').format).toBe('eam');
  });

  it('is not second-guessed by the content', () => {
    expect(errorOf(() => readPotential(tinyAlloy, 'tiny', 'eam/fs'))).toMatch(/^tiny:9: .*is the format eam\/alloy rather than eam\/fs\?/);
    expect(errorOf(() => readPotential(tinyAlloy, 'tiny', 'eam'))).toMatch(/^tiny:\d+: /);
  });
});

describe('every shipped potential binds to atom types', () => {
  it('gives spline tables for Cu and Zr types', () => {
    for (const name of ['ZrCu.lammps.eam', 'ZrCuAl2011.eam.alloy', 'CuZr_mm.eam.fs']) {
      const tables = bindPotential(readPotential(potentialFile(name), name), ['Cu', 'Zr']);
      expect(tables.masses).toEqual(name === 'CuZr_mm.eam.fs' ? [63.546, 91.224] : [63.55, 91.22]);
    }
  });
});
