import type { Box, Vec3 } from '../system/box';
import type { AtomProperty, AtomSystem } from '../system/system';
import { atomicMass, isElementSymbol } from '../system/elements';
import { elementSymbolProblem } from './elements';
import { type ColumnKind, type ColumnSpec, type ExtXyzInfo, parseExtXyzInfo, parseProperties } from './extxyzHeader';
import { type LammpsCell, lammpsCell, rotate } from './lammpsCell';
import { ParseError } from './parseError';
import { parseCount, parseInt32, parseReal, splitLines, words } from './tokens';

export interface ReadExtXyzOptions {
  /** Element of each type, in type order (`--elements Cu,Zr`); otherwise types follow first appearance. */
  readonly elements?: readonly string[];
}

/** An extended XYZ frame as an AtomSystem, with the comment line's pairs and what was changed on reading. */
export interface ExtXyzSystem extends AtomSystem {
  readonly info: ExtXyzInfo;
  /** Things the reader did that the user should know, such as rotating the cell into LAMMPS's orientation. */
  readonly warnings: readonly string[];
}

// Columns that become AtomSystem fields rather than properties.
const SPECIES = 'species';
const POS = 'pos';
const ID = 'id';
const TYPE = 'type';
const DEFAULT_PROPERTIES = 'species:S:1:pos:R:3';

type ColumnValues = Float64Array | Int32Array | string[];

interface Column {
  readonly spec: ColumnSpec;
  readonly values: ColumnValues;
}

function parseVector(value: string, n: number, key: string, source: string): number[] {
  const w = words(value);
  if (w.length !== n) throw new ParseError(source, 2, `${key}="${value}" must hold ${n} numbers, found ${w.length}`);
  return w.map((t) => parseReal(t, key, source, 2));
}

function parseBool(token: string, name: string, source: string, line: number): number {
  if (/^(T|True|true|TRUE)$/.test(token)) return 1;
  if (/^(F|False|false|FALSE)$/.test(token)) return 0;
  throw new ParseError(source, line, `column ${name} '${token}' is not a logical value (T or F)`);
}

/** pos.y for vectors, c_sa[2] for other multi-component columns, as OVITO and LAMMPS name them. */
function componentName(spec: ColumnSpec, c: number): string {
  if (spec.components === 1) return spec.name;
  return spec.components === 3 ? `${spec.name}.${'xyz'[c]}` : `${spec.name}[${c + 1}]`;
}

function readColumns(lines: readonly string[], specs: readonly ColumnSpec[], natoms: number, source: string): Column[] {
  const total = specs.reduce((s, c) => s + c.components, 0);
  const layout = specs.map((c) => `${c.name}:${c.components}`).join(' ');
  const columns: Column[] = specs.map((spec) => {
    const size = natoms * spec.components;
    if (spec.kind === 'R') return { spec, values: new Float64Array(size) };
    if (spec.kind === 'S') return { spec, values: new Array<string>(size) };
    return { spec, values: new Int32Array(size) };
  });
  for (let i = 0; i < natoms; i++) {
    const line = i + 3;
    const w = words(lines[i + 2] ?? '');
    if (w.length === 0) {
      throw new ParseError(
        source,
        Math.min(line, lines.length),
        `line 1 says ${natoms} atoms, but only ${i} atom lines follow the comment line`,
      );
    }
    if (w.length !== total) {
      throw new ParseError(
        source,
        line,
        `Properties names ${total} columns (${layout}), but this line has ${w.length}`,
      );
    }
    let k = 0;
    for (const { spec, values } of columns) {
      for (let c = 0; c < spec.components; c++, k++) {
        const at = i * spec.components + c;
        const name = componentName(spec, c);
        if (values instanceof Float64Array) values[at] = parseReal(w[k], `column ${name}`, source, line);
        else if (Array.isArray(values)) values[at] = w[k];
        else if (spec.kind === 'L') values[at] = parseBool(w[k], name, source, line);
        else values[at] = parseInt32(w[k], `column ${name}`, source, line);
      }
    }
  }
  // One frame is read; what follows must be the next frame's atom count, not more atoms.
  const after = words(lines[natoms + 2] ?? '');
  if (after.length > 1) {
    throw new ParseError(source, natoms + 3, `line 1 says ${natoms} atoms, but atom lines continue past that count`);
  }
  return columns;
}

