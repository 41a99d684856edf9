import type { Box } from '../system/box';
import { formatE, formatG } from './cFormat';
import { ParseError } from './parseError';
import { parseCount, parseReal, splitLines, words } from './tokens';

/** One frame of a LAMMPS text dump, per-atom values by column name, in file order. */
export interface LammpsDumpFrame {
  readonly timestep: number;
  readonly natoms: number;
  readonly box: Box;
  /** The boundary flags of `ITEM: BOX BOUNDS`, e.g. ['pp', 'pp', 'pp']. */
  readonly boundary: readonly [string, string, string];
  readonly columns: readonly string[];
  readonly data: Map<string, Float64Array>;
}

/**
 * How far the bounding box of a triclinic cell reaches beyond the cell along x and y:
 * LAMMPS's dump writes bounds = cell bounds + these offsets (see the `dump` doc page).
 */
function boundOffsets(xy: number, xz: number, yz: number): { xlo: number; xhi: number; ylo: number; yhi: number } {
  return {
    xlo: Math.min(0, xy, xz, xy + xz),
    xhi: Math.max(0, xy, xz, xy + xz),
    ylo: Math.min(0, yz),
    yhi: Math.max(0, yz),
  };
}

interface Cursor {
  readonly lines: readonly string[];
  i: number;
}

/** The next non-blank line as words, with its 1-based number; null at the end of the text. */
function nextLine(c: Cursor): { words: string[]; line: number } | null {
  while (c.i < c.lines.length) {
    const w = words(c.lines[c.i++]);
    if (w.length > 0) return { words: w, line: c.i };
  }
  return null;
}

function requireLine(c: Cursor, what: string, source: string): { words: string[]; line: number } {
  const l = nextLine(c);
  if (!l) throw new ParseError(source, c.lines.length, `the file ends where ${what} should be`);
  return l;
}

interface BoxItem {
  readonly box: Box;
  readonly boundary: [string, string, string];
}

function readBox(c: Cursor, rest: readonly string[], line: number, source: string): BoxItem {
  if (rest.includes('abc')) {
    throw new ParseError(source, line, 'general triclinic dumps (BOX BOUNDS abc origin) are not supported');
  }
  const triclinic = rest[0] === 'xy';
  if (triclinic && !(rest[1] === 'xz' && rest[2] === 'yz')) {
    throw new ParseError(
      source,
      line,
      `expected 'ITEM: BOX BOUNDS xy xz yz ...', found 'ITEM: BOX BOUNDS ${rest.join(' ')}'`,
    );
  }
  const flags = triclinic ? rest.slice(3) : rest;
  // Dumps from before LAMMPS wrote boundary flags are periodic in practice.
  const boundary: [string, string, string] = flags.length === 3 ? [flags[0], flags[1], flags[2]] : ['pp', 'pp', 'pp'];
  const ncols = triclinic ? 3 : 2;
  const rows: number[][] = [];
  for (let a = 0; a < 3; a++) {
    const l = requireLine(c, `box bound line ${a + 1} of 3`, source);
    if (l.words.length !== ncols) {
      throw new ParseError(
        source,
        l.line,
        `${triclinic ? 'a triclinic' : 'an orthogonal'} box bound line has ${ncols} numbers, found ${l.words.length}`,
      );
    }
    rows.push(l.words.map((w, k) => parseReal(w, `box bound ${k + 1}`, source, l.line)));
  }
  const [xy, xz, yz] = triclinic ? [rows[0][2], rows[1][2], rows[2][2]] : [0, 0, 0];
  const off = boundOffsets(xy, xz, yz);
  const xlo = rows[0][0] - off.xlo;
  const xhi = rows[0][1] - off.xhi;
  const ylo = rows[1][0] - off.ylo;
  const yhi = rows[1][1] - off.yhi;
  const [zlo, zhi] = rows[2];
  if (!(xhi > xlo && yhi > ylo && zhi > zlo)) throw new ParseError(source, line, 'the box bounds give an empty cell');
  return { box: { lo: [xlo, ylo, zlo], lx: xhi - xlo, ly: yhi - ylo, lz: zhi - zlo, xy, xz, yz }, boundary };
}

