import { readConfiguration } from '../io/configuration';
import { bindToSystem } from '../potential/bindToSystem';
import { readPotential } from '../potential/read';
import type { EamTables } from '../potential/tables';
import type { AtomSystem } from '../system/system';

/** A configuration with the potential bound to its atom types, ready for the engine. */
export interface Sample {
  readonly name: string;
  readonly potentialName: string;
  readonly system: AtomSystem;
  readonly tables: EamTables;
  /** The files as read, so a reload can rebuild the same sample. */
  readonly dataText: string;
  readonly potentialText: string;
}

export interface NamedText {
  readonly name: string;
  readonly text: string;
}

/** Shipped samples by short name (the `sample` URL parameter). */
export const SHIPPED_SAMPLES: Record<string, string> = {
  default: 'samples/cu50zr50_2000.data',
  small: 'samples/cu50zr50_250.data',
  medium: 'samples/cu50zr50_432.data',
  /** For lecture demos and tests: the first −xy step (5e-5) from here is a plastic event. */
  demo: 'samples/cu50zr50_250_mxy_event4_pre.data',
};

/** What the app opens with: the shipped Cu50Zr50 glass and the Cheng–Ma–Sheng Cu–Zr potential. */
export const DEFAULT_POTENTIAL = 'potentials/ZrCu.lammps.eam';

export async function fetchText(path: string): Promise<NamedText> {
  const url = `${import.meta.env.BASE_URL}${path}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status} ${res.statusText}`);
  return { name: path.slice(path.lastIndexOf('/') + 1), text: await res.text() };
}

/**
 * Reads a LAMMPS data file or an extended XYZ frame and binds the potential to its atom types; a
 * file that fails any check throws here, before the page lets go of the current sample.
 */
export function buildSample(data: NamedText, potential: NamedText): Sample {
  const system = readConfiguration(data.text, data.name);
  const tables = bindToSystem(readPotential(potential.text, potential.name), system, data.name);
  return { name: data.name, potentialName: potential.name, system, tables, dataText: data.text, potentialText: potential.text };
}