function column(columns: readonly Column[], name: string, kind: ColumnKind, components: number, source: string) {
  const c = columns.find((col) => col.spec.name === name);
  if (c && (c.spec.kind !== kind || c.spec.components !== components)) {
    throw new ParseError(
      source,
      2,
      `Properties: column '${name}' must be ${name}:${kind}:${components}, found ${name}:${c.spec.kind}:${c.spec.components}`,
    );
  }
  return c;
}

interface Typing {
  readonly types: Int32Array;
  readonly ntypes: number;
  readonly typeNames: (string | null)[];
}

function assignTypes(
  natoms: number,
  species: readonly string[] | undefined,
  typeColumn: Int32Array | undefined,
  elements: readonly string[] | undefined,
  source: string,
): Typing {
  const types = new Int32Array(natoms);
  if (elements) {
    for (const el of elements) {
      const problem = elementSymbolProblem(el);
      if (problem) throw new ParseError(source, null, `--elements: ${problem}`);
    }
    if (!species) throw new ParseError(source, 2, 'Properties has no species column to match against --elements');
    for (let i = 0; i < natoms; i++) {
      const t = elements.indexOf(species[i]);
      if (t < 0) {
        throw new ParseError(source, i + 3, `species '${species[i]}' is not in --elements (${elements.join(',')})`);
      }
      types[i] = t;
    }
    return { types, ntypes: elements.length, typeNames: [...elements] };
  }
  if (typeColumn) {
    const typeNames: (string | null)[] = [];
    const firstLine: number[] = [];
    for (let i = 0; i < natoms; i++) {
      const t = typeColumn[i] - 1;
      if (t < 0) throw new ParseError(source, i + 3, `type ${typeColumn[i]} must be at least 1`);
      types[i] = t;
      while (typeNames.length <= t) typeNames.push(null);
      if (!species) continue;
      const name = isElementSymbol(species[i]) ? species[i] : null;
      if (firstLine[t] === undefined) {
        firstLine[t] = i + 3;
        typeNames[t] = name;
      } else if (typeNames[t] !== name) {
        throw new ParseError(
          source,
          i + 3,
          `type ${t + 1} is ${species[i]} here but ${typeNames[t] ?? 'not an element'} on line ${firstLine[t]}`,
        );
      }
    }
    return { types, ntypes: typeNames.length, typeNames };
  }
  if (!species) throw new ParseError(source, 2, 'Properties has neither a species nor a type column');
  const order: string[] = [];
  for (let i = 0; i < natoms; i++) {
    let t = order.indexOf(species[i]);
    if (t < 0) t = order.push(species[i]) - 1;
    types[i] = t;
  }
  return { types, ntypes: order.length, typeNames: order.map((s) => (isElementSymbol(s) ? s : null)) };
}

function readIds(idColumn: Int32Array | undefined, natoms: number, source: string): Int32Array {
  if (!idColumn) return Int32Array.from({ length: natoms }, (_, i) => i + 1);
  const lineOf = new Map<number, number>();
  idColumn.forEach((id, i) => {
    if (id < 1) throw new ParseError(source, i + 3, `atom id ${id} must be positive`);
    const first = lineOf.get(id);
    if (first !== undefined) {
      throw new ParseError(source, i + 3, `atom id ${id} appears twice (first on line ${first})`);
    }
    lineOf.set(id, i + 3);
  });
  return idColumn;
}

function toProperty(c: Column): AtomProperty {
  const kind = ({ R: 'real', I: 'int', S: 'string', L: 'bool' } as const)[c.spec.kind];
  return { name: c.spec.name, components: c.spec.components, kind, values: c.values };
}

