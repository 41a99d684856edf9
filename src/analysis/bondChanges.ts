import { findPairs } from '../oracle/pairs';
import { assertBoxFitsCutoff, perpendicularWidths, volume } from '../system/box';
import type { Configuration } from '../protocols/aqs';
import { carrySeparation, checkConfigurations, fractionalDisplacements } from './pairChange';
import { partialRdf } from './rdf';

/**
 * How far a pair's distance must change, Å, for crossing its shell radius to count (the paper's
 * Methods: 0.075 Å). Without it a pair sitting at the radius would count for any motion at all,
 * the affine strain step included.
 */
export const BOND_CHANGE_THRESHOLD = 0.075;

/** First-neighbour shell radii of the paper's Methods, Å, by element pair. */
export const PAPER_SHELL_RADII: Readonly<Record<string, number>> = { 'Cu-Cu': 3.05, 'Cu-Zr': 3.75, 'Zr-Zr': 4.35 };

/**
 * Where a pair of elements got its shell radius: the paper's table, the first minimum of this
 * sample's g_ab(r), or, for a pair too rare to have a first shell of its own (a few solute atoms),
 * that of the g(r) of all pairs.
 */
export type ShellSource = 'paper' | 'g(r)' | 'total g(r)';

export interface ShellRadii {
  /** radii[a][b] = radii[b][a], Å, for 0-based types a and b. */
  readonly radii: readonly (readonly number[])[];
  /** The same layout: where each radius came from. */
  readonly source: readonly (readonly ShellSource[])[];
}

export interface BondChanges {
  /** Per atom: bonds (first-shell pairs) it lost, and gained, between the two states. */
  readonly broken: Int32Array;
  readonly formed: Int32Array;
  /** Pairs whose bond broke, and formed: each counts once here and once for each of its atoms. */
  readonly brokenPairs: number;
  readonly formedPairs: number;
}

/** Bond changes that mark an atom as rearranged: the paper (Figure 4a) finds atoms with this many or more mostly in the STZ core. */
export const MANY_BOND_CHANGES = 3;

/** Indices of the atoms with MANY_BOND_CHANGES or more bonds broken and formed together. */
export function atomsWithManyBondChanges(broken: ArrayLike<number>, formed: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < broken.length; i++) if (broken[i] + formed[i] >= MANY_BOND_CHANGES) out.push(i);
  return out;
}

const elementKey = (a: string, b: string) => (a <= b ? `${a}-${b}` : `${b}-${a}`);

/**
 * First-shell radius for every pair of types: the paper's value where both elements are Cu or Zr,
 * else the first minimum of the partial g(r) of `sample` (in a crystal, the middle of the empty
 * range after its first shell), else that of its total g(r).
 */
export function shellRadii(elements: readonly string[], sample: Configuration, types: Int32Array): ShellRadii {
  const ntypes = elements.length;
  const known = (a: number, b: number) => PAPER_SHELL_RADII[elementKey(elements[a], elements[b])];
  let rdf: ReturnType<typeof partialRdf> | null = null;
  const range = Math.min(RDF_RANGE, 0.499 * Math.min(...perpendicularWidths(sample.box)));
  const count = new Array<number>(ntypes).fill(0);
  for (const t of types) count[t]++;
  // Pairs of a and b expected within r at the sample's density, a and b uncorrelated.
  const pairsWithin = (r: number, a: number, b: number) => ((a === b ? (count[a] * (count[a] - 1)) / 2 : count[a] * count[b]) / volume(sample.box)) * ((4 / 3) * Math.PI * r ** 3);
  const radii = elements.map(() => new Array<number>(ntypes).fill(0));
  const source = elements.map(() => new Array<ShellSource>(ntypes).fill('paper'));
  for (let a = 0; a < ntypes; a++) {
    for (let b = a; b < ntypes; b++) {
      let r: number | null | undefined = known(a, b);
      if (r === undefined) {
        rdf ??= partialRdf(sample.box, sample.positions, types, ntypes, range, RDF_BIN);
        r = firstMinimum(rdf.r, rdf.g.get(`${a}-${b}`)!);
        source[a][b] = source[b][a] = 'g(r)';
        if (r === null || pairsWithin(r, a, b) < MIN_SHELL_PAIRS) {
          r = firstMinimum(rdf.r, totalG(rdf.g, count));
          if (r === null) throw new Error(`bond changes: this sample's g(r) has no first shell within ${range.toFixed(2)} Å (it never exceeds 1), so there is no shell radius to take`);
          source[a][b] = source[b][a] = 'total g(r)';
        }
      }
      radii[a][b] = radii[b][a] = r;
    }
  }
  return { radii, source };
}

// g(r) to 7.5 Å covers the first minimum of metals; bins of 0.05 Å smoothed over 5 bins (0.25 Å)
// find it within about 0.2 Å of the paper's on the Cu–Zr glasses shipped here (2000 atoms).
const RDF_RANGE = 7.5;
const RDF_BIN = 0.05;
/**
 * Fewer pairs than this in a first shell (a few solute atoms) make its g(r) noise: the pair takes
 * the total g(r)'s radius. The 250-atom Cu–Zr glass has about 330 Cu–Cu pairs within 3.5 Å.
 */
