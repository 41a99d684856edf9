import { assertBoxFitsCutoff } from '../system/box';
import type { AtomSystem } from '../system/system';
import type { EamPotential } from './eam';
import { bindPotential, type EamTables } from './tables';

/** A type whose element neither the file nor its mass names: the caller says how to supply it. */
export class UnknownElementError extends Error {}

/**
 * The potential bound to a configuration's atom types, after the checks every reader of a sample
 * needs: each type names an element, and the box is wide enough for the cutoff (said with its
 * minimum size) before any engine is built for it.
 */
export function bindToSystem(pot: EamPotential, system: AtomSystem, source: string): EamTables {
  const elements = system.typeNames.map((el, t) => {
    if (el === null) throw new UnknownElementError(`${source}: the element of atom type ${t + 1} is unknown (its mass does not name one)`);
    return el;
  });
  assertBoxFitsCutoff(system.box, pot.cutoff, source);
  return bindPotential(pot, elements);
}
