import type { EamTables } from '../potential/tables';
import { SPLINE_STRIDE } from '../potential/spline';

/**
 * Packs bound spline tables into one vec4-per-knot array for shaders/common/spline.wgsl: the
 * cubic (c3, c2, c1, f) of each interval; slopes are derived from it in the kernel.
 */
export function packTables(t: EamTables): Float32Array<ArrayBuffer> {
  const T = t.ntypes;
  const knots = T * t.nrho + 2 * T * T * t.nr;
  const out = new Float32Array(4 * knots);
  let at = 0;
  const put = (c: Float64Array) => {
    for (let m = 0; m < c.length / SPLINE_STRIDE; m++) {
      for (let k = 0; k < 4; k++) out[at++] = c[m * SPLINE_STRIDE + 3 + k];
    }
  };
  for (let ti = 0; ti < T; ti++) put(t.frho[ti]);
  for (let src = 0; src < T; src++) for (let host = 0; host < T; host++) put(t.rhor[src][host]);
  for (let a = 0; a < T; a++) for (let b = 0; b < T; b++) put(t.z2r[a][b]);
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