const MIN_SHELL_PAIRS = 100;
const SMOOTH = 2;
/** The minimum is sought this far past the first peak, Å: short of the second shell of any metal. */
const SEARCH = 1.6;

/** g(r) of all pairs: the partials weighted by their share of the pairs. */
function totalG(partials: ReadonlyMap<string, Float64Array>, count: readonly number[]): Float64Array {
  const n = count.reduce((x, y) => x + y);
  const total = new Float64Array(partials.values().next().value!.length);
  for (const [key, g] of partials) {
    const [a, b] = key.split('-').map(Number);
    const weight = (a === b ? count[a] * (count[a] - 1) : 2 * count[a] * count[b]) / (n * (n - 1));
    g.forEach((v, k) => (total[k] += weight * v));
  }
  return total;
}

/** The first minimum after the first peak, or null where g never exceeds 1 (no first shell). */
function firstMinimum(r: Float64Array, g: Float64Array): number | null {
  const smooth = g.map((_, k) => {
    let sum = 0;
    let count = 0;
    for (let d = -SMOOTH; d <= SMOOTH; d++) {
      if (k + d >= 0 && k + d < g.length) {
        sum += g[k + d];
        count++;
      }
    }
    return sum / count;
  });
  // The first peak: the top of the first rise above 1 (in a crystal the second shell can be higher).
  let peak = smooth.findIndex((v) => v > 1);
  if (peak < 0) return null;
  while (peak + 1 < smooth.length && smooth[peak + 1] >= smooth[peak]) peak++;
  let lo = peak;
  let hi = peak;
  for (let k = peak; k < r.length && r[k] <= r[peak] + SEARCH; k++) {
    if (smooth[k] < smooth[lo]) lo = hi = k;
    else if (smooth[k] === smooth[lo] && hi === k - 1) hi = k;
  }
  return (r[lo] + r[hi]) / 2;
}

/**
 * Bonds broken and formed per atom between two states of the same atoms, as the paper's Methods
 * count local configurational excitations: a pair of types a, b is bonded when closer than
 * radii[a][b]; the bond breaks when the pair ends beyond the radius having moved apart by more
 * than `threshold`, and forms when it ends within it having come closer by more than that.
 */
export function bondChanges(
  before: Configuration,
  after: Configuration,
  types: Int32Array,
  radii: readonly (readonly number[])[],
  threshold = BOND_CHANGE_THRESHOLD,
): BondChanges {
  const where = 'bond changes';
  const n = checkConfigurations(before, after, where);
  if (types.length !== n) throw new Error(`${where}: ${types.length} atom types for ${n} atoms`);
  const ntypes = radii.length;
  let rmax = 0;
  for (let a = 0; a < ntypes; a++) {
    for (let b = 0; b < ntypes; b++) {
      const r = radii[a][b];
      if (!(r > 0 && Number.isFinite(r)) || r !== radii[b][a]) throw new Error(`${where}: shell radius ${a + 1}–${b + 1} must be a positive distance in Å, the same both ways, got ${r}`);
      rmax = Math.max(rmax, r);
    }
  }
  const badType = types.findIndex((t) => !(t >= 0 && t < ntypes));
  if (badType >= 0) throw new Error(`${where}: atom ${badType} has type ${types[badType] + 1}, but shell radii are given for ${ntypes} types`);
  if (!(threshold >= 0)) throw new Error(`${where}: the threshold must be a distance ≥ 0 Å, got ${threshold}`);
  assertBoxFitsCutoff(before.box, rmax, where);
  assertBoxFitsCutoff(after.box, rmax, where);

  const ds = fractionalDisplacements(before, after, n);
  const broken = new Int32Array(n);
  const formed = new Int32Array(n);
  let brokenPairs = 0;
  let formedPairs = 0;
  const other = new Float64Array(3);
  // Pairs bonded in the first state, then those bonded in the second that were not: each pair is
  // looked at in the state where it is bonded and carried to the other.
  const seen = new Set<number>();
  for (const [from, to, sign] of [[before, after, 1], [after, before, -1]] as const) {
    const pairs = findPairs(from.box, from.positions, rmax);
    for (let q = 0; q < pairs.count; q++) {
      const [i, j] = [pairs.i[q], pairs.j[q]];
      const radius = radii[types[i]][types[j]];
      const r = Math.sqrt(pairs.rsq[q]);
      if (r >= radius) continue;
      const key = Math.min(i, j) * n + Math.max(i, j);
      if (sign === 1) seen.add(key);
      else if (seen.has(key)) continue;
      carrySeparation(from.box, to.box, pairs.del, 3 * q, ds, i, j, sign, other, 0);
      const rOther = Math.hypot(other[0], other[1], other[2]);
      if (rOther < radius || Math.abs(rOther - r) <= threshold) continue;
      if (sign === 1) {
        broken[i]++;
        broken[j]++;
        brokenPairs++;
      } else {
        formed[i]++;
        formed[j]++;
        formedPairs++;
      }
    }
  }
  return { broken, formed, brokenPairs, formedPairs };
}
