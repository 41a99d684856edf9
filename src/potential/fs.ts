import type { EamPotential } from './eam';
import { readSetflFamily } from './setfl';

/**
 * A Finnis–Sinclair setfl file (`pair_style eam/fs`): element s's block holds one density table
 * per host element h, and rhor[s][h] is that table, the density an s neighbour puts on an h atom.
 * That is how LAMMPS indexes it; reading it the other way round changes every cross density.
 */
export function readFs(text: string, source: string): EamPotential {
  return readSetflFamily(text, source, 'eam/fs');
}
