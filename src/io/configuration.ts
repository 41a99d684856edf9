import type { AtomSystem } from '../system/system';
import { readExtXyz } from './extxyz';
import { readLammpsData } from './lammpsData';

/** A configuration file by its name: extended XYZ for `.xyz`/`.extxyz`, else a LAMMPS data file. */
export function readConfiguration(text: string, name: string, opts: { elements?: readonly string[] } = {}): AtomSystem {
  return /\.(ext)?xyz$/i.test(name) ? readExtXyz(text, name, opts) : readLammpsData(text, name, opts);
}
