import { ParseError } from './parseError';

// Decimal and exponent forms only: Number() would also take '', '0x1f', 'Infinity' and ' 1 '.
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Lines of a text file without their terminators; index i is line i + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** The text before a `#` comment, as LAMMPS reads its input files. */
export function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

export function words(content: string): string[] {
  const t = content.trim();
  return t.length === 0 ? [] : t.split(/\s+/);
}

/** A finite float, or a located error naming what the token was meant to be. */
export function parseReal(token: string, what: string, source: string, line: number): number {
  const v = FLOAT.test(token) ? Number(token) : NaN;
  if (!Number.isFinite(v)) {
    const why = FLOAT.test(token) ? 'is out of the double-precision range' : 'is not a finite number';
    throw new ParseError(source, line, `${what} '${token}' ${why}`);
  }
  return v;
}

/** A 32-bit signed integer, or a located error naming what the token was meant to be. */
export function parseInt32(token: string, what: string, source: string, line: number): number {
  const v = INTEGER.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(v)) throw new ParseError(source, line, `${what} '${token}' is not an integer`);
  if (v < -2147483648 || v > 2147483647) throw new ParseError(source, line, `${what} ${token} is too large`);
  return v;
}

/** A non-negative integer count that fits exactly in a double. */
export function parseCount(token: string, what: string, source: string, line: number): number {
  const v = INTEGER.test(token) ? Number(token) : NaN;
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new ParseError(source, line, `${what} '${token}' is not a non-negative integer`);
  }
  return v;
}