function cellOf(l: readonly number[], source: string): LammpsCell {
  try {
    return lammpsCell([l[0], l[1], l[2]], [l[3], l[4], l[5]], [l[6], l[7], l[8]]);
  } catch (e) {
    throw new ParseError(source, 2, `Lattice: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function rotateAll(r: readonly number[], xyz: Float64Array): void {
  for (let i = 0; i < xyz.length; i += 3) {
    const v = rotate(r, [xyz[i], xyz[i + 1], xyz[i + 2]]);
    xyz.set(v, i);
  }
}

/**
 * Reads the first frame of an extended XYZ file as ASE and OVITO write it; later frames are
 * ignored. Atoms keep the file's order. A `type` column, when there is no `--elements`, gives the
 * types (1-based in the file); a cell not in LAMMPS's orientation is rotated into it together with
 * the positions and every real 3-vector column, with a warning.
 */
export function readExtXyz(text: string, source: string, opts: ReadExtXyzOptions = {}): ExtXyzSystem {
  const lines = splitLines(text);
  const first = words(lines[0]);
  if (first.length !== 1) {
    throw new ParseError(source, 1, `the first line must be the number of atoms, found '${lines[0]}'`);
  }
  const natoms = parseCount(first[0], 'number of atoms', source, 1);
  if (lines.length < 2) throw new ParseError(source, 1, 'the file ends before the comment line');
  const info = parseExtXyzInfo(lines[1], source, 2);
  const warnings: string[] = [];

  const lattice = info.get('Lattice');
  if (lattice === undefined) {
    throw new ParseError(
      source,
      2,
      'the comment line has no Lattice="ax ay az bx by bz cx cy cz": a periodic cell is needed',
    );
  }
  const l = parseVector(lattice, 9, 'Lattice', source);
  const originText = info.get('Origin');
  const o = originText === undefined ? [0, 0, 0] : parseVector(originText, 3, 'Origin', source);
  const origin: Vec3 = [o[0], o[1], o[2]];
  const cell = cellOf(l, source);
  const pbc = info.get('pbc');
  if (pbc !== undefined && words(pbc).some((f) => !/^(T|True|true)$/.test(f))) {
    warnings.push(`${source}: pbc="${pbc}", but the cell is treated as periodic in all three directions`);
  }

  const specs = parseProperties(info.get('Properties') ?? DEFAULT_PROPERTIES, source, 2);
  const columns = readColumns(lines, specs, natoms, source);
  const positions = column(columns, POS, 'R', 3, source)?.values;
  if (!(positions instanceof Float64Array)) throw new ParseError(source, 2, 'Properties has no pos:R:3 column');
  const species = column(columns, SPECIES, 'S', 1, source)?.values;
  const typeColumn = column(columns, TYPE, 'I', 1, source)?.values;
  const idColumn = column(columns, ID, 'I', 1, source)?.values;
  const typing = assignTypes(
    natoms,
    Array.isArray(species) ? species : undefined,
    typeColumn instanceof Int32Array ? typeColumn : undefined,
    opts.elements,
    source,
  );
  const ids = readIds(idColumn instanceof Int32Array ? idColumn : undefined, natoms, source);
  const consumed = [SPECIES, POS, ID, TYPE];
  const extra = columns.filter((c) => !consumed.includes(c.spec.name));

  let lo = origin;
  if (cell.rotation) {
    const r = cell.rotation;
    lo = rotate(r, origin);
    rotateAll(r, positions);
    const vectors = extra.filter((c) => c.values instanceof Float64Array && c.spec.components === 3);
    for (const c of vectors) if (c.values instanceof Float64Array) rotateAll(r, c.values);
    const also = vectors.length > 0 ? ` and ${vectors.map((c) => c.spec.name).join(', ')}` : '';
    warnings.push(
      `${source}: the cell is not in LAMMPS's orientation (a along x, b in the xy plane): it was rotated into it, with the positions${also}`,
    );
  }
  const { lx, ly, lz, xy, xz, yz } = cell;
  const box: Box = { lo: [lo[0], lo[1], lo[2]], lx, ly, lz, xy, xz, yz };

  return {
    natoms,
    ids,
    types: typing.types,
    positions,
    images: new Int32Array(3 * natoms),
    box,
    ntypes: typing.ntypes,
    typeNames: typing.typeNames,
    masses: typing.typeNames.map((s) => (s === null ? null : (atomicMass(s) ?? null))),
    properties: extra.map(toProperty),
    info,
    warnings,
  };
}

