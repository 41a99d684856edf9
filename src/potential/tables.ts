import type { EamPotential } from './eam';
import { splineCoefficients } from './spline';

/**
 * A potential bound to a simulation's atom types, as spline coefficients (see spline.ts): what the
 * f64 oracle evaluates and what the GPU tables are packed from. Index conventions follow the
 * physics: rhor[tj][ti] is the density a type-tj neighbour puts on a type-ti atom.
 */
export interface EamTables {
  readonly potential: EamPotential;
  readonly typeElements: readonly string[];
  readonly ntypes: number;
  readonly nr: number;
  readonly nrho: number;
  readonly dr: number;
  readonly drho: number;
  readonly rdr: number;
  readonly rdrho: number;
  readonly rhomax: number;
  readonly cutoff: number;
  readonly cutforcesq: number;
  readonly frho: readonly Float64Array[];
  readonly rhor: readonly (readonly Float64Array[])[];
  readonly z2r: readonly (readonly Float64Array[])[];
  /** Mass per type from the potential file, g/mol. */
  readonly masses: readonly number[];
}

/** Maps atom types (0-based, in order) to elements of the potential, like `pair_coeff * * FILE Cu Zr`. */
export function bindPotential(pot: EamPotential, typeElements: readonly string[]): EamTables {
  if (typeElements.length === 0) throw new Error(`${pot.source}: no atom types to map to elements`);
  const map = typeElements.map((el, t) => {
    const e = pot.elements.indexOf(el);
    if (e < 0) {
      throw new Error(
        `${pot.source}: atom type ${t + 1} is ${el}, which the potential does not describe (it has ${pot.elements.join(', ')})`,
      );
    }
    return e;
  });
  const cache = new Map<Float64Array, Float64Array>();
  const spline = (f: Float64Array, delta: number) => {
    let s = cache.get(f);
    if (!s) {
      s = splineCoefficients(f, delta);
      cache.set(f, s);
    }
    return s;
  };
  const types = map.map((_, t) => t);
  return {
    potential: pot,
    typeElements: [...typeElements],
    ntypes: map.length,
    nr: pot.nr,
    nrho: pot.nrho,
    dr: pot.dr,
    drho: pot.drho,
    rdr: 1 / pot.dr,
    rdrho: 1 / pot.drho,
    rhomax: (pot.nrho - 1) * pot.drho,
    cutoff: pot.cutoff,
    cutforcesq: pot.cutoff * pot.cutoff,
    frho: map.map((e) => spline(pot.frho[e], pot.drho)),
    rhor: types.map((tj) => types.map((ti) => spline(pot.rhor[map[tj]][map[ti]], pot.dr))),
    z2r: types.map((ti) => types.map((tj) => spline(pot.z2r[map[ti]][map[tj]], pot.dr))),
    masses: map.map((e) => pot.masses[e]),
  };
}
