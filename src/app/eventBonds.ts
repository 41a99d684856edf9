import { BOND_CHANGE_THRESHOLD, bondChanges, shellRadii, type ShellSource } from '../analysis/bondChanges';
import { shearedBox } from '../protocols/shear';
import { affineInto } from '../system/box';
import type { EventStates } from './worker/protocol';

export interface ShellRadius {
  /** "Cu–Zr": the elements of the pair. */
  readonly pair: string;
  readonly radius: number;
  readonly source: ShellSource;
}

export interface EventBonds {
  readonly bondsBroken: Int32Array;
  readonly bondsFormed: Int32Array;
  readonly shells: readonly ShellRadius[];
  readonly bondThreshold: number;
}

/**
 * Bonds broken and formed in an event, between the pre-event state carried affinely by the strain
 * step and the relaxed state after it, as the app's other descriptors compare them. The analysis
 * worker computes them with D²min; a session saved before they existed gets them on restore.
 */
export function eventBonds(event: EventStates, types: Int32Array, elements: readonly string[]): EventBonds {
  const strained = shearedBox(event.pre.box, event.direction, event.step);
  const before = { positions: affineInto(event.pre.positions, event.pre.box, strained), box: strained };
  const shells = shellRadii(elements, before, types);
  const c = bondChanges(before, event.post, types, shells.radii);
  const list: ShellRadius[] = [];
  elements.forEach((a, i) => elements.forEach((b, j) => j >= i && list.push({ pair: `${a}–${b}`, radius: shells.radii[i][j], source: shells.source[i][j] })));
  return { bondsBroken: c.broken, bondsFormed: c.formed, shells: list, bondThreshold: BOND_CHANGE_THRESHOLD };
}
