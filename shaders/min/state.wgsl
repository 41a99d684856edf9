// Minimiser state shared by shaders/min/*.wgsl; byte layouts mirrored in src/gpu/layouts.ts.

// Settings of one minimisation, the same for every replica.
struct MinParams {
  natoms: u32,
  // Largest step any atom may take in one iteration (Å).
  dmax: f32,
  dtMax: f32,
  dtMin: f32,
  dtGrow: f32,
  dtShrink: f32,
  alpha0: f32,
  alphaShrink: f32,
  delayStep: u32,
  maxIterations: u32,
  // Consecutive uphill (P ≤ 0) steps tolerated before giving up; 0 = no limit.
  maxUphill: u32,
  // Stall rule: over stallWindow iterations (even) no atom moved more than stallDisp (Å) and
  // forces are below stallForce (eV/Å), the cutoff-kink floor of tabulated potentials.
  stallWindow: u32,
  stallDisp: f32,
  stallForce: f32,
  // Force × time / mass → velocity, LAMMPS metal ftm2v.
  ftm2v: f32,
}

// Per-replica sums over free atoms, from the current forces and velocities.
struct MinSums {
  vf: f32,
  vv: f32,
  ff: f32,
  fmax: f32,
  vmax: f32,
  energy: f32,
  // Largest squared displacement of an atom over the last stall window (stall checks only).
  dispSq: f32,
  pad: f32,
}

const RUNNING: u32 = 0u;
const CONVERGED: u32 = 1u;
const STALLED: u32 = 2u;
const MAX_ITERATIONS: u32 = 3u;
const UPHILL: u32 = 4u;
// The force engine stopped computing the replica's forces (an atom outgrew shared neighbour lists).
const OUTGROWN: u32 = 5u;
// Ended by the host (Minimizer.halt): its caller has what it needed.
const HALTED: u32 = 6u;

// What the integrator does this iteration.
const ZERO_VELOCITY: u32 = 1u;
const HALF_STEP_BACK: u32 = 2u;
const MIX: u32 = 4u;
const SNAPSHOT: u32 = 8u;

struct MinState {
  dt: f32,
  alpha: f32,
  // Time step of this iteration's move, after the dmax limit.
  dtv: f32,
  // Step back by halfBack·v before zeroing velocities (FIRE 2.0 inertia correction).
  halfBack: f32,
  scale1: f32,
  scale2: f32,
  fmax: f32,
  energy: f32,
  iteration: u32,
  lastNegative: u32,
  uphillRun: u32,
  status: u32,
  flags: u32,
  // Largest displacement (Å) over the last completed stall window.
  windowDisp: f32,
  fnorm: f32,
  // Steepest descent: |f|² of the previous step, for its Barzilai–Borwein step length.
  ffPrev: f32,
  // Converged when no free atom has a force component above ftol (eV/Å). Per replica, so one that
  // stopped can be continued to a tighter tolerance while the others carry on.
  ftol: f32,
}

// One bit per atom and replica; every kernel including this file binds the `frozen` words.
fn isFrozen(r: u32, i: u32, n: u32) -> bool {
  let words = (n + 31u) / 32u;
  return ((frozen[r * words + i / 32u] >> (i % 32u)) & 1u) != 0u;
}

// The stall rule is checked every half window over the last whole window, so a stalled relaxation
// ends at most half a window after it has stalled for a whole one, not up to a whole window after.
// Positions are kept every half window, alternating between the two halves of `snapshot`: the
// half a check reads holds the positions of a window before, and is then overwritten.
fn stallCheckDue(iteration: u32) -> bool {
  return iteration % (p.stallWindow / 2u) == 0u;
}

// Where the positions of atom-replica k (r·n + i) taken at a check iteration are kept.
fn snapshotIndex(iteration: u32, k: u32) -> u32 {
  let half = (iteration / (p.stallWindow / 2u)) % 2u;
  return half * p.natoms * arrayLength(&state) + k;
}
