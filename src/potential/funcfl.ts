import type { EamPotential } from './eam';
import { atomicNumber, elementSymbol } from '../system/elements';
import { readElementLine, readGrid } from './setfl';
import { words } from '../io/tokens';
import { PotentialText } from './potentialText';

export interface PotentialSource {
  readonly text: string;
  readonly source: string;
}

interface FuncflFile {
  readonly text: PotentialText;
  readonly nameLine: number;
  readonly element: string;
  readonly mass: number;
  readonly nrho: number;
  readonly drho: number;
  readonly nr: number;
  readonly dr: number;
  readonly cutoff: number;
  readonly frho: Float64Array;
  readonly zr: Float64Array;
  readonly rhor: Float64Array;
}

// Z(r) is an effective charge in √(Hartree·Bohr); these are the conversions LAMMPS uses, with its
// rounding, so that r·φ = 27.2·0.529·Z_i·Z_j comes out in eV·Å exactly as it does there.
const HARTREE_TIMES_BOHR = 27.2 * 0.529;

// LAMMPS multiplies by a rounded 1/6 rather than dividing by 6; the last bit can differ otherwise.
const SIXTH = 1.0 / 6.0;

// Regridding drops the table's last point (see readFuncfl), and the spline needs 5.
const FUNCFL_MIN_POINTS = 6;

function nameElement(comment: string, fields: readonly string[], z: number): string | undefined {
  const lattice = fields[3];
  if (lattice !== undefined && atomicNumber(lattice) !== undefined) return lattice;
  // Z before the comment: a comment's first word is more often English ("In", "As") than a symbol.
  const fromZ = elementSymbol(z);
  if (fromZ !== undefined) return fromZ;
  const first = words(comment)[0];
  return first !== undefined && atomicNumber(first) !== undefined ? first : undefined;
}

function readFuncflFile({ text: src, source }: PotentialSource): FuncflFile {
  const text = new PotentialText(src, source);
  const comment = text.rawLine('the comment line').text;
  const head = readElementLine(text, "the element line 'Z mass a lattice'");
  const grid = readGrid(text);
  for (const [name, n] of [['nrho', grid.nrho], ['nr', grid.nr]] as const) {
    if (n < FUNCFL_MIN_POINTS) {
      text.fail(
        grid.line,
        `${name} = ${n} is too few points for a funcfl file: LAMMPS regrids it to one point fewer and the spline needs at least 5`,
      );
    }
  }
  const element =
    nameElement(comment, head.fields, head.z) ??
    text.fail(head.line, `cannot name the element: Z = ${head.z} is not 1..103 and neither line 1 nor line 2 names one`);
  const frho = text.table(grid.nrho, `table F of element ${element}`);
  const zr = text.table(grid.nr, `table Z of element ${element}`);
  const rhor = text.table(grid.nr, `table rho of element ${element}`);
  text.end();
  const { nrho, drho, nr, dr, cutoff } = grid;
  return { text, nameLine: head.line, element, mass: head.mass, nrho, drho, nr, dr, cutoff, frho, zr, rhor };
}

/**
 * LAMMPS's 4-point Lagrange interpolation of a file table f (spacing dFile) onto n points spaced d.
 * Written with 1-based k, as the scheme is stated; f itself is 0-based, so f_k is f[k - 1].
 */
function regrid(f: Float64Array, dFile: number, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let m = 1; m <= n; m++) {
    let p = ((m - 1) * d) / dFile + 1.0;
    let k = Math.trunc(p);
    k = Math.min(k, f.length - 2);
    k = Math.max(k, 2);
    p -= k;
    p = Math.min(p, 2.0);
    const cof1 = -SIXTH * p * (p - 1.0) * (p - 2.0);
    const cof2 = 0.5 * (p * p - 1.0) * (p - 2.0);
    const cof3 = -0.5 * p * (p + 1.0) * (p - 2.0);
    const cof4 = SIXTH * p * (p * p - 1.0);
    out[m - 1] = cof1 * f[k - 2] + cof2 * f[k - 1] + cof3 * f[k] + cof4 * f[k + 1];
  }
  return out;
}

/**
 * DYNAMO funcfl files (`pair_style eam`, one element per file), combined as LAMMPS combines the
 * files of one simulation: every table is regridded onto a common grid with the largest spacings
 * and the longest ranges, which has one point fewer than a lone file's (LAMMPS rounds
 * (n - 1)·Δ / Δ to n - 1 points). Pairs mix by r·φ_ij = 27.2·0.529·Z_i(r)·Z_j(r).
 */
export function readFuncfl(files: readonly PotentialSource[]): EamPotential {
  if (files.length === 0) throw new Error('readFuncfl: no funcfl files given');
  const parsed = files.map(readFuncflFile);
  parsed.forEach((f, i) => {
    const first = parsed.findIndex((g) => g.element === f.element);
    if (first < i) {
      f.text.fail(
        f.nameLine,
        `element ${f.element} is also described by ${parsed[first].text.source} (duplicated element names)`,
      );
    }
  });
  const max = (key: (f: FuncflFile) => number) => Math.max(...parsed.map(key));
  const dr = max((f) => f.dr);
  const drho = max((f) => f.drho);
  const nr = Math.floor(max((f) => (f.nr - 1) * f.dr) / dr + 0.5);
  const nrho = Math.floor(max((f) => (f.nrho - 1) * f.drho) / drho + 0.5);
  const zr = parsed.map((f) => regrid(f.zr, f.dr, nr, dr));
  const z2r: Float64Array[][] = parsed.map(() => []);
  for (let i = 0; i < parsed.length; i++) {
    for (let j = 0; j <= i; j++) {
      const t = new Float64Array(nr);
      for (let m = 0; m < nr; m++) t[m] = HARTREE_TIMES_BOHR * zr[i][m] * zr[j][m];
      z2r[i][j] = t;
      z2r[j][i] = t;
    }
  }
  const rho = parsed.map((f) => regrid(f.rhor, f.dr, nr, dr));
  return {
    format: 'eam',
    source: files.map((f) => f.source).join(' + '),
    elements: parsed.map((f) => f.element),
    masses: parsed.map((f) => f.mass),
    nrho,
    drho,
    nr,
    dr,
    cutoff: max((f) => f.cutoff),
    frho: parsed.map((f) => regrid(f.frho, f.drho, nrho, drho)),
    rhor: rho.map((r) => parsed.map(() => r)),
    z2r,
  };
}
