import { readLammpsData } from '../io/lammpsData';
import { readPotential } from '../potential/read';
import { bindPotential, type EamTables } from '../potential/tables';
import type { AtomSystem } from '../system/system';

/** A configuration with the potential bound to its atom types, ready for the engine. */
export interface Sample {
  readonly name: string;
  readonly potentialName: string;
  readonly system: AtomSystem;
  readonly tables: EamTables;
}

/** What the app opens with: the shipped Cu50Zr50 glass and the Cheng–Ma–Sheng Cu–Zr potential. */
export const DEFAULT_SAMPLE = { data: 'samples/cu50zr50_2000.data', potential: 'potentials/ZrCu.lammps.eam' } as const;

async function fetchText(path: string): Promise<string> {
  const url = `${import.meta.env.BASE_URL}${path}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status} ${res.statusText}`);
  return res.text();
}

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export async function loadSample(files: { data: string; potential: string } = DEFAULT_SAMPLE): Promise<Sample> {
  const [dataText, potText] = await Promise.all([fetchText(files.data), fetchText(files.potential)]);
  const name = fileName(files.data);
  const potentialName = fileName(files.potential);
  const system = readLammpsData(dataText, name);
  const elements = system.typeNames.map((el, t) => {
    if (el === null) throw new Error(`${name}: atom type ${t + 1} has no element (its mass does not identify one)`);
    return el;
  });
  const tables = bindPotential(readPotential(potText, potentialName), elements);
  return { name, potentialName, system, tables };
}
