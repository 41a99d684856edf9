import type { EamPotential } from './eam';
import { readFs } from './fs';
import { readFuncfl } from './funcfl';
import { parseSetflLayout, readSetfl, type SetflFormat } from './setfl';
import { ParseError } from '../io/parseError';
import { isNumber, parseInteger } from '../io/tokens';
import { PotentialText } from './potentialText';

export type PotentialFormat = EamPotential['format'];

/** What a file name says; `.eam` is only a weak hint, since many setfl files are named so too. */
export function formatFromName(source: string): PotentialFormat | undefined {
  const name = source.slice(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1).toLowerCase();
  if (name.endsWith('.alloy') || name.endsWith('.setfl')) return 'eam/alloy';
  if (name.endsWith('.fs')) return 'eam/fs';
  if (name.endsWith('.eam')) return 'eam';
  return undefined;
}

function requireFiveNumbers(text: PotentialText, what: string): void {
  const { line, fields } = text.fieldLine(what);
  if (fields.length < 5 || !fields.slice(0, 5).every(isNumber)) text.fail(line, `'${fields.join(' ')}' is not ${what}`);
}

/** Throws unless lines 4-5 are `N el1 ... elN` and `nrho drho nr dr cutoff`. */
function probeSetflHeader(src: string, source: string): void {
  const text = new PotentialText(src, source);
  for (let i = 1; i <= 3; i++) text.rawLine(`comment line ${i}`);
  const { line, fields } = text.fieldLine("'N el1 ... elN'");
  const n = parseInteger(fields[0], 'the number of elements', text.source, line);
  const names = fields.slice(1);
  if (n < 1 || names.length !== n || names.some(isNumber)) text.fail(line, `'${fields.join(' ')}' is not 'N el1 ... elN'`);
  requireFiveNumbers(text, "'nrho drho nr dr cutoff'");
}

/** Throws unless lines 2-3 are `Z mass ...` and `nrho drho nr dr cutoff`. */
function probeFuncflHeader(src: string, source: string): void {
  const text = new PotentialText(src, source);
  text.rawLine('the comment line');
  const { line, fields } = text.fieldLine("'Z mass a lattice'");
  if (fields.length < 2 || !isNumber(fields[0]) || !isNumber(fields[1])) {
    text.fail(line, `'${fields.join(' ')}' is not 'Z mass a lattice'`);
  }
  requireFiveNumbers(text, "'nrho drho nr dr cutoff'");
}

function probe(check: () => void): ParseError | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
}

/**
 * The setfl layouts differ in their number of table values, N·(nrho + nr) + N(N+1)/2·nr against
 * N·(nrho + N·nr) + N(N+1)/2·nr, so at most one of them reads the file to its end with every
 * element line in place (for N = 1 they are the same layout, read as eam/alloy).
 */
function readSetflByContent(src: string, source: string): EamPotential {
  const failures: [SetflFormat, ParseError][] = [];
  for (const format of ['eam/alloy', 'eam/fs'] as const) {
    try {
      return parseSetflLayout(src, source, format);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      failures.push([format, e]);
    }
  }
  // PotentialText always names a line; null (no line) would count as the start of the file.
  const [format, e] = failures.reduce((a, b) => ((b[1].line ?? 0) > (a[1].line ?? 0) ? b : a));
  throw new ParseError(source, e.line, `${e.problem} (read as ${format}, the layout that gets further)`);
}

/**
 * Reads a LAMMPS EAM potential file. The format, when not given, comes from the file name and the
 * header lines; they must agree, except that a `.eam` name gives way to a setfl header.
 */
export function readPotential(text: string, source: string, format?: PotentialFormat): EamPotential {
  const read = (f: PotentialFormat) =>
    f === 'eam/alloy' ? readSetfl(text, source) : f === 'eam/fs' ? readFs(text, source) : readFuncfl([{ text, source }]);
  if (format !== undefined) return read(format);
  const byName = formatFromName(source);
  const notSetfl = probe(() => probeSetflHeader(text, source));
  const notFuncfl = probe(() => probeFuncflHeader(text, source));
  if (byName === 'eam/alloy' || byName === 'eam/fs') {
    if (notSetfl !== undefined && notFuncfl === undefined) {
      throw new ParseError(
        source,
        2,
        `the name says ${byName}, but lines 2-3 are a funcfl ('eam') header and line 4 is not 'N el1 ... elN'; name the format to read it anyway`,
      );
    }
    return read(byName);
  }
  if (notSetfl === undefined) return readSetflByContent(text, source);
  if (notFuncfl === undefined || byName === 'eam') return read('eam');
  throw new ParseError(
    source,
    notSetfl.line,
    `cannot tell the format: not eam/alloy or eam/fs (${notSetfl.problem}), not eam (line ${notFuncfl.line}: ${notFuncfl.problem}); name the format`,
  );
}
