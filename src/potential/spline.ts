/**
 * Cubic interpolation on a uniform grid as LAMMPS's pair_eam builds it: knot slopes from a
 * five-point stencil (one-sided differences at the two ends), Hermite cubics between knots.
 * Per knot m (0-based) the 7 coefficients are, in LAMMPS's order,
 *   [3c3/Δ, 2c2/Δ, c1/Δ, c3, c2, c1, f_m]
 * so that on [m, m+1] with p ∈ [0, 1]: f = ((c3 p + c2) p + c1) p + f_m and
 * f' = ((3c3/Δ) p + 2c2/Δ) p + c1/Δ. The last knot's cubic is flat (c3 = c2 = 0).
 */
export const SPLINE_STRIDE = 7;

export function splineCoefficients(f: ArrayLike<number>, delta: number): Float64Array {
  const n = f.length;
  if (n < 5) throw new Error(`a spline table needs at least 5 points, got ${n}`);
  const s = new Float64Array(n * SPLINE_STRIDE);
  const at = (m: number, k: number) => m * SPLINE_STRIDE + k;
  for (let m = 0; m < n; m++) s[at(m, 6)] = f[m];
  s[at(0, 5)] = s[at(1, 6)] - s[at(0, 6)];
  s[at(1, 5)] = 0.5 * (s[at(2, 6)] - s[at(0, 6)]);
  s[at(n - 2, 5)] = 0.5 * (s[at(n - 1, 6)] - s[at(n - 3, 6)]);
  s[at(n - 1, 5)] = s[at(n - 1, 6)] - s[at(n - 2, 6)];
  for (let m = 2; m <= n - 3; m++) {
    s[at(m, 5)] = (s[at(m - 2, 6)] - s[at(m + 2, 6)] + 8.0 * (s[at(m + 1, 6)] - s[at(m - 1, 6)])) / 12.0;
  }
  for (let m = 0; m < n - 1; m++) {
    s[at(m, 4)] = 3.0 * (s[at(m + 1, 6)] - s[at(m, 6)]) - 2.0 * s[at(m, 5)] - s[at(m + 1, 5)];
    s[at(m, 3)] = s[at(m, 5)] + s[at(m + 1, 5)] - 2.0 * (s[at(m + 1, 6)] - s[at(m, 6)]);
  }
  s[at(n - 1, 4)] = 0.0;
  s[at(n - 1, 3)] = 0.0;
  for (let m = 0; m < n; m++) {
    s[at(m, 2)] = s[at(m, 5)] / delta;
    s[at(m, 1)] = (2.0 * s[at(m, 4)]) / delta;
    s[at(m, 0)] = (3.0 * s[at(m, 3)]) / delta;
  }
  return s;
}
