import type { EamPotential } from './eam';
import { ParseError } from '../io/parseError';
import { isNumber, parseInteger, parseReal } from '../io/tokens';
import { PotentialText } from './potentialText';

/** The two DYNAMO setfl layouts; they differ only in how many density tables each element has. */
export type SetflFormat = 'eam/alloy' | 'eam/fs';

export interface Grid {
  readonly line: number;
  readonly nrho: number;
  readonly drho: number;
  readonly nr: number;
  readonly dr: number;
  readonly cutoff: number;
}

const SPLINE_MIN_POINTS = 5;

/** The `nrho drho nr dr cutoff` line that setfl, fs and funcfl files share. */
export function readGrid(text: PotentialText): Grid {
  const { line, fields } = text.fieldLine("the grid line 'nrho drho nr dr cutoff'");
  if (fields.length < 5) {
    text.fail(line, `expected 5 numbers 'nrho drho nr dr cutoff', got ${fields.length}: '${fields.join(' ')}'`);
  }
  const count = (token: string, name: string) => {
    const n = parseInteger(token, name, text.source, line);
    if (n <= 0) text.fail(line, `${name} must be a positive integer, got ${token}`);
    if (n < SPLINE_MIN_POINTS) {
      text.fail(line, `${name} = ${n} is too few points: the spline needs at least ${SPLINE_MIN_POINTS}`);
    }
    return n;
  };
  const positive = (token: string, name: string) => {
    const x = parseReal(token, name, text.source, line);
    if (x <= 0) text.fail(line, `${name} must be positive, got ${token}`);
    return x;
  };
  return {
    line,
    nrho: count(fields[0], 'nrho'),
    drho: positive(fields[1], 'drho'),
    nr: count(fields[2], 'nr'),
    dr: positive(fields[3], 'dr'),
    // A cutoff beyond the r table is allowed, as in LAMMPS: it clamps r to the last value there.
    cutoff: positive(fields[4], 'cutoff'),
  };
}

export interface ElementLine {
  readonly line: number;
  readonly fields: readonly string[];
  readonly z: number;
  readonly mass: number;
}

/** An element line `Z mass [a lattice]`; like LAMMPS, only the first two fields matter. */
export function readElementLine(text: PotentialText, what: string): ElementLine {
  const { line, fields } = text.fieldLine(what);
  if (fields.length < 2) text.fail(line, `${what} needs 'Z mass', got '${fields.join(' ')}'`);
  const z = parseInteger(fields[0], `${what}: Z`, text.source, line);
  if (z < 0) text.fail(line, `${what}: Z must not be negative, got ${fields[0]}`);
  const mass = parseReal(fields[1], `${what}: mass`, text.source, line);
  if (mass <= 0) text.fail(line, `${what}: mass must be positive, got ${fields[1]}`);
  return { line, fields, z, mass };
}

function readElementNames(text: PotentialText): string[] {
  const { line, fields } = text.fieldLine("the element line 'N el1 ... elN'");
  const n = parseInteger(fields[0], 'the number of elements', text.source, line);
  if (n < 1) text.fail(line, `the number of elements must be at least 1, got ${fields[0]}`);
  const names = fields.slice(1);
  if (names.length !== n) {
    text.fail(line, `the line says ${n} elements but names ${names.length}: '${names.join(' ')}'`);
  }
  names.forEach((name, i) => {
    if (isNumber(name)) text.fail(line, `element name '${name}' is a number`);
    if (names.indexOf(name) !== i) text.fail(line, `element ${name} is named twice (duplicated element names)`);
  });
  return names;
}

/** r·φ tables in file order: the lower triangle i ≥ j, row by row; the matrix shares each table. */
function readPairTables(text: PotentialText, elements: readonly string[], nr: number): Float64Array[][] {
  const z2r: Float64Array[][] = elements.map(() => []);
  elements.forEach((a, i) => {
    for (let j = 0; j <= i; j++) {
      const t = text.table(nr, `table r*phi of pair ${a}-${elements[j]}`);
      z2r[i][j] = t;
      z2r[j][i] = t;
    }
  });
  return z2r;
}

/** Reads one layout without guessing at the other; format detection builds on this. */
export function parseSetflLayout(src: string, source: string, format: SetflFormat): EamPotential {
  const text = new PotentialText(src, source);
  for (let i = 1; i <= 3; i++) text.rawLine(`comment line ${i}`);
  const elements = readElementNames(text);
  const grid = readGrid(text);
  const masses: number[] = [];
  const frho: Float64Array[] = [];
  const rhor: Float64Array[][] = [];
  for (const el of elements) {
    masses.push(readElementLine(text, `the element line of ${el}`).mass);
    frho.push(text.table(grid.nrho, `table F of element ${el}`));
    if (format === 'eam/fs') {
      // Block s, sub-table h is what an s neighbour puts on an h host: LAMMPS's eam/fs reads it so.
      rhor.push(elements.map((host) => text.table(grid.nr, `table rho(${el}->${host}) of element ${el}`)));
    } else {
      const rho = text.table(grid.nr, `table rho of element ${el}`);
      rhor.push(elements.map(() => rho));
    }
  }
  const z2r = readPairTables(text, elements, grid.nr);
  text.end();
  const { nrho, drho, nr, dr, cutoff } = grid;
  return { format, source, elements, masses, nrho, drho, nr, dr, cutoff, frho, rhor, z2r };
}

/**
 * Reads a setfl-family file in the given layout. When that fails but the other layout reads the
 * file cleanly, the message says so: the two are easy to confuse, and the symptom (a table line
 * taken for an element line, numbers left over) does not name the cause.
 */
export function readSetflFamily(src: string, source: string, format: SetflFormat): EamPotential {
  try {
    return parseSetflLayout(src, source, format);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const other: SetflFormat = format === 'eam/alloy' ? 'eam/fs' : 'eam/alloy';
    try {
      parseSetflLayout(src, source, other);
    } catch {
      throw e;
    }
    throw new ParseError(
      e.source,
      e.line,
      `${e.problem}; is the format ${other} rather than ${format}? (the file reads cleanly as ${other})`,
    );
  }
}

/** A DYNAMO setfl file (`pair_style eam/alloy`): one density table per element, whatever the host. */
export function readSetfl(text: string, source: string): EamPotential {
  return readSetflFamily(text, source, 'eam/alloy');
}
