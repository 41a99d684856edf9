import 'uplot/dist/uPlot.min.css';
import './charts.css';
import type uPlot from 'uplot';

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = {
  blue: '#0072b2',
  orange: '#e69f00',
  vermillion: '#d55e00',
  sky: '#56b4e9',
  green: '#009e73',
} as const;

/** The page's text and rule colours (style.css --fg, --line). */
export const INK = '#111820';
export const GRID = '#c9d2dc';

/** The page's (style.css). */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
/** Sized for a projector at the back of a room. */
export const TICK_FONT = `16px ${FONT_FAMILY}`;
export const LABEL_FONT = `600 17px ${FONT_FAMILY}`;

/** U+2212 minus: uPlot's default formatter writes a hyphen, which reads as a dash. */
export function formatTick(v: number): string {
  return String(Number(v.toPrecision(6))).replace(/-/g, '−');
}

/**
 * An axis with the shared fonts. Fixed sizes, in CSS px, leave room for five-digit stresses and
 * counts at 16 px; measuring the tick labels would need uPlot internals.
 */
export function axis(label: string, side: 'bottom' | 'left', extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    side: side === 'bottom' ? 2 : 3,
    label,
    font: TICK_FONT,
    labelFont: LABEL_FONT,
    stroke: INK,
    size: side === 'bottom' ? 44 : 72,
    labelSize: 30,
    gap: 6,
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1, size: 6 },
    values: (_u, splits) => splits.map(formatTick),
    ...extra,
  };
}
