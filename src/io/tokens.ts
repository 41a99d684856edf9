import { ParseError } from './parseError';

// The decimal forms LAMMPS accepts (strtod without hex, inf or nan); Fortran's 1.0D-03 is not one.
// Number() alone would also take '', '0x1f', 'Infinity' and ' 1 '.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
// Words that strtod reads as NaN or infinity: named apart, since "not a number" would mislead.
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** Lines of a text file without their terminators; index i is line i + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** The text before a `#` comment, as LAMMPS reads its input files. */
export function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

/** The whitespace-separated words of a line; none for a blank one. */
export function words(content: string): string[] {
  const t = content.trim();
  return t.length === 0 ? [] : t.split(/\s+/);
}

/** Why a token is not a finite decimal number, as a phrase that starts with the quoted token; undefined if it is one. */
export function numberProblem(token: string): string | undefined {
  if (NOT_FINITE.test(token)) return `'${token}' is not a finite number`;
  if (!DECIMAL.test(token)) return `'${token}' is not a number`;
  if (!Number.isFinite(Number(token))) {
    return `'${token}' is not a finite number (it is out of the double-precision range)`;
  }
  return undefined;
}

export function isNumber(token: string): boolean {
  return numberProblem(token) === undefined;
}

/** A finite float, or a located error naming what the token was meant to be. */
export function parseReal(token: string, what: string, source: string, line: number): number {
  const problem = numberProblem(token);
  if (problem !== undefined) throw new ParseError(source, line, `${what} ${problem}`);
  return Number(token);
}

/** An integer written in decimal digits, or a located error naming what the token was meant to be. */
export function parseInteger(token: string, what: string, source: string, line: number): number {
  const v = INTEGER.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(v)) throw new ParseError(source, line, `${what} '${token}' is not an integer`);
  return v;
}

/** A 32-bit signed integer, or a located error naming what the token was meant to be. */
export function parseInt32(token: string, what: string, source: string, line: number): number {
  const v = parseInteger(token, what, source, line);
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
