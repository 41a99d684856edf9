import { findPairs } from '../oracle/pairs';
import { assertBoxFitsCutoff } from '../system/box';
import type { Configuration } from '../protocols/aqs';
import { carrySeparation, checkConfigurations, fractionalDisplacements } from './pairChange';

/**
 * Default neighbour cutoff for D²min, Å. It lies past the first minimum of every partial g(r) of
 * the Cu–Zr glasses shipped here (about 3.2–4.2 Å), inside the second shell, so each atom's whole first
 * shell and part of its second enter the fit (21–38 neighbours in glass_a, 28 on average): Y is
 * then well conditioned everywhere and F is not set by the few neighbours that rearrange.
 */
export const D2MIN_CUTOFF = 5.0;

// Y of an atom is singular (too few or coplanar neighbours) when det Y falls below this fraction
// of (tr Y / 3)³, the determinant of an isotropic neighbourhood of the same size.
const SINGULAR = 1e-10;

/**
 * Falk–Langer non-affine squared displacement D²min per atom, Å², as OVITO's Atomic strain
 * modifier defines it (https://www.ovito.org/docs/current/reference/pipelines/modifiers/atomic_strain.html):
 * the neighbours j of atom i are the atoms within `cutoff` of i in the reference (`before`)
 * configuration, d0 their reference separations and d the current ones, X = Σ d d0ᵀ,
 * Y = Σ d0 d0ᵀ, F = X Y⁻¹ and D²min = Σ |d − F d0|². Like OVITO (AtomicStrainModifier.cpp and
 * LAMMPS fix nonaffine/displacement) the sum is not divided by the number of neighbours, so
 * D²min grows with the cutoff.
 *
 * The current separation is d0 plus the change of the displacement difference, with each atom's
 * displacement taken as its minimum image in fractional coordinates: an atom wrapped across the
 * boundary between the two states, or a neighbour pair that straddles it, then keeps its true
 * separation however far atoms moved. With equal cells this is d = d0 + u_i − u_j (d0 = x_i − x_j),
 * u = x_after − x_before (minimum image); fractional coordinates also keep it exact when the
 * cell itself deforms between the states.
 */
export function d2min(before: Configuration, after: Configuration, cutoff = D2MIN_CUTOFF): Float64Array {
  const n = checkConfigurations(before, after, 'D²min');
  if (!(cutoff > 0 && Number.isFinite(cutoff))) throw new Error(`D²min: the cutoff must be a positive distance in Å, got ${cutoff}`);
  assertBoxFitsCutoff(before.box, cutoff, 'D²min');
  const ds = fractionalDisplacements(before, after, n);
  const pairs = findPairs(before.box, before.positions, cutoff);
  // Current separations of the reference pairs. The sign of a pair's vectors does not matter
  // (X, Y and the residual are even in them), so each pair serves both its atoms as it is.
  const current = new Float64Array(3 * pairs.count);
  for (let q = 0; q < pairs.count; q++) carrySeparation(before.box, after.box, pairs.del, 3 * q, ds, pairs.i[q], pairs.j[q], 1, current, 3 * q);

  const X = new Float64Array(9 * n);
  const Y = new Float64Array(9 * n);
  for (let q = 0; q < pairs.count; q++) {
    for (const atom of [pairs.i[q], pairs.j[q]]) {
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 3; c++) {
          X[9 * atom + 3 * r + c] += current[3 * q + r] * pairs.del[3 * q + c];
          Y[9 * atom + 3 * r + c] += pairs.del[3 * q + r] * pairs.del[3 * q + c];
        }
      }
    }
  }
  const F = new Float64Array(9 * n);
  for (let i = 0; i < n; i++) deformationGradient(X, Y, i, F);

  // The residual itself, not tr(Σ d dᵀ) − tr(X Y⁻¹ Xᵀ), which would lose D²min ≪ |d|² to cancellation.
  const out = new Float64Array(n);
  for (let q = 0; q < pairs.count; q++) {
    for (const atom of [pairs.i[q], pairs.j[q]]) {
      for (let r = 0; r < 3; r++) {
        let e = current[3 * q + r];
        for (let c = 0; c < 3; c++) e -= F[9 * atom + 3 * r + c] * pairs.del[3 * q + c];
        out[atom] += e * e;
      }
    }
  }
  return out;
}

/** F_i = X_i Y_i⁻¹ into F[9i..], or a clear error where Y_i cannot be inverted. */
function deformationGradient(X: Float64Array, Y: Float64Array, i: number, F: Float64Array): void {
  const y = Y.subarray(9 * i, 9 * i + 9);
  // Cofactors of the symmetric Y; det by expansion along the first row.
  const c00 = y[4] * y[8] - y[5] * y[7];
  const c01 = y[5] * y[6] - y[3] * y[8];
  const c02 = y[3] * y[7] - y[4] * y[6];
  const det = y[0] * c00 + y[1] * c01 + y[2] * c02;
  const iso = ((y[0] + y[4] + y[8]) / 3) ** 3;
  if (!(det > SINGULAR * iso)) {
    throw new Error(
      `D²min: atom ${i} has fewer than 3 non-coplanar neighbours within the cutoff, so its local ` +
        'deformation gradient is undefined (use a larger cutoff)',
    );
  }
  const inv = [
    c00, y[2] * y[7] - y[1] * y[8], y[1] * y[5] - y[2] * y[4],
    c01, y[0] * y[8] - y[2] * y[6], y[2] * y[3] - y[0] * y[5],
    c02, y[1] * y[6] - y[0] * y[7], y[0] * y[4] - y[1] * y[3],
  ].map((c) => c / det);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += X[9 * i + 3 * r + k] * inv[3 * k + c];
      F[9 * i + 3 * r + c] = s;
    }
  }
}
