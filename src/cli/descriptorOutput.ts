import { atomsWithManyBondChanges } from '../analysis/bondChanges';
import type { EventDescriptors } from '../analysis/eventDescriptors';
import type { AtomProperty } from '../system/system';

/** The descriptors as extended XYZ columns, for OVITO. */
export function descriptorProperties(d: EventDescriptors): AtomProperty[] {
  const real = (name: string, values: Float64Array): AtomProperty => ({ name, components: 1, kind: 'real', values });
  const int = (name: string, values: Int32Array): AtomProperty => ({ name, components: 1, kind: 'int', values });
  return [
    real('D2min', d.d2min),
    real('vonMises_before', d.vonMises.before),
    real('vonMises_after', d.vonMises.after),
    real('dvonMises', d.vonMises.change),
    int('bonds_broken', d.bonds.broken),
    int('bonds_formed', d.bonds.formed),
  ];
}

/** Atom indices with three or more bonds broken or formed: the paper (Figure 4a) finds them mostly in the STZ core. */
export function manyBondChanges(d: EventDescriptors): number[] {
  return atomsWithManyBondChanges(d.bonds.broken, d.bonds.formed);
}

export function descriptorSummary(d: EventDescriptors, ids: Int32Array) {
  return {
    d2min_cutoff: d.d2minCutoff,
    bond_shells: d.shells,
    bond_threshold: d.bondThreshold,
    bonds_broken: d.bonds.brokenPairs,
    bonds_formed: d.bonds.formedPairs,
    ids_with_3_or_more_bond_changes: manyBondChanges(d).map((i) => ids[i]),
    max_d2min: d.d2min.reduce((m, v) => Math.max(m, v), 0),
  };
}
