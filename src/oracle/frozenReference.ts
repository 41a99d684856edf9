import { affineInto, type Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { evaluateEam } from './eam64';
import { fire64 } from './minimize64';
import { resolvedShearStressOfPressure, shearedBox, type ShearDirection } from '../protocols/shear';

export interface FrozenReference {
  readonly atom: number | null;
  readonly df: number;
  readonly eventHappened: boolean;
  readonly dropMPa: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** No event at fmax, the event when relaxed on to confirmFmax (as FrozenReplica.marginal). */
  readonly marginal: boolean;
}

/**
 * Frozen-atom analysis on the CPU in double precision, one relaxation at a time: the reference
 * for the GPU protocol (src/protocols/frozenAtoms.ts), for small systems and few atoms.
 */
export function frozenReference(
  tables: EamTables,
  types: Int32Array,
  pre: { positions: Float64Array; box: Box },
  masses: readonly number[],
  o: {
    direction: ShearDirection;
    step: number;
    atoms: readonly number[];
    drop: number;
    fmax: number;
    /** A relaxation that converged without the event goes on to this tolerance; null: none. */
    confirmFmax: number | null;
    maxIterations: number;
  },
): FrozenReference[] {
  const box = shearedBox(pre.box, o.direction, o.step);
  const affine = affineInto(pre.positions, pre.box, box);
  const stress = (p: readonly number[]) => resolvedShearStressOfPressure(p, o.direction);
  const tauPre = stress(evaluateEam(tables, pre.box, pre.positions, types).pressure);
  return [null, ...o.atoms].map((atom) => {
    const frozen = new Set(atom === null ? [] : [atom]);
    const r = fire64(tables, box, affine, types, masses, frozen, o);
    let sq = 0;
    for (let k = 0; k < affine.length; k++) sq += (r.positions[k] - affine[k]) ** 2;
    const dropMPa = tauPre - stress(r.final.pressure);
    const eventHappened = dropMPa > o.drop;
    // Only where the GPU confirms too: a relaxation that converged without the event.
    const confirm = o.confirmFmax !== null && r.converged && !eventHappened;
    const marginal = confirm && tauPre - stress(fire64(tables, box, r.positions, types, masses, frozen, { ...o, fmax: o.confirmFmax! }).final.pressure) > o.drop;
    return { atom, df: Math.sqrt(sq), eventHappened, dropMPa, converged: r.converged, iterations: r.iterations, marginal };
  });
}
