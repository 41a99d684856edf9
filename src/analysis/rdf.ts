import { findPairs } from '../oracle/pairs';
import { volume, type Box } from '../system/box';

export interface PartialRdf {
  /** Bin centres, Å. */
  readonly r: Float64Array;
  /** g_ab(r) for each type pair a ≤ b, keyed "a-b" with 0-based types. */
  readonly g: ReadonlyMap<string, Float64Array>;
}

/**
 * Partial pair distribution functions g_ab(r) up to `rmax` (less than half the cell), normalised so
 * that an ideal gas of the same composition and density gives 1.
 */
export function partialRdf(box: Box, positions: Float64Array, types: Int32Array, ntypes: number, rmax: number, dr = 0.05): PartialRdf {
  const nbins = Math.floor(rmax / dr);
  const counts = new Map<string, Float64Array>();
  const key = (a: number, b: number) => (a <= b ? `${a}-${b}` : `${b}-${a}`);
  for (let a = 0; a < ntypes; a++) for (let b = a; b < ntypes; b++) counts.set(key(a, b), new Float64Array(nbins));
  const pairs = findPairs(box, positions, rmax);
  for (let q = 0; q < pairs.count; q++) {
    const bin = Math.floor(Math.sqrt(pairs.rsq[q]) / dr);
    if (bin < nbins) counts.get(key(types[pairs.i[q]], types[pairs.j[q]]))![bin] += 1;
  }
  const n = new Array<number>(ntypes).fill(0);
  for (const t of types) n[t]++;
  const vol = volume(box);
  const r = Float64Array.from({ length: nbins }, (_, k) => (k + 0.5) * dr);
  const g = new Map<string, Float64Array>();
  for (const [k, c] of counts) {
    const [a, b] = k.split('-').map(Number);
    // Expected pairs in a shell for uncorrelated atoms: N_a N_b / V (halved for a = b, counted once).
    const pairsPerVolume = a === b ? (n[a] * (n[a] - 1)) / 2 / vol : (n[a] * n[b]) / vol;
    g.set(k, c.map((x, bin) => {
      const shell = (4 / 3) * Math.PI * (((bin + 1) * dr) ** 3 - (bin * dr) ** 3);
      return pairsPerVolume > 0 ? x / (pairsPerVolume * shell) : 0;
    }));
  }
  return { r, g };
}
