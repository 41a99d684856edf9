import type { EamTables } from '../potential/tables';
import type { Configuration } from '../protocols/aqs';
import { shearedBox, type ShearDirection } from '../protocols/shear';
import { affineInto } from '../system/box';
import { BOND_CHANGE_THRESHOLD, bondChanges, shellRadii, type BondChanges, type ShellSource } from './bondChanges';
import { d2min, D2MIN_CUTOFF } from './d2min';
import { vonMisesChange } from './vonMises';

export interface ShellRadius {
  /** "Cu-Zr": the elements of the pair. */
  readonly pair: string;
  readonly radius: number;
  readonly source: ShellSource;
}

export interface EventBonds {
  readonly bonds: BondChanges;
  /** One entry per pair of elements. */
  readonly shells: readonly ShellRadius[];
  readonly bondThreshold: number;
}

export interface EventDescriptors extends EventBonds {
  readonly d2min: Float64Array;
  readonly d2minCutoff: number;
  /** Atomic von Mises stress of the two states and its change, MPa. */
  readonly vonMises: { readonly before: Float64Array; readonly after: Float64Array; readonly change: Float64Array };
}

/** The pre-event state carried affinely by the event's strain step: what the relaxed state is compared with. */
export function strainedPre(pre: Configuration, direction: ShearDirection, step: number): Configuration {
  const box = shearedBox(pre.box, direction, step);
  return { positions: affineInto(pre.positions, pre.box, box), box };
}

/** Bond changes between two states, with the shell radii for these elements. */
export function eventBonds(before: Configuration, after: Configuration, types: Int32Array, elements: readonly string[], threshold = BOND_CHANGE_THRESHOLD): EventBonds {
  const shells = shellRadii(elements, before, types);
  const list: ShellRadius[] = [];
  elements.forEach((a, i) => elements.forEach((b, j) => j >= i && list.push({ pair: `${a}-${b}`, radius: shells.radii[i][j], source: shells.source[i][j] })));
  return { bonds: bondChanges(before, after, types, shells.radii, threshold), shells: list, bondThreshold: threshold };
}

/**
 * The per-atom descriptors the paper sets beside D_f, each comparing the pre-event state carried
 * affinely by the strain step with the relaxed state after the event: D²min, the change of atomic
 * von Mises stress, and bonds broken and formed.
 */
export function eventDescriptors(
  tables: EamTables,
  types: Int32Array,
  pre: Configuration,
  post: Configuration,
  direction: ShearDirection,
  step: number,
  options: { readonly d2minCutoff?: number; readonly bondThreshold?: number } = {},
): EventDescriptors {
  const before = strainedPre(pre, direction, step);
  const d2minCutoff = options.d2minCutoff ?? D2MIN_CUTOFF;
  return {
    d2min: d2min(before, post, d2minCutoff),
    d2minCutoff,
    vonMises: vonMisesChange(tables, types, before, post),
    ...eventBonds(before, post, types, tables.typeElements, options.bondThreshold),
  };
}
