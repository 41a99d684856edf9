import { describe, expect, it } from 'vitest';
import { readSetfl } from '../../src/potential/setfl';
import { potentialFile } from './fixtures';

// Expected numbers are literals copied from the files (sed -n LINEp), not parsed by test code.
describe('readSetfl: ZrCu.lammps.eam (Cheng-Ma-Sheng Cu-Zr)', () => {
  const pot = readSetfl(potentialFile('ZrCu.lammps.eam'), 'ZrCu.lammps.eam');

  it('reads the header of SOURCES.md', () => {
    expect(pot).toMatchObject({
      format: 'eam/alloy',
      source: 'ZrCu.lammps.eam',
      elements: ['Zr', 'Cu'],
      masses: [91.22, 63.55],
      nrho: 1001,
      drho: 0.001,
      nr: 1001,
      dr: 0.0065,
      cutoff: 6.5,
    });
  });

  it('reads every table at full length', () => {
    for (const f of pot.frho) expect(f).toHaveLength(1001);
    for (const row of [...pot.rhor, ...pot.z2r]) for (const t of row) expect(t).toHaveLength(1001);
  });

  it('puts the first and last values of the tables where the file has them', () => {
    // lines 7 and 207: F of Zr
    expect(pot.frho[0][0]).toBe(-1.4679600175744909);
    expect(pot.frho[0][4]).toBe(-1.6514211080030758);
    expect(pot.frho[0][1000]).toBe(-0.82825285667418258);
    // lines 208 and 408: rho of Zr
    expect(pot.rhor[0][0][0]).toBe(123.32084373564346);
    expect(pot.rhor[0][0][1000]).toBe(0);
    // lines 410, 610, 611: F and rho of Cu
    expect(pot.frho[1][0]).toBe(-0.43768610848723288);
    expect(pot.frho[1][1000]).toBe(-2.1953612448099165);
    expect(pot.rhor[1][1][1]).toBe(526.79720742418431);
    // lines 812, 1013, 1214: r*phi of Zr-Zr, Cu-Zr, Cu-Cu
    expect(pot.z2r[0][0][1]).toBe(9.6912232443213835);
    expect(Object.is(pot.z2r[1][0][0], -0)).toBe(true);
    expect(pot.z2r[1][0][1]).toBe(-3.5819013615605884);
    expect(pot.z2r[1][1][4]).toBe(0.22817948480368569);
    expect(pot.z2r[1][1][1000]).toBe(0);
  });

  it('gives each element one density table whatever the host', () => {
    expect(pot.rhor[0][1]).toBe(pot.rhor[0][0]);
    expect(pot.rhor[1][0]).toBe(pot.rhor[1][1]);
    expect(pot.rhor[0][0]).not.toBe(pot.rhor[1][1]);
  });

  it('shares r*phi between i-j and j-i', () => {
    expect(pot.z2r[0][1]).toBe(pot.z2r[1][0]);
  });
});

describe('readSetfl: ZrCuAl2011.eam.alloy (ternary)', () => {
  const pot = readSetfl(potentialFile('ZrCuAl2011.eam.alloy'), 'ZrCuAl2011.eam.alloy');

  it('reads the header of SOURCES.md', () => {
    expect(pot).toMatchObject({
      format: 'eam/alloy',
      elements: ['Zr', 'Cu', 'Al'],
      masses: [91.22, 63.55, 26.98],
      nrho: 1001,
      drho: 0.001,
      nr: 1001,
      dr: 0.0065,
      cutoff: 6.5,
    });
  });

  it('reads the six pair tables in lower-triangle order', () => {
    // lines 813, 1013, 1014: F and rho of Al
    expect(pot.frho[2][0]).toBe(-0.41281342568937363);
    expect(pot.frho[2][1000]).toBe(-1.9899001209731217);
    expect(pot.rhor[2][0][0]).toBe(483.04356728272410);
    // lines 1215, 1416, 1818, 2220: Zr-Zr, Cu-Zr, Al-Zr, Al-Al
    expect(pot.z2r[0][0][1]).toBe(8.3287135819117619);
    expect(pot.z2r[1][0][1]).toBe(-4.8302186740216770);
    expect(pot.z2r[2][0][1]).toBe(-7.0226988217183459);
    expect(pot.z2r[0][2]).toBe(pot.z2r[2][0]);
    expect(pot.z2r[2][2][2]).toBe(-0.63643121296556826);
    expect(pot.z2r[2][2][1000]).toBe(0);
  });
});

describe('readSetfl: hand-written tiny file', () => {
  const pot = readSetfl(potentialFile('tiny_CuZr.eam.alloy'), 'tiny_CuZr.eam.alloy');

  it('reads the header, element lines with comments, and tables that run on across lines', () => {
    expect(pot).toMatchObject({ elements: ['Cu', 'Zr'], masses: [63.546, 91.224], nrho: 5, drho: 0.1, nr: 6, dr: 0.5, cutoff: 2.5 });
    expect([...pot.frho[1]]).toEqual([0.0, -0.15, -0.25, -0.35, -0.45]);
    expect([...pot.rhor[1][0]]).toEqual([2.0, 1.6, 1.2, 0.8, 0.4, 0.0]);
    expect([...pot.z2r[0][0]]).toEqual([9.0, 4.0, 1.0, -0.5, -0.2, 0.0]);
    expect([...pot.z2r[1][0]]).toEqual([8.0, 3.5, 0.9, -0.4, -0.1, 0.0]);
    expect([...pot.z2r[1][1]]).toEqual([7.0, 3.0, 0.8, -0.3, -0.1, 0.0]);
  });

  it('reads CRLF files the same', () => {
    const crlf = readSetfl(potentialFile('tiny_CuZr.eam.alloy').replace(/\n/g, '\r\n'), 'crlf');
    expect(crlf.z2r.map((row) => row.map((t) => [...t]))).toEqual(pot.z2r.map((row) => row.map((t) => [...t])));
  });

  it('allows a cutoff beyond the r table, as LAMMPS does', () => {
    const text = potentialFile('tiny_CuZr.eam.alloy').replace('5 0.1 6 0.5 2.5', '5 0.1 6 0.5 2.6');
    expect(readSetfl(text, 'long_cutoff').cutoff).toBe(2.6);
  });
});
