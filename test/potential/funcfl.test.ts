import { describe, expect, it } from 'vitest';
import { readFuncfl } from '../../src/potential/funcfl';
import { bindPotential } from '../../src/potential/tables';
import { errorOf, potentialFile } from './fixtures';

const C = 27.2 * 0.529;
const cuU3 = { text: potentialFile('Cu_u3.eam'), source: 'Cu_u3.eam' };
const niU3 = { text: potentialFile('Ni_u3.eam'), source: 'Ni_u3.eam' };

// Values copied from the files with sed -n LINEp (tables start at line 4: F, then Z, then rho).
const cuZ = new Map([
  [0, 10.0], [1, 10.801534951171448], [2, 10.61737515824467], [3, 10.436688151228793],
  [4, 10.259403283230313], [5, 10.085451405601304], [6, 9.9147648356938589],
  [100, 2.2696045451740474], [200, 0.56576440612064971], [300, 0.14258319040899092],
]);
const cuRho = new Map([[0, 0], [1, 5.4383329664155645e-5], [4, 1.2334244035325348e-2], [100, 0.2450296883936911]]);
const cuF = new Map([
  [0, 0], [1, -0.3156163690342435], [5, -0.99329216586042435], [100, -6.7521459135001862], [498, -25.412233421340488],
]);
const niZ = new Map([[33, 7.0808083432878277], [66, 4.7673637139236007]]);
const niF100 = -7.684311648992832;

/** The common-grid index i lands exactly on file point i only when (i·Δ)/Δ is exactly i. */
function exactPoints(table: Map<number, number>, delta: number): [number, number][] {
  const points = [...table].filter(([i]) => (i * delta) / delta === i);
  expect(points.length).toBeGreaterThanOrEqual(4);
  return points;
}

describe('readFuncfl: one file (Cu_u3.eam)', () => {
  const pot = readFuncfl([cuU3]);

  it('reads the header and regrids to one point fewer, as LAMMPS does', () => {
    expect(pot).toMatchObject({
      format: 'eam',
      source: 'Cu_u3.eam',
      elements: ['Cu'],
      masses: [63.55],
      nrho: 499,
      drho: 5.0100200400801306e-4,
      nr: 499,
      dr: 1.0000000000000009e-2,
      cutoff: 4.9499999999999886,
    });
    expect(pot.frho[0]).toHaveLength(499);
    expect(pot.rhor[0][0]).toHaveLength(499);
    expect(pot.z2r[0][0]).toHaveLength(499);
  });

  it('keeps the file values at grid points that coincide with the file grid', () => {
    for (const [i, f] of exactPoints(cuF, pot.drho)) expect(pot.frho[0][i]).toBe(f);
    for (const [i, rho] of exactPoints(cuRho, pot.dr)) expect(pot.rhor[0][0][i]).toBe(rho);
  });

  it('makes r*phi = 27.2*0.529*Z(r)^2', () => {
    for (const [i, z] of exactPoints(cuZ, pot.dr)) expect(pot.z2r[0][0][i]).toBe(C * z * z);
  });

  it('binds to spline tables', () => {
    expect(bindPotential(pot, ['Cu', 'Cu']).ntypes).toBe(2);
  });
});

describe('readFuncfl: two files (Cu_u3.eam + Ni_u3.eam)', () => {
  const pot = readFuncfl([cuU3, niU3]);

  it('uses the largest spacings and ranges for the common grid', () => {
    // Cu: dr 0.01, 500 points; Ni: dr 0.0096969..., 500 points; drho is the same in both.
    expect(pot).toMatchObject({
      source: 'Cu_u3.eam + Ni_u3.eam',
      elements: ['Cu', 'Ni'],
      masses: [63.55, 58.71],
      nrho: 499,
      drho: 5.0100200400801306e-4,
      nr: 499,
      dr: 1.0000000000000009e-2,
      cutoff: 4.9499999999999886,
    });
  });

  it('mixes pairs as 27.2*0.529*Z_i*Z_j', () => {
    for (const [i, z] of exactPoints(cuZ, pot.dr)) expect(pot.z2r[0][0][i]).toBe(C * z * z);
    // r = 0 is the only point of the common grid on the Ni file's grid exactly.
    expect(pot.z2r[1][1][0]).toBe(C * 10 * 10);
    expect(pot.z2r[1][0][0]).toBe(C * 10 * 10);
    expect(pot.z2r[0][1]).toBe(pot.z2r[1][0]);
    // r = 0.32 and 0.64 Å are Ni points 33 and 66 up to rounding of the grid positions.
    const cuZ32 = 6.4320062953403578;
    const cuZ64 = 3.8821544365521561;
    for (const [i, zNi, zCu] of [[32, niZ.get(33)!, cuZ32], [64, niZ.get(66)!, cuZ64]]) {
      expect(pot.z2r[1][1][i]).toBeCloseTo(C * zNi * zNi, 10);
      expect(pot.z2r[1][0][i]).toBeCloseTo(C * zNi * zCu, 10);
    }
  });

  it('regrids F of Ni onto the common drho', () => {
    expect(pot.frho[1][100]).toBe(niF100);
    expect(pot.frho[1]).toHaveLength(499);
  });

  it('binds both elements', () => {
    expect(bindPotential(pot, ['Ni', 'Cu']).masses).toEqual([58.71, 63.55]);
  });
});

