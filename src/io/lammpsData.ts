import type { Box } from '../system/box';
import type { AtomProperty, AtomSystem } from '../system/system';
import { atomicMass, isElementSymbol } from '../system/elements';
import { elementSymbolProblem, inferElement } from './elements';
import { ParseError } from './parseError';
import { parseCount, parseInt32, parseReal, splitLines, stripComment, words } from './tokens';

export interface ReadLammpsDataOptions {
  /** Element of each LAMMPS type, in type order (the `--elements Cu,Zr` list). */
  readonly elements?: readonly string[];
}

/** Name of the per-atom property that holds a data file's Velocities section (Å/ps in metal units). */
export const VELOCITIES = 'velocities';

// Header counts that only molecular or body styles use: zero is harmless, anything else means the
// file is not atom_style atomic and its sections would be misread.
const NON_ATOMIC_COUNTS = [
  'bonds', 'angles', 'dihedrals', 'impropers',
  'bond types', 'angle types', 'dihedral types', 'improper types',
  'extra bond per atom', 'extra angle per atom', 'extra dihedral per atom', 'extra improper per atom',
  'extra special per atom', 'ellipsoids', 'lines', 'triangles', 'bodies',
];
const BOUNDS = ['xlo xhi', 'ylo yhi', 'zlo zhi'];
const TILTS = 'xy xz yz';
// LAMMPS 2024+ general triclinic cells; the engine needs the restricted (upper-triangular) form.
const GENERAL_TRICLINIC = ['avec', 'bvec', 'cvec', 'abc origin'];
const HEADER_KEYWORDS = ['atoms', 'atom types', ...NON_ATOMIC_COUNTS, ...BOUNDS, TILTS, ...GENERAL_TRICLINIC]
  // Longest first so that 'atom types' is not mistaken for a count of something ending in 'types'.
  .sort((a, b) => b.length - a.length);

const SECTIONS = ['Masses', 'Atoms', 'Velocities'];

interface HeaderLine {
  readonly values: readonly string[];
  readonly line: number;
}

interface Header {
  readonly entries: Map<string, HeaderLine>;
  /** Index in `lines` of the first section keyword, or lines.length. */
  readonly end: number;
}

interface Row {
  readonly line: number;
  readonly words: readonly string[];
  /** Text after `#`, trimmed. */
  readonly comment: string;
}

interface Section {
  readonly name: string;
  readonly line: number;
  readonly comment: string;
  readonly rows: Row[];
}

function commentOf(raw: string): string {
  const hash = raw.indexOf('#');
  return hash < 0 ? '' : raw.slice(hash + 1).trim();
}

function startsSection(w: readonly string[]): boolean {
  return w.length > 0 && /^[A-Za-z]/.test(w[0]);
}

function readHeader(lines: readonly string[], source: string): Header {
  const entries = new Map<string, HeaderLine>();
  // Line 1 is a free-form title, as in LAMMPS.
  let i = 1;
  for (; i < lines.length; i++) {
    const w = words(stripComment(lines[i]));
    if (w.length === 0) continue;
    if (startsSection(w)) break;
    const line = i + 1;
    const content = w.join(' ');
    const keyword = HEADER_KEYWORDS.find((k) => content.endsWith(` ${k}`));
    if (keyword === undefined) throw new ParseError(source, line, `unrecognised header line '${content}'`);
    if (GENERAL_TRICLINIC.includes(keyword)) {
      throw new ParseError(
        source,
        line,
        `general triclinic boxes ('${keyword}') are not supported: write the file with 'xlo xhi', 'ylo yhi', 'zlo zhi' and 'xy xz yz' lines`,
      );
    }
    const previous = entries.get(keyword);
    if (previous) {
      throw new ParseError(source, line, `a second '${keyword}' line (the first is on line ${previous.line})`);
    }
    entries.set(keyword, { values: w.slice(0, w.length - keyword.split(' ').length), line });
  }
  return { entries, end: i };
}

