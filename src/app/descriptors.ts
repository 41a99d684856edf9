import type { ColormapName } from './view3d/colormaps';
import { atomData } from './atomData';
import type { AppState, ColorBy } from './store';
import type { AnalysisResult } from './worker/protocol';
import { atomsWithManyBondChanges } from '../analysis/bondChanges';

/** One per-atom quantity the view can colour by, with the full-length array for the shown event. */
export interface Coloring {
  readonly label: string;
  readonly unit: string;
  readonly values: Float64Array | Float32Array;
  readonly range: [number, number];
  readonly log: boolean;
  readonly colormap: ColormapName;
}

export const COLOR_BY_LABELS: Record<ColorBy, string> = {
  type: 'element',
  nonaffine: 'non-affine displacement of the last step',
  df: 'D_f (frozen-atom analysis)',
  d2min: 'D²min',
  vm: 'change of von Mises stress',
  bonds: 'bonds broken + formed',
};

/** D_f per atom of the system: NaN for atoms that were not analysed. */
export function dfPerAtom(eventIndex: number, natoms: number): Float64Array | null {
  const r = atomData.analyses.get(eventIndex);
  if (!r) return null;
  const out = new Float64Array(natoms).fill(NaN);
  r.atoms.forEach((a, k) => (out[a] = r.df[k]));
  return out;
}

const totals = new WeakMap<AnalysisResult, Float64Array>();

/** Bonds broken plus formed per atom (the paper's LCE count), one array per analysis so views can compare it by identity. */
export function bondTotals(r: AnalysisResult): Float64Array {
  let t = totals.get(r);
  if (!t) {
    t = Float64Array.from(r.bondsBroken, (b, i) => b + r.bondsFormed[i]);
    totals.set(r, t);
  }
  return t;
}

/** Atoms with three or more bonds broken or formed: the paper (Figure 4a) finds them mostly in the STZ core. */
export function manyBondChanges(r: AnalysisResult): number[] {
  return atomsWithManyBondChanges(r.bondsBroken, r.bondsFormed);
}

/** Atoms (0-based) whose relaxation stopped the event only at fmax, not when confirmed at a tighter tolerance. */
export function marginalAtoms(r: AnalysisResult): number[] {
  return Array.from(r.atoms).filter((_, k) => r.marginal[k] === 1);
}

function finiteRange(v: ArrayLike<number>, positive: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x) || (positive && x <= 0)) continue;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return lo <= hi ? [lo, hi] : [positive ? 1e-3 : 0, 1];
}

export function coloringFor(s: Pick<AppState, 'colorBy' | 'selectedEvent' | 'sample'>): Coloring | null {
  const n = s.sample?.natoms ?? 0;
  const r = s.selectedEvent === null ? undefined : atomData.analyses.get(s.selectedEvent);
  switch (s.colorBy) {
    case 'type':
      return null;
    case 'nonaffine': {
      const v = atomData.nonaffine;
      if (!v) return null;
      // Log scale: a step's non-affine motion spans decades between the event and the bulk.
      return { label: COLOR_BY_LABELS.nonaffine, unit: 'Å', values: v, range: finiteRange(v, true), log: true, colormap: 'viridis' };
    }
    case 'df': {
      const v = r && s.selectedEvent !== null ? dfPerAtom(s.selectedEvent, n) : null;
      return v ? { label: COLOR_BY_LABELS.df, unit: 'Å', values: v, range: finiteRange(v, true), log: true, colormap: 'cividis' } : null;
    }
    case 'd2min':
      return r ? { label: COLOR_BY_LABELS.d2min, unit: 'Å²', values: r.d2min, range: finiteRange(r.d2min, true), log: true, colormap: 'viridis' } : null;
    case 'vm':
      return r ? { label: COLOR_BY_LABELS.vm, unit: 'MPa', values: r.vonMisesChange, range: finiteRange(r.vonMisesChange, false), log: false, colormap: 'viridis' } : null;
    case 'bonds': {
      if (!r) return null;
      const v = bondTotals(r);
      return { label: COLOR_BY_LABELS.bonds, unit: 'per atom', values: v, range: [0, Math.max(1, finiteRange(v, false)[1])], log: false, colormap: 'viridis' };
    }
  }
}