/** A funcfl file with tables sampled from functions, values written exactly (shortest round-trip). */
function funcflText(o: {
  comment: string;
  head: string;
  nrho: number;
  drho: number;
  nr: number;
  dr: number;
  cutoff: number;
  F: (rho: number) => number;
  Z: (r: number) => number;
  rho: (r: number) => number;
}): string {
  const table = (n: number, d: number, f: (x: number) => number) =>
    Array.from({ length: n }, (_, m) => String(f(m * d))).join(' ');
  return [
    o.comment,
    o.head,
    `${o.nrho} ${o.drho} ${o.nr} ${o.dr} ${o.cutoff}`,
    table(o.nrho, o.drho, o.F),
    table(o.nr, o.dr, o.Z),
    table(o.nr, o.dr, o.rho),
    '',
  ].join('\n');
}

describe('readFuncfl: regridding', () => {
  // Four-point Lagrange interpolation is exact for cubics, so regridded cubics stay cubics.
  const a = {
    F: (x: number) => -x + 0.3 * x ** 3,
    Z: (r: number) => 3 - 0.5 * r + 0.02 * r ** 3,
    rho: (r: number) => 1 - 0.3 * r + 0.01 * r ** 3 - 0.004 * r * r,
  };
  const b = {
    F: (x: number) => -2 * x + x * x,
    Z: (r: number) => 2 + 0.1 * r - 0.03 * r ** 3,
    rho: (r: number) => 0.5 - 0.1 * r + 0.002 * r ** 3,
  };
  const fileA = funcflText({ comment: 'A', head: '29 63.5 3.6 fcc', nrho: 21, drho: 0.05, nr: 21, dr: 0.25, cutoff: 4.5, ...a });
  const fileB = funcflText({ comment: 'B', head: '28 58.7 3.5 fcc', nrho: 11, drho: 0.07, nr: 11, dr: 0.3, cutoff: 2.9, ...b });
  const pot = readFuncfl([
    { text: fileA, source: 'A.eam' },
    { text: fileB, source: 'B.eam' },
  ]);
  const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));

  it('builds the common grid from the largest spacing and the longest range', () => {
    // rmax = max(20·0.25, 10·0.3) = 5, nr = floor(5/0.3 + 0.5); rhomax = max(20·0.05, 10·0.07) = 1.
    expect(pot).toMatchObject({ elements: ['Cu', 'Ni'], nr: 17, dr: 0.3, nrho: 14, drho: 0.07, cutoff: 4.5 });
  });

  it('reproduces cubic tables on the new grid', () => {
    for (let m = 0; m < pot.nr; m++) {
      const r = m * pot.dr;
      close(pot.rhor[0][1][m], a.rho(r));
      close(pot.z2r[0][0][m], C * a.Z(r) * a.Z(r));
      if (r <= 3) {
        close(pot.rhor[1][0][m], b.rho(r));
        close(pot.z2r[1][0][m], C * b.Z(r) * a.Z(r));
      }
    }
    for (let m = 0; m < pot.nrho; m++) {
      close(pot.frho[0][m], a.F(m * pot.drho));
      if (m * pot.drho <= 0.7) close(pot.frho[1][m], b.F(m * pot.drho));
    }
  });

  it("continues a shorter file's last value beyond its range", () => {
    for (let m = 11; m < pot.nr; m++) expect(pot.rhor[1][1][m]).toBe(b.rho(10 * 0.3));
  });
});

describe('readFuncfl: element names', () => {
  const named = (comment: string, head: string) =>
    readFuncfl([{ text: funcflText({ comment, head, nrho: 6, drho: 0.1, nr: 6, dr: 0.5, cutoff: 2.5, F: (x) => -x, Z: (r) => 3 - r, rho: (r) => 1 - 0.1 * r }), source: 'x.eam' }])
      .elements[0];

  it('takes a symbol in the lattice field first', () => {
    expect(named('comment', '29 63.55 3.615 Ni')).toBe('Ni');
  });

  it('otherwise names the element by Z', () => {
    expect(named('In this file: Cu', '29 63.55 3.615 FCC')).toBe('Cu');
    expect(named('comment', '40 91.22')).toBe('Zr');
  });

  it('uses the first word of the comment only when Z names nothing', () => {
    expect(named('Al functions', '0 26.98 4.05 fcc')).toBe('Al');
  });

  it('needs at least one file', () => {
    expect(errorOf(() => readFuncfl([]))).toMatch(/no funcfl files/);
  });
});