function expectValues(entry: HeaderLine, keyword: string, n: number, source: string): void {
  if (entry.values.length !== n) {
    const wanted = n === 1 ? 'one number' : `${n} numbers`;
    throw new ParseError(
      source,
      entry.line,
      `'${keyword}' needs ${wanted} before it, found ${entry.values.length}: '${[...entry.values, keyword].join(' ')}'`,
    );
  }
}

interface HeaderValues {
  readonly natoms: number;
  readonly ntypes: number;
  readonly atomsLine: number;
  readonly typesLine: number;
  readonly box: Box;
}

function headerValues(header: Header, lines: readonly string[], source: string): HeaderValues {
  const { entries } = header;
  // A missing header line is reported where the header ends: that is where it should have been.
  const endLine = Math.min(header.end + 1, lines.length);
  const count = (keyword: string, what: string): { value: number; line: number } => {
    const e = entries.get(keyword);
    if (!e) throw new ParseError(source, endLine, `the header has no '${what}' line`);
    expectValues(e, keyword, 1, source);
    return { value: parseCount(e.values[0], `the number of ${keyword}`, source, e.line), line: e.line };
  };
  const atoms = count('atoms', 'N atoms');
  const types = count('atom types', 'N atom types');
  if (types.value < 1) throw new ParseError(source, types.line, 'there must be at least one atom type');

  for (const keyword of NON_ATOMIC_COUNTS) {
    const e = entries.get(keyword);
    if (!e) continue;
    expectValues(e, keyword, 1, source);
    if (parseCount(e.values[0], `the number of ${keyword}`, source, e.line) > 0) {
      throw new ParseError(
        source,
        e.line,
        `'${e.values[0]} ${keyword}': only atom_style atomic data files are read, and they have no ${keyword}`,
      );
    }
  }

  const lo = [0, 0, 0];
  const len = [0, 0, 0];
  BOUNDS.forEach((keyword, a) => {
    const e = entries.get(keyword);
    if (!e) throw new ParseError(source, endLine, `the header has no '${keyword}' line`);
    expectValues(e, keyword, 2, source);
    const [loName, hiName] = keyword.split(' ');
    const l = parseReal(e.values[0], loName, source, e.line);
    const h = parseReal(e.values[1], hiName, source, e.line);
    if (!(h > l)) throw new ParseError(source, e.line, `${hiName} (${h}) must be greater than ${loName} (${l})`);
    lo[a] = l;
    len[a] = h - l;
  });

  let tilt = [0, 0, 0];
  const t = entries.get(TILTS);
  if (t) {
    expectValues(t, TILTS, 3, source);
    tilt = TILTS.split(' ').map((name, k) => parseReal(t.values[k], name, source, t.line));
  }

  return {
    natoms: atoms.value,
    ntypes: types.value,
    atomsLine: atoms.line,
    typesLine: types.line,
    box: { lo: [lo[0], lo[1], lo[2]], lx: len[0], ly: len[1], lz: len[2], xy: tilt[0], xz: tilt[1], yz: tilt[2] },
  };
}

function readSections(lines: readonly string[], start: number, source: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i];
    const w = words(stripComment(raw));
    if (w.length === 0) continue;
    const line = i + 1;
    if (startsSection(w)) {
      const name = w.join(' ');
      if (!SECTIONS.includes(name)) {
        throw new ParseError(
          source,
          line,
          `unsupported section '${name}': only Masses, Atoms and Velocities (atom_style atomic) are read`,
        );
      }
      const previous = sections.get(name);
      if (previous) {
        throw new ParseError(source, line, `a second ${name} section (the first is on line ${previous.line})`);
      }
      current = { name, line, comment: commentOf(raw), rows: [] };
      sections.set(name, current);
    } else {
      // `start` is the first section keyword line, so a section is open before any data line.
      current!.rows.push({ line, words: w, comment: commentOf(raw) });
    }
  }
  return sections;
}

