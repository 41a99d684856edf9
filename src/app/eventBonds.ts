import { eventBonds, strainedPre, type EventBonds, type ShellRadius } from '../analysis/eventDescriptors';
import type { EventStates } from './worker/protocol';

/** Bond changes as an analysis result keeps them (flat arrays, for IndexedDB and the views). */
export interface BondFields {
  readonly bondsBroken: Int32Array;
  readonly bondsFormed: Int32Array;
  readonly shells: readonly ShellRadius[];
  readonly bondThreshold: number;
}

export function bondFields(b: EventBonds): BondFields {
  return { bondsBroken: b.bonds.broken, bondsFormed: b.bonds.formed, shells: b.shells, bondThreshold: b.bondThreshold };
}

/** For a session saved before bond changes were counted: they follow from the event's two states alone. */
export function eventBondFields(event: EventStates, types: Int32Array, elements: readonly string[]): BondFields {
  return bondFields(eventBonds(strainedPre(event.pre, event.direction, event.step), event.post, types, elements));
}
