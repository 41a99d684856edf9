import { describe, expect, it } from 'vitest';
import { COLORMAP_NAMES, cssGradient, mapColor, type ColormapName } from '../../src/app/view3d/colormaps';

function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

/** The colour at t, as the sRGB value a screen shows once three.js has encoded its output. */
function srgbAt(name: ColormapName, t: number): number[] {
  const out = new Float32Array(3);
  mapColor(name, t, out, 0);
  return Array.from(out, linearToSrgb);
}

function fromHex(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
}

/** CIE L* (D65) of a linear-sRGB colour. */
function lightness(rgb: ArrayLike<number>): number {
  const y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

// The knots are table entries and interpolation reproduces the others within 0.5/255; f32 storage
// and the sRGB round trip add well under 0.1/255.
const TOLERANCE = 0.6 / 255;

function expectClose(actual: number[], expected: number[]): void {
  for (let c = 0; c < 3; c++) expect(Math.abs(actual[c] - expected[c])).toBeLessThanOrEqual(TOLERANCE);
}

describe('colour maps', () => {
  it('start and end at the published colours', () => {
    expectClose(srgbAt('viridis', 0), fromHex('#440154'));
    expectClose(srgbAt('viridis', 1), fromHex('#fde725'));
    // matplotlib's cividis; viridisLite's variant of the same map runs #00204d → #ffea46.
    expectClose(srgbAt('cividis', 0), fromHex('#00224e'));
    expectClose(srgbAt('cividis', 1), fromHex('#fee838'));
  });

  it('reproduce published entries between the knots', () => {
    // Entries 10, 128 and 240 of matplotlib's tables.
    expectClose(srgbAt('viridis', 10 / 255), [0.278791, 0.062145, 0.386592]);
    expectClose(srgbAt('viridis', 128 / 255), [0.127568, 0.566949, 0.550556]);
    expectClose(srgbAt('viridis', 240 / 255), [0.845561, 0.887322, 0.099702]);
    expectClose(srgbAt('cividis', 10 / 255), [0.0, 0.163058, 0.371608]);
    expectClose(srgbAt('cividis', 128 / 255), [0.488697, 0.485318, 0.471008]);
    expectClose(srgbAt('cividis', 240 / 255), [0.941147, 0.84753, 0.275815]);
  });

  it('rise monotonically in lightness', () => {
    const out = new Float32Array(3);
    for (const name of COLORMAP_NAMES) {
      let previous = -Infinity;
      for (let k = 0; k <= 1000; k++) {
        mapColor(name, k / 1000, out, 0);
        const l = lightness(out);
        expect(l).toBeGreaterThan(previous);
        previous = l;
      }
      expect(previous).toBeGreaterThan(85);
    }
  });

  it('clamp t to [0, 1] and send NaN to the low end', () => {
    for (const name of COLORMAP_NAMES) {
      expect(srgbAt(name, -3)).toEqual(srgbAt(name, 0));
      expect(srgbAt(name, 7)).toEqual(srgbAt(name, 1));
      expect(srgbAt(name, Number.NaN)).toEqual(srgbAt(name, 0));
    }
  });

  it('write at the offset and nowhere else', () => {
    const out = new Float32Array(9).fill(-1);
    mapColor('viridis', 0.5, out, 3);
    expect(Array.from(out.subarray(0, 3))).toEqual([-1, -1, -1]);
    expect(Array.from(out.subarray(6))).toEqual([-1, -1, -1]);
    for (const v of out.subarray(3, 6)) expect(v).toBeGreaterThan(0);
  });

  it('give a left-to-right CSS gradient from the first colour at 0% to the last at 100%', () => {
    const css = cssGradient('viridis');
    expect(css).toMatch(/^linear-gradient\(to right, #440154 0%, .*, #fde725 100%\)$/);
    const stops = [...css.matchAll(/#[0-9a-f]{6} ([\d.]+)%/g)].map((m) => Number(m[1]));
    expect(stops.length).toBeGreaterThan(10);
    for (let k = 1; k < stops.length; k++) expect(stops[k]).toBeGreaterThan(stops[k - 1]);
    expect(cssGradient('cividis')).toMatch(/^linear-gradient\(to right, #00224e 0%, .*, #fee838 100%\)$/);
  });
});
