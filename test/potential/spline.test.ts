import { describe, expect, it } from 'vitest';
import { SPLINE_STRIDE, splineCoefficients } from '../../src/potential/spline';

// Evaluation on [m, m+1] as the coefficient layout documents it, independent of any engine code.
function valueAt(s: Float64Array, delta: number, x: number): number {
  const m = Math.floor(x / delta);
  const p = x / delta - m;
  const o = m * SPLINE_STRIDE;
  return ((s[o + 3] * p + s[o + 4]) * p + s[o + 5]) * p + s[o + 6];
}

function slopeAt(s: Float64Array, delta: number, x: number): number {
  const m = Math.floor(x / delta);
  const p = x / delta - m;
  const o = m * SPLINE_STRIDE;
  return (s[o + 0] * p + s[o + 1]) * p + s[o + 2];
}

describe('splineCoefficients', () => {
  const f = Float64Array.from({ length: 12 }, (_, m) => Math.sin(0.7 * m) + 0.1 * m * m);
  const delta = 0.25;
  const s = splineCoefficients(f, delta);

  it('keeps every knot value exactly', () => {
    expect(s).toHaveLength(f.length * SPLINE_STRIDE);
    for (let m = 0; m < f.length; m++) expect(s[m * SPLINE_STRIDE + 6]).toBe(f[m]);
  });

  it('takes interior slopes from the five-point formula and end slopes one-sided', () => {
    const n = f.length;
    const slope = (m: number) => s[m * SPLINE_STRIDE + 5];
    for (let m = 2; m <= n - 3; m++) {
      const fivePoint = (f[m - 2] - f[m + 2] + 8 * (f[m + 1] - f[m - 1])) / 12;
      expect(slope(m)).toBe(fivePoint);
      expect(s[m * SPLINE_STRIDE + 2]).toBe(fivePoint / delta);
    }
    expect(slope(0)).toBe(f[1] - f[0]);
    expect(slope(1)).toBe(0.5 * (f[2] - f[0]));
    expect(slope(n - 2)).toBe(0.5 * (f[n - 1] - f[n - 3]));
    expect(slope(n - 1)).toBe(f[n - 1] - f[n - 2]);
  });

  it('joins the cubics continuously at the knots', () => {
    for (let m = 1; m < f.length - 1; m++) {
      const o = (m - 1) * SPLINE_STRIDE;
      const fromLeft = s[o + 3] + s[o + 4] + s[o + 5] + s[o + 6];
      expect(fromLeft).toBeCloseTo(f[m], 13);
    }
  });

  it('makes the last knot flat', () => {
    const o = (f.length - 1) * SPLINE_STRIDE;
    expect([s[o + 3], s[o + 4]]).toEqual([0, 0]);
  });

  it('reproduces a cubic polynomial (value and derivative) away from the ends', () => {
    const n = 40;
    const d = 0.13;
    const poly = (x: number) => 1.5 - 2.0 * x + 0.75 * x * x - 0.2 * x * x * x;
    const dpoly = (x: number) => -2.0 + 1.5 * x - 0.6 * x * x;
    const c = splineCoefficients(Float64Array.from({ length: n }, (_, m) => poly(m * d)), d);
    // Five-point slopes are exact for cubics from knot 2 to knot n-3, so the Hermite pieces are too.
    for (let i = 0; i <= 200; i++) {
      const x = 2 * d + (i / 200) * (n - 6) * d * 0.999999;
      expect(Math.abs(valueAt(c, d, x) - poly(x))).toBeLessThan(1e-12);
      expect(Math.abs(slopeAt(c, d, x) - dpoly(x))).toBeLessThan(1e-12);
    }
  });

  it('needs five points', () => {
    expect(() => splineCoefficients([1, 2, 3, 4], 0.1)).toThrow(/at least 5 points/);
  });
});
