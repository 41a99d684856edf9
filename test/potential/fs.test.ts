import { describe, expect, it } from 'vitest';
import { readFs } from '../../src/potential/fs';
import { potentialFile } from './fixtures';

// Expected numbers are literals copied from the files (sed -n LINEp), not parsed by test code.
describe('readFs: CuZr_mm.eam.fs (Mendelev 2007)', () => {
  const pot = readFs(potentialFile('CuZr_mm.eam.fs'), 'CuZr_mm.eam.fs');

  it('reads the header of SOURCES.md', () => {
    expect(pot).toMatchObject({
      format: 'eam/fs',
      elements: ['Cu', 'Zr'],
      masses: [63.546, 91.224],
      nrho: 10000,
      drho: 0.03,
      nr: 10000,
      dr: 0.00076,
      cutoff: 7.6,
    });
    expect(pot.cutoff).toBeGreaterThan((pot.nr - 1) * pot.dr);
  });

  it('puts the first and last values of the tables where the file has them', () => {
    // lines 7 and 2006: F of Cu
    expect(pot.frho[0][0]).toBe(0);
    expect(pot.frho[0][1]).toBe(-0.1732050808);
    expect(pot.frho[0][9999]).toBe(18766.2008251199);
    // line 8007: end of F of Zr
    expect(pot.frho[1][9999]).toBe(-1.78834848990000);
    // lines 2007, 4007, 8008, 10008: the four density tables
    expect(pot.rhor[0][0][0]).toBe(19.0582176449);
    expect(pot.rhor[0][1][0]).toBe(77.0091392933);
    expect(pot.rhor[1][0][1]).toBe(76.95881169);
    expect(pot.rhor[1][1][0]).toBe(90.9632496023);
    expect(pot.rhor[1][1][9999]).toBe(0);
    // lines 12008, 18007: r*phi of Cu-Cu starts at 1e12; Zr-Zr ends at 2.89e-14
    expect(pot.z2r[0][0][0]).toBe(1e12);
    expect(pot.z2r[1][1][9999]).toBe(2.89436940290541e-14);
    expect(pot.z2r[0][1]).toBe(pot.z2r[1][0]);
  });

  it('has symmetric cross densities in this file', () => {
    expect([...pot.rhor[0][1]]).toEqual([...pot.rhor[1][0]]);
  });
});

describe('readFs: the density an s neighbour puts on an h host is block s, sub-table h', () => {
  const pot = readFs(potentialFile('tiny_CuZr.eam.fs'), 'tiny_CuZr.eam.fs');

  it('reads the header', () => {
    expect(pot).toMatchObject({ elements: ['Cu', 'Zr'], masses: [63.546, 91.224], nrho: 5, nr: 6, cutoff: 2.5 });
  });

  it('indexes rhor[source][host] by file block and sub-table', () => {
    expect([...pot.rhor[0][0]]).toEqual([1.0, 0.8, 0.6, 0.4, 0.2, 0.0]);
    expect([...pot.rhor[0][1]]).toEqual([3.0, 2.4, 1.8, 1.2, 0.6, 0.0]);
    expect([...pot.rhor[1][0]]).toEqual([5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    expect([...pot.rhor[1][1]]).toEqual([2.0, 1.6, 1.2, 0.8, 0.4, 0.0]);
  });

  it('reads F per element and r*phi in lower-triangle order', () => {
    expect([...pot.frho[1]]).toEqual([0.0, -0.15, -0.25, -0.35, -0.45]);
    expect([...pot.z2r[0][0]]).toEqual([9.0, 4.0, 1.0, -0.5, -0.2, 0.0]);
    expect([...pot.z2r[0][1]]).toEqual([8.0, 3.5, 0.9, -0.4, -0.1, 0.0]);
    expect([...pot.z2r[1][1]]).toEqual([7.0, 3.0, 0.8, -0.3, -0.1, 0.0]);
  });
});
