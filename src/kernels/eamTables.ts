import type { EamTables } from '../potential/tables';
import { SPLINE_STRIDE } from '../potential/spline';

/**
 * Packs bound spline tables into one vec4-per-knot array in the layout of
 * shaders/common/spline.wgsl: the cubic (c3, c2, c1, f) of each interval; slopes are derived from
 * it in the kernel.
 */
export function packTables(t: EamTables): Float32Array<ArrayBuffer> {
  const T = t.ntypes;
  const out = new Float32Array(4 * (T * t.nrho + 3 * T * T * t.nr));
  let at = 0;
  const put = (c: Float64Array, m: number) => {
    for (let k = 0; k < 4; k++) out[at++] = c[m * SPLINE_STRIDE + 3 + k];
  };
  for (let ti = 0; ti < T; ti++) for (let m = 0; m < t.nrho; m++) put(t.frho[ti], m);
  // Per ordered pair (host a, neighbour b) and knot: ρ_b at a, ρ_a at b, r·φ_ab (see spline.wgsl).
  for (let a = 0; a < T; a++) {
    for (let b = 0; b < T; b++) {
      for (let m = 0; m < t.nr; m++) {
        put(t.rhor[b][a], m);
        put(t.rhor[a][b], m);
        put(t.z2r[a][b], m);
      }
    }
  }
  return out;
}

/** Override constants of shaders/common/spline.wgsl for these tables. */
export function tableConstants(t: EamTables): Record<string, number> {
  return {
    NTYPES: t.ntypes,
    NR: t.nr,
    NRHO: t.nrho,
    RDR: t.rdr,
    RDRHO: t.rdrho,
    RHOMAX: t.rhomax,
    CUTSQ: t.cutforcesq,
  };
}