function checkType(token: string, ntypes: number, source: string, line: number): number {
  const t = parseInt32(token, 'atom type', source, line);
  if (t < 1 || t > ntypes) {
    throw new ParseError(
      source,
      line,
      `atom type ${t} is outside 1..${ntypes} (the header declares ${ntypes} atom types)`,
    );
  }
  return t - 1;
}

interface MassTable {
  readonly masses: (number | null)[];
  readonly names: (string | null)[];
  readonly lines: (number | null)[];
}

function readMasses(section: Section | undefined, ntypes: number, source: string): MassTable {
  const masses = new Array<number | null>(ntypes).fill(null);
  const names = new Array<string | null>(ntypes).fill(null);
  const lines = new Array<number | null>(ntypes).fill(null);
  if (!section) return { masses, names, lines };
  for (const row of section.rows) {
    if (row.words.length !== 2) {
      throw new ParseError(source, row.line, `a Masses line is 'type mass', found ${row.words.length} columns`);
    }
    const t = checkType(row.words[0], ntypes, source, row.line);
    if (lines[t] !== null) {
      throw new ParseError(source, row.line, `atom type ${t + 1} has a second mass (the first is on line ${lines[t]})`);
    }
    const m = parseReal(row.words[1], 'mass', source, row.line);
    if (!(m > 0)) throw new ParseError(source, row.line, `the mass of atom type ${t + 1} must be positive, found ${m}`);
    masses[t] = m;
    lines[t] = row.line;
    // write_data of LAMMPS with type labels, OVITO and atomsk put the element after the mass.
    const label = words(row.comment)[0];
    if (label !== undefined && isElementSymbol(label)) names[t] = label;
  }
  if (section.rows.length !== ntypes) {
    throw new ParseError(
      source,
      section.line,
      `the Masses section has ${section.rows.length} lines, but the header declares ${ntypes} atom types`,
    );
  }
  return { masses, names, lines };
}

interface Atoms {
  readonly ids: Int32Array;
  readonly types: Int32Array;
  readonly positions: Float64Array;
  readonly images: Int32Array;
}

function readAtoms(section: Section | undefined, head: HeaderValues, source: string): Atoms {
  const { natoms, ntypes } = head;
  if (!section) {
    if (natoms > 0) {
      throw new ParseError(
        source,
        head.atomsLine,
        `the header declares ${natoms} atoms, but the file has no Atoms section`,
      );
    }
    const none = new Int32Array(0);
    return { ids: none, types: none, positions: new Float64Array(0), images: none };
  }
  const style = words(section.comment)[0];
  if (style !== undefined && style !== 'atomic') {
    throw new ParseError(
      source,
      section.line,
      `the Atoms section is for atom_style ${style}; only atom_style atomic is read`,
    );
  }
  const n = section.rows.length;
  const ids = new Int32Array(n);
  const types = new Int32Array(n);
  const positions = new Float64Array(3 * n);
  const images = new Int32Array(3 * n);
  const lineOfId = new Map<number, number>();
  section.rows.forEach((row, i) => {
    const w = row.words;
    if (w.length !== 5 && w.length !== 8) {
      throw new ParseError(
        source,
        row.line,
        `an atom_style atomic Atoms line has 5 columns (id type x y z) or 8 (id type x y z ix iy iz), found ${w.length}`,
      );
    }
    const id = parseInt32(w[0], 'atom id', source, row.line);
    if (id < 1) throw new ParseError(source, row.line, `atom id ${id} must be positive`);
    const first = lineOfId.get(id);
    if (first !== undefined) {
      throw new ParseError(source, row.line, `atom id ${id} appears twice (first on line ${first})`);
    }
    lineOfId.set(id, row.line);
    ids[i] = id;
    types[i] = checkType(w[1], ntypes, source, row.line);
    for (let a = 0; a < 3; a++) {
      positions[3 * i + a] = parseReal(w[2 + a], `${'xyz'[a]} coordinate`, source, row.line);
      if (w.length === 8) images[3 * i + a] = parseInt32(w[5 + a], `i${'xyz'[a]}`, source, row.line);
    }
  });
  if (n !== natoms) {
    throw new ParseError(
      source,
      section.line,
      `the Atoms section has ${n} atom lines, but the header declares ${natoms} atoms`,
    );
  }
  return sortById({ ids, types, positions, images });
}

