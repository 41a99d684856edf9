/**
 * printf-style number formatting, so that files written here match LAMMPS's byte for byte where
 * LAMMPS fixes the format (`%.12g` for dump values with `dump_modify format float`, `%-1.16e` for
 * dump box bounds). JavaScript's toExponential rounds the exact binary value to nearest, as glibc does.
 */

function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

function exponent(e: number): string {
  return `e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function trimFraction(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** C's `%.{precision}g`. */
export function formatG(x: number, precision = 12): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const p = Math.max(1, Math.floor(precision));
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, e] = x.toExponential(p - 1).split('e');
  const X = Number(e);
  const sign = mantissa.startsWith('-') ? '-' : '';
  if (X < -4 || X >= p) return `${trimFraction(mantissa)}${exponent(X)}`;
  // Fixed notation from the same p rounded digits, so both branches agree on rounding.
  const digits = mantissa.replace(/[-.]/g, '');
  const fixed = X >= 0 ? `${digits.slice(0, X + 1)}.${digits.slice(X + 1)}` : `0.${'0'.repeat(-X - 1)}${digits}`;
  return sign + trimFraction(fixed);
}

/** C's `%.{digits}e`. */
export function formatE(x: number, digits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const [mantissa, e] = x.toExponential(digits).split('e');
  const sign = Object.is(x, -0) ? '-' : '';
  return `${sign}${mantissa}${exponent(Number(e))}`;
}
