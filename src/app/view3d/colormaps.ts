/**
 * Perceptually uniform, colour-vision-deficiency-safe colour maps for per-atom values.
 *
 * Source: matplotlib's 256-entry tables (lib/matplotlib/_cm_listed.py, `_viridis_data` by van der
 * Walt & Smith, 2015; `_cividis_data` by Nuñez, Anderton & Renslow, PLoS ONE 13, e0199239, 2018),
 * sRGB in [0, 1]. The knots below are entries of those tables (index, r, g, b), picked greedily so
 * that linear interpolation between them reproduces every one of the 256 entries within 0.5/255
 * per channel: the same colours in a fraction of the text.
 */

export type ColormapName = 'viridis' | 'cividis';

export const COLORMAP_NAMES: readonly ColormapName[] = ['viridis', 'cividis'];

type Knot = readonly [index: number, r: number, g: number, b: number];

const KNOTS: Record<ColormapName, readonly Knot[]> = {
  viridis: [
    [0, 0.267004, 0.004874, 0.329415],
    [7, 0.276022, 0.044167, 0.370164],
    [20, 0.283197, 0.115680, 0.436115],
    [32, 0.278826, 0.175490, 0.483397],
    [44, 0.265145, 0.232956, 0.516599],
    [58, 0.241237, 0.296485, 0.539709],
    [78, 0.203063, 0.379716, 0.553925],
    [110, 0.151918, 0.500685, 0.557587],
    [131, 0.124395, 0.578002, 0.548287],
    [142, 0.119699, 0.618490, 0.536347],
    [150, 0.128087, 0.647749, 0.523491],
    [158, 0.150148, 0.676631, 0.506589],
    [166, 0.185783, 0.704891, 0.485273],
    [176, 0.246070, 0.738910, 0.452024],
    [187, 0.327796, 0.773980, 0.406640],
    [200, 0.440137, 0.811138, 0.340967],
    [215, 0.585678, 0.846661, 0.249897],
    [233, 0.772852, 0.877868, 0.131109],
    [239, 0.835270, 0.886029, 0.102646],
    [243, 0.876168, 0.891125, 0.095250],
    [247, 0.916242, 0.896091, 0.100717],
    [252, 0.964894, 0.902323, 0.123941],
    [255, 0.993248, 0.906157, 0.143936],
  ],
  cividis: [
    [0, 0.000000, 0.135112, 0.304751],
    [13, 0.000000, 0.170800, 0.393100],
    [19, 0.000000, 0.186915, 0.435532],
    [21, 0.000000, 0.190950, 0.441085],
    [23, 0.003602, 0.195911, 0.441564],
    [27, 0.058378, 0.206629, 0.439531],
    [31, 0.095645, 0.217643, 0.436593],
    [38, 0.142852, 0.236972, 0.431404],
    [50, 0.204385, 0.269823, 0.425126],
    [70, 0.287065, 0.324103, 0.423373],
    [96, 0.380830, 0.395164, 0.435653],
    [118, 0.455072, 0.456718, 0.458976],
    [129, 0.492278, 0.488198, 0.471453],
    [149, 0.566802, 0.546715, 0.469988],
    [171, 0.652178, 0.613664, 0.453689],
    [192, 0.736488, 0.680629, 0.424028],
    [210, 0.811054, 0.740801, 0.385198],
    [225, 0.875057, 0.793125, 0.339685],
    [237, 0.927724, 0.836486, 0.290611],
    [246, 0.968469, 0.869819, 0.241310],
    [251, 0.992218, 0.888385, 0.205468],
    [252, 0.994847, 0.892954, 0.203445],
    [255, 0.995737, 0.909344, 0.217772],
  ],
};

const LAST = 255;

function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/**
 * The 256 table entries in linear sRGB. three.js works in linear sRGB and encodes to sRGB on output
 * (renderer.outputColorSpace), but per-instance colour buffers are raw data it never converts: they
 * must hold linear values for the pixels to show the published sRGB colours.
 */
function linearTable(knots: readonly Knot[]): Float32Array {
  const table = new Float32Array((LAST + 1) * 3);
  for (let k = 0; k + 1 < knots.length; k++) {
    const [i0, ...c0] = knots[k];
    const [i1, ...c1] = knots[k + 1];
    for (let i = i0; i <= i1; i++) {
      const f = (i - i0) / (i1 - i0);
      for (let c = 0; c < 3; c++) table[3 * i + c] = srgbToLinear(c0[c] + (c1[c] - c0[c]) * f);
    }
  }
  return table;
}

const LINEAR: Record<ColormapName, Float32Array> = {
  viridis: linearTable(KNOTS.viridis),
  cividis: linearTable(KNOTS.cividis),
};

/**
 * Writes the colour at `t` as linear-sRGB r, g, b into out[offset..offset+2], ready for a three.js
 * instance-colour buffer. `t` is clamped to [0, 1]; NaN maps to 0 (callers that want a separate
 * colour for missing values test for NaN first).
 */
export function mapColor(name: ColormapName, t: number, out: Float32Array, offset: number): void {
  const table = LINEAR[name];
  const x = (t > 0 ? (t < 1 ? t : 1) : 0) * LAST;
  const i = Math.min(Math.floor(x), LAST - 1);
  const f = x - i;
  for (let c = 0; c < 3; c++) {
    const a = table[3 * i + c];
    out[offset + c] = a + (table[3 * i + 3 + c] - a) * f;
  }
}

function hex(v: number): string {
  return Math.round(v * 255).toString(16).padStart(2, '0');
}

/**
 * A CSS `linear-gradient` from t = 0 on the left to t = 1 on the right. CSS interpolates between
 * stops in gamma-encoded sRGB, as the knots were chosen, so the bar shows the same colours as the
 * atoms (before their shading).
 */
export function cssGradient(name: ColormapName): string {
  const stops = KNOTS[name].map(([i, r, g, b]) => `#${hex(r)}${hex(g)}${hex(b)} ${+((i / LAST) * 100).toFixed(2)}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