// Files list atoms in any order (LAMMPS writes them per processor); sorting by id makes every
// output and every comparison with a LAMMPS dump (sorted by id) reproducible.
function sortById(a: Atoms): Atoms {
  const n = a.ids.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a.ids[i] - a.ids[j]);
  if (order.every((k, i) => k === i)) return a;
  const ids = new Int32Array(n);
  const types = new Int32Array(n);
  const positions = new Float64Array(3 * n);
  const images = new Int32Array(3 * n);
  order.forEach((k, i) => {
    ids[i] = a.ids[k];
    types[i] = a.types[k];
    for (let c = 0; c < 3; c++) {
      positions[3 * i + c] = a.positions[3 * k + c];
      images[3 * i + c] = a.images[3 * k + c];
    }
  });
  return { ids, types, positions, images };
}

function readVelocities(section: Section, ids: Int32Array, source: string): AtomProperty {
  const indexOfId = new Map<number, number>();
  ids.forEach((id, i) => indexOfId.set(id, i));
  const values = new Float64Array(3 * ids.length);
  const lineOfIndex = new Map<number, number>();
  for (const row of section.rows) {
    const w = row.words;
    if (w.length !== 4) {
      throw new ParseError(source, row.line, `a Velocities line has 4 columns (id vx vy vz), found ${w.length}`);
    }
    const id = parseInt32(w[0], 'atom id', source, row.line);
    const i = indexOfId.get(id);
    if (i === undefined) {
      throw new ParseError(source, row.line, `a velocity for atom id ${id}, which the Atoms section does not have`);
    }
    const first = lineOfIndex.get(i);
    if (first !== undefined) {
      throw new ParseError(source, row.line, `atom id ${id} has a second velocity (the first is on line ${first})`);
    }
    lineOfIndex.set(i, row.line);
    for (let a = 0; a < 3; a++) values[3 * i + a] = parseReal(w[1 + a], `v${'xyz'[a]}`, source, row.line);
  }
  if (section.rows.length !== ids.length) {
    throw new ParseError(
      source,
      section.line,
      `the Velocities section has ${section.rows.length} lines, but there are ${ids.length} atoms`,
    );
  }
  return { name: VELOCITIES, components: 3, kind: 'real', values };
}

/**
 * Element and mass per type: `--elements` first, then an element named after the mass, then the
 * element whose standard weight matches the mass. `--elements` also supplies missing masses, and
 * a mass that plainly belongs to another element is taken as a wrong `--elements` order.
 */
function typeIdentities(
  table: MassTable,
  head: HeaderValues,
  elements: readonly string[] | undefined,
  source: string,
): { typeNames: (string | null)[]; masses: (number | null)[] } {
  const masses = [...table.masses];
  if (!elements) {
    const typeNames = masses.map((m, t) => table.names[t] ?? (m === null ? null : inferElement(m)));
    return { typeNames, masses };
  }
  if (elements.length !== head.ntypes) {
    throw new ParseError(
      source,
      head.typesLine,
      `--elements names ${elements.length} element${elements.length === 1 ? '' : 's'} (${elements.join(',')}), but the header declares ${head.ntypes} atom types`,
    );
  }
  elements.forEach((el, t) => {
    const problem = elementSymbolProblem(el);
    if (problem) throw new ParseError(source, null, `--elements: ${problem}`);
    const m = masses[t];
    if (m === null) {
      masses[t] = atomicMass(el) ?? null;
      return;
    }
    const implied = inferElement(m);
    if (implied !== null && implied !== el) {
      throw new ParseError(
        source,
        table.lines[t],
        `atom type ${t + 1} has mass ${m}, the mass of ${implied}, but --elements makes it ${el}: check the order of --elements`,
      );
    }
  });
  return { typeNames: [...elements], masses };
}

