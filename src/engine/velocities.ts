/** LAMMPS metal: Boltzmann constant, eV/K, and mvv2e, g/mol·(Å/ps)² → eV. */
export const BOLTZ = 8.617343e-5;
export const MVV2E = 1.0364269e-4;

/** A seeded generator (mulberry32) so runs with the same seed are the same. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Temperature (K) of velocities (Å/ps) with 3N − 3 degrees of freedom. */
export function temperature(velocities: Float64Array, masses: ArrayLike<number>): number {
  let twiceKe = 0;
  for (let i = 0; i < masses.length; i++) {
    for (let c = 0; c < 3; c++) twiceKe += masses[i] * velocities[3 * i + c] ** 2;
  }
  return (twiceKe * MVV2E) / ((3 * masses.length - 3) * BOLTZ);
}

/**
 * Gaussian velocities at temperature T, total momentum zero, scaled to exactly T (LAMMPS
 * `velocity create T seed dist gaussian mom yes`, though not its random numbers). Per atom masses.
 */
export function thermalVelocities(masses: ArrayLike<number>, t: number, seed: number): Float64Array {
  const n = masses.length;
  if (n < 2) throw new Error('thermal velocities need at least two atoms');
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const v = new Float64Array(3 * n);
  const momentum = [0, 0, 0];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = 1 / Math.sqrt(masses[i]);
    for (let c = 0; c < 3; c++) {
      v[3 * i + c] = s * gauss();
      momentum[c] += masses[i] * v[3 * i + c];
    }
    total += masses[i];
  }
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) v[3 * i + c] -= momentum[c] / total;
  const current = temperature(v, masses);
  const scale = t > 0 ? Math.sqrt(t / current) : 0;
  return v.map((x) => x * scale);
}
