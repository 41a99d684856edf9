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

export interface ShippedSample {
  readonly path: string;
  /** What the sample picker shows. */
  readonly label: string;
}

/** Shipped samples by short name (the `sample` URL parameter), in the sample picker's order. */
export const SHIPPED_SAMPLES: Record<string, ShippedSample> = {
  default: { path: 'samples/cu50zr50_2000.data', label: 'Cu50Zr50 glass, 2000 atoms' },
  medium: { path: 'samples/cu50zr50_432.data', label: 'Cu50Zr50 glass, 432 atoms' },
  small: { path: 'samples/cu50zr50_250.data', label: 'Cu50Zr50 glass, 250 atoms' },
  /** For lecture demos and tests: the first −xy step (5e-5) from here is a plastic event. */
  demo: { path: 'samples/cu50zr50_250_mxy_event4_pre.data', label: '250 atoms, one −xy step before a 59.6 MPa event' },
  /** The default glass one −xy step before its first event (step 292), the bench's event. */
  demo2000: { path: 'samples/cu50zr50_2000_mxy_event1_pre.data', label: '2000 atoms, one −xy step before a 3.85 MPa event' },
};

/** What the app opens with: the shipped Cu50Zr50 glass and the Cheng–Ma–Sheng Cu–Zr potential. */
export const DEFAULT_POTENTIAL = 'potentials/ZrCu.lammps.eam';

export async function fetchText(path: string): Promise<NamedText> {
  const url = `${import.meta.env.BASE_URL}${path}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status} ${res.statusText}`);
  return { name: path.slice(path.lastIndexOf('/') + 1), text: await res.text() };
}

/** A shipped sample with the shipped potential. */
export async function fetchShipped(key: string): Promise<Sample> {
  if (!Object.hasOwn(SHIPPED_SAMPLES, key)) throw new Error(`unknown sample '${key}': choose one of ${Object.keys(SHIPPED_SAMPLES).join(', ')}`);
  const [data, potential] = await Promise.all([fetchText(SHIPPED_SAMPLES[key].path), fetchText(DEFAULT_POTENTIAL)]);
  return buildSample(data, potential);
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