/** Reads a LAMMPS data file written for `atom_style atomic` (e.g. by `write_data`); atoms come back sorted by id. */
export function readLammpsData(text: string, source: string, opts: ReadLammpsDataOptions = {}): AtomSystem {
  const lines = splitLines(text);
  const header = readHeader(lines, source);
  const head = headerValues(header, lines, source);
  const sections = readSections(lines, header.end, source);
  const table = readMasses(sections.get('Masses'), head.ntypes, source);
  const atoms = readAtoms(sections.get('Atoms'), head, source);
  const velocities = sections.get('Velocities');
  const properties = velocities ? [readVelocities(velocities, atoms.ids, source)] : [];
  const { typeNames, masses } = typeIdentities(table, head, opts.elements, source);
  return {
    natoms: head.natoms,
    ...atoms,
    box: head.box,
    ntypes: head.ntypes,
    typeNames,
    masses,
    properties,
  };
}

/** Throws unless every atom type has a mass, as dynamics and mass-weighted analysis need. */
export function requireMasses(sys: AtomSystem, source: string): void {
  sys.masses.forEach((m, t) => {
    if (m === null) {
      throw new ParseError(source, null, `atom type ${t + 1} has no mass: add a Masses section or pass --elements`);
    }
  });
}

export interface WriteLammpsDataOptions {
  /** The title line; LAMMPS ignores it. */
  readonly comment?: string;
}

// Shortest round-trip decimal: reading it back gives the same double.
const num = (x: number): string => String(x);

/** A data file that LAMMPS `read_data` (atom_style atomic) and readLammpsData read back to the same numbers. */
export function writeLammpsData(sys: AtomSystem, opts: WriteLammpsDataOptions = {}): string {
  const { lo, lx, ly, lz, xy, xz, yz } = sys.box;
  const out: string[] = [
    (opts.comment ?? 'LAMMPS data file written by STZ Lab').replace(/[\r\n]+/g, ' '),
    '',
    `${sys.natoms} atoms`,
    `${sys.ntypes} atom types`,
    '',
    `${num(lo[0])} ${num(lo[0] + lx)} xlo xhi`,
    `${num(lo[1])} ${num(lo[1] + ly)} ylo yhi`,
    `${num(lo[2])} ${num(lo[2] + lz)} zlo zhi`,
    `${num(xy)} ${num(xz)} ${num(yz)} xy xz yz`,
  ];

  const masses = sys.masses.filter((m): m is number => m !== null);
  if (masses.length > 0 && masses.length < sys.ntypes) {
    const t = sys.masses.indexOf(null);
    // read_data needs one Masses line per type, so a partial table cannot be written.
    throw new Error(`writeLammpsData: atom type ${t + 1} has no mass, so no complete Masses section can be written`);
  }
  if (masses.length > 0) {
    out.push('', 'Masses', '');
    masses.forEach((m, t) => {
      const name = sys.typeNames[t];
      out.push(`${t + 1} ${num(m)}${name ? ` # ${name}` : ''}`);
    });
  }

  out.push('', 'Atoms # atomic', '');
  const p = sys.positions;
  const img = sys.images;
  for (let i = 0; i < sys.natoms; i++) {
    const k = 3 * i;
    out.push(
      `${sys.ids[i]} ${sys.types[i] + 1} ${num(p[k])} ${num(p[k + 1])} ${num(p[k + 2])} ${img[k]} ${img[k + 1]} ${img[k + 2]}`,
    );
  }

  const v = sys.properties.find((q) => q.name === VELOCITIES);
  if (v) {
    if (v.components !== 3 || !(v.values instanceof Float64Array)) {
      throw new Error(`writeLammpsData: the '${VELOCITIES}' property must be 3 real components per atom`);
    }
    out.push('', 'Velocities', '');
    for (let i = 0; i < sys.natoms; i++) {
      out.push(`${sys.ids[i]} ${num(v.values[3 * i])} ${num(v.values[3 * i + 1])} ${num(v.values[3 * i + 2])}`);
    }
  }
  return out.join('\n') + '\n';
}
