import type { Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { evaluateEam, type EamResult } from './eam64';

/** LAMMPS metal: eV/Å · ps / (g/mol) → Å/ps. */
const FTM2V = 1 / 1.0364269e-4;

export interface Fire64Options {
  readonly fmax: number;
  readonly maxIterations: number;
  readonly dmax?: number;
  readonly dt?: number;
}

export interface Fire64Result {
  readonly positions: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly fmax: number;
  /** The f64 evaluation of the final positions. */
  readonly final: EamResult;
}

/**
 * FIRE 2.0 in double precision on the f64 reference EAM, step for step the algorithm of
 * shaders/min/fire.wgsl with its defaults: the CPU reference for the GPU minimiser's results.
 * Atoms in `frozen` keep their positions.
 */
export function fire64(
  tables: EamTables,
  box: Box,
  start: Float64Array,
  types: Int32Array,
  masses: readonly number[],
  frozen: ReadonlySet<number>,
  o: Fire64Options,
): Fire64Result {
  const dmax = o.dmax ?? 0.1;
  const dt0 = o.dt ?? 0.001;
  const [dtMax, dtMin, delay, grow, shrink, alpha0, alphaShrink] = [10 * dt0, 0.02 * dt0, 20, 1.1, 0.5, 0.25, 0.99];
  const n = types.length;
  const x = Float64Array.from(start);
  const v = new Float64Array(3 * n);
  let dt = dt0;
  let alpha = alpha0;
  let dtv = 0;
  let lastNegative = 0;
  for (let it = 0; ; it++) {
    const res = evaluateEam(tables, box, x, types);
    const f = res.forces;
    let fmax = 0;
    let vf = 0;
    let vv = 0;
    let ff = 0;
    for (let i = 0; i < n; i++) {
      if (frozen.has(i)) {
        f[3 * i] = f[3 * i + 1] = f[3 * i + 2] = 0;
        continue;
      }
      for (let c = 0; c < 3; c++) {
        const k = 3 * i + c;
        fmax = Math.max(fmax, Math.abs(f[k]));
        vf += v[k] * f[k];
        vv += v[k] * v[k];
        ff += f[k] * f[k];
      }
    }
    if (fmax <= o.fmax || it >= o.maxIterations) return { positions: x, iterations: it, converged: fmax <= o.fmax, fmax, final: res };
    let mix = false;
    if (vf > 0) {
      if (it - lastNegative > delay) {
        dt = Math.min(dt * grow, dtMax);
        alpha *= alphaShrink;
      }
      mix = true;
    } else {
      lastNegative = it;
      if (it >= delay) {
        alpha = alpha0;
        if (dt * shrink >= dtMin) dt *= shrink;
      }
      for (let k = 0; k < x.length; k++) x[k] -= 0.5 * dtv * v[k];
      v.fill(0);
      vv = 0;
    }
    const scale1 = 1 - alpha;
    const scale2 = ff <= 1e-20 ? 0 : alpha * Math.sqrt(vv / ff);
    let vmax = 0;
    for (let k = 0; k < v.length; k++) vmax = Math.max(vmax, Math.abs(v[k]));
    dtv = dt * vmax > dmax ? dmax / vmax : dt;
    for (let i = 0; i < n; i++) {
      if (frozen.has(i)) continue;
      const kick = (dtv * FTM2V) / masses[types[i]];
      for (let c = 0; c < 3; c++) {
        const k = 3 * i + c;
        v[k] += kick * f[k];
        if (mix) v[k] = scale1 * v[k] + scale2 * f[k];
        x[k] += dtv * v[k];
      }
    }
  }
}
