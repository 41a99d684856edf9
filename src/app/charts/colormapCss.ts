import { mapColor, type ColormapName } from '../view3d/colormaps';

const rgb = new Float32Array(3);

/** mapColor gives linear sRGB for three.js; CSS and canvas want it gamma-encoded. */
function encode(c: number): number {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(255 * Math.min(1, Math.max(0, v)));
}

/** The colormap's colour at t in [0, 1] as a CSS rgb(), the same colour the 3D view gives an atom at t. */
export function colormapCss(name: ColormapName, t: number): string {
  mapColor(name, t, rgb, 0);
  return `rgb(${encode(rgb[0])}, ${encode(rgb[1])}, ${encode(rgb[2])})`;
}