export interface WriteExtXyzOptions {
  /** Columns written after the system's own properties, e.g. analysis results. */
  readonly properties?: readonly AtomProperty[];
}

const KIND_CODE = { real: 'R', int: 'I', string: 'S', bool: 'L' } as const;

function checkProperty(p: AtomProperty, natoms: number): void {
  if (!/^[A-Za-z_][\w[\]]*$/.test(p.name) || [SPECIES, POS, ID, TYPE].includes(p.name)) {
    throw new Error(`writeExtXyz: '${p.name}' cannot be an extended XYZ column name`);
  }
  if (p.values.length !== natoms * p.components) {
    throw new Error(
      `writeExtXyz: property ${p.name} has ${p.values.length} values, expected ${natoms} × ${p.components}`,
    );
  }
  if ((p.kind === 'string') !== Array.isArray(p.values)) {
    throw new Error(
      `writeExtXyz: property ${p.name} is of kind ${p.kind}, so its values must ${p.kind === 'string' ? '' : 'not '}be strings`,
    );
  }
  if (Array.isArray(p.values) && p.values.some((s) => !/^\S+$/.test(s))) {
    throw new Error(`writeExtXyz: property ${p.name} has an empty value or one with spaces`);
  }
}

function formatValue(p: AtomProperty, at: number): string {
  const v = p.values[at];
  if (typeof v === 'string') return v;
  return p.kind === 'bool' ? (v !== 0 ? 'T' : 'F') : String(v);
}

/**
 * One extended XYZ frame for OVITO and ASE: the LAMMPS cell as Lattice rows a, b, c, its corner as
 * Origin, species (type numbers where the element is unknown), positions, ids, 1-based types and
 * the properties, all numbers in shortest round-trip form. Image flags are not written, and a type
 * without atoms leaves no trace (readExtXyz sees only the types that occur).
 */
export function writeExtXyz(sys: AtomSystem, opts: WriteExtXyzOptions = {}): string {
  const props = [...sys.properties, ...(opts.properties ?? [])];
  props.forEach((p, k) => {
    checkProperty(p, sys.natoms);
    if (props.findIndex((q) => q.name === p.name) !== k) {
      throw new Error(`writeExtXyz: two properties are named ${p.name}`);
    }
  });
  const { lo, lx, ly, lz, xy, xz, yz } = sys.box;
  const lattice = [lx, 0, 0, xy, ly, 0, xz, yz, lz].map(String).join(' ');
  const spec = [
    'species:S:1:pos:R:3:id:I:1:type:I:1',
    ...props.map((p) => `${p.name}:${KIND_CODE[p.kind]}:${p.components}`),
  ].join(':');
  const out = [
    String(sys.natoms),
    `Lattice="${lattice}" Origin="${lo.map(String).join(' ')}" Properties=${spec} pbc="T T T"`,
  ];
  const names = Array.from({ length: sys.ntypes }, (_, t) => sys.typeNames[t] ?? String(t + 1));
  const p = sys.positions;
  for (let i = 0; i < sys.natoms; i++) {
    const t = sys.types[i];
    const row = [names[t], ...[p[3 * i], p[3 * i + 1], p[3 * i + 2], sys.ids[i], t + 1].map(String)];
    for (const q of props) for (let c = 0; c < q.components; c++) row.push(formatValue(q, i * q.components + c));
    out.push(row.join(' '));
  }
  return out.join('\n') + '\n';
}