/** Reads the first frame of a LAMMPS text dump (`dump atom` or `dump custom`); later frames are ignored. */
export function readLammpsDump(text: string, source: string): LammpsDumpFrame {
  const c: Cursor = { lines: splitLines(text), i: 0 };
  let timestep: number | null = null;
  let natoms: number | null = null;
  let boxed: BoxItem | null = null;
  for (;;) {
    const l = nextLine(c);
    if (!l) throw new ParseError(source, c.lines.length, "the file ends before 'ITEM: ATOMS'");
    if (l.words[0] !== 'ITEM:') {
      throw new ParseError(source, l.line, `expected an 'ITEM:' line, found '${l.words.join(' ')}'`);
    }
    const item = l.words.slice(1).join(' ');
    if (item === 'TIMESTEP') {
      const v = requireLine(c, 'the timestep', source);
      timestep = parseCount(v.words[0], 'timestep', source, v.line);
    } else if (item === 'UNITS' || item === 'TIME') {
      requireLine(c, `the ${item.toLowerCase()} value`, source);
    } else if (item === 'NUMBER OF ATOMS') {
      const v = requireLine(c, 'the number of atoms', source);
      natoms = parseCount(v.words[0], 'number of atoms', source, v.line);
    } else if (item.startsWith('BOX BOUNDS')) {
      boxed = readBox(c, l.words.slice(3), l.line, source);
    } else if (l.words[1] === 'ATOMS') {
      if (timestep === null) throw new ParseError(source, l.line, "'ITEM: ATOMS' comes before any 'ITEM: TIMESTEP'");
      if (natoms === null) throw new ParseError(source, l.line, "'ITEM: ATOMS' comes before 'ITEM: NUMBER OF ATOMS'");
      if (!boxed) throw new ParseError(source, l.line, "'ITEM: ATOMS' comes before 'ITEM: BOX BOUNDS'");
      const columns = l.words.slice(2);
      if (columns.length === 0) throw new ParseError(source, l.line, "'ITEM: ATOMS' names no columns");
      const repeated = columns.find((name, k) => columns.indexOf(name) !== k);
      if (repeated !== undefined) throw new ParseError(source, l.line, `column '${repeated}' appears twice`);
      const n = natoms;
      const values = columns.map(() => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const r = nextLine(c);
        if (!r || r.words[0] === 'ITEM:') {
          throw new ParseError(source, r ? r.line : c.lines.length, `expected ${n} atom lines, found ${i}`);
        }
        if (r.words.length !== columns.length) {
          throw new ParseError(
            source,
            r.line,
            `expected ${columns.length} columns (${columns.join(' ')}), found ${r.words.length}`,
          );
        }
        r.words.forEach((w, k) => (values[k][i] = parseReal(w, `column ${columns[k]}`, source, r.line)));
      }
      const data = new Map(columns.map((name, k) => [name, values[k]]));
      return { timestep, natoms, box: boxed.box, boundary: boxed.boundary, columns, data };
    } else {
      throw new ParseError(source, l.line, `unknown item 'ITEM: ${item}'`);
    }
  }
}

export interface WriteLammpsDumpOptions {
  readonly timestep: number;
  readonly box: Box;
  readonly columns: readonly string[];
  /** One array per column: rows[c][i] is column c of atom i. */
  readonly rows: readonly (Float64Array | Int32Array)[];
  /** Per column name; integer arrays default to `%d`, real ones to `%.12g`. */
  readonly formats?: Readonly<Record<string, (value: number) => string>>;
  /** Write the `xy xz yz` box form even for zero tilts; it is always used when a tilt is non-zero. */
  readonly triclinic?: boolean;
  readonly boundary?: readonly [string, string, string];
}

/** One frame in the layout of LAMMPS `dump custom`, which OVITO and readLammpsDump read. */
export function writeLammpsDump(opts: WriteLammpsDumpOptions): string {
  const { box, columns, rows } = opts;
  if (columns.length === 0) throw new Error('writeLammpsDump: no columns');
  if (rows.length !== columns.length) {
    throw new Error(`writeLammpsDump: ${columns.length} column names but ${rows.length} arrays of values`);
  }
  const natoms = rows[0].length;
  rows.forEach((r, k) => {
    if (r.length !== natoms) {
      throw new Error(
        `writeLammpsDump: column ${columns[k]} has ${r.length} values, column ${columns[0]} has ${natoms}`,
      );
    }
  });
  const { lo, lx, ly, lz, xy, xz, yz } = box;
  const triclinic = opts.triclinic === true || xy !== 0 || xz !== 0 || yz !== 0;
  const bound = (x: number) => formatE(x, 16);
  const off = boundOffsets(xy, xz, yz);
  const flags = (opts.boundary ?? ['pp', 'pp', 'pp']).join(' ');
  const out = ['ITEM: TIMESTEP', String(opts.timestep), 'ITEM: NUMBER OF ATOMS', String(natoms)];
  if (triclinic) {
    out.push(
      `ITEM: BOX BOUNDS xy xz yz ${flags}`,
      `${bound(lo[0] + off.xlo)} ${bound(lo[0] + lx + off.xhi)} ${bound(xy)}`,
      `${bound(lo[1] + off.ylo)} ${bound(lo[1] + ly + off.yhi)} ${bound(xz)}`,
      `${bound(lo[2])} ${bound(lo[2] + lz)} ${bound(yz)}`,
    );
  } else {
    out.push(
      `ITEM: BOX BOUNDS ${flags}`,
      `${bound(lo[0])} ${bound(lo[0] + lx)}`,
      `${bound(lo[1])} ${bound(lo[1] + ly)}`,
      `${bound(lo[2])} ${bound(lo[2] + lz)}`,
    );
  }
  out.push(`ITEM: ATOMS ${columns.join(' ')}`);
  const fmt = rows.map(
    (r, k) => opts.formats?.[columns[k]] ?? (r instanceof Int32Array ? String : (x: number) => formatG(x, 12)),
  );
  for (let i = 0; i < natoms; i++) out.push(rows.map((r, k) => fmt[k](r[i])).join(' '));
  return out.join('\n') + '\n';
}
