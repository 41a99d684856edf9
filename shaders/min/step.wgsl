// What every minimiser's `control` and `integrate` share: the bindings, the stopping rules and the
// stall snapshots. A method file adds its own step after these.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: MinParams;
@group(0) @binding(1) var<storage, read_write> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> forces: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> vel: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> snapshot: array<vec4u>;
@group(0) @binding(5) var<storage, read> frozen: array<u32>;
@group(0) @binding(6) var<storage, read_write> state: array<MinState>;
@group(0) @binding(7) var<storage, read> sums: array<MinSums>;
// Settled for finished replicas, so the iterations' force kernels skip them.
@group(0) @binding(9) var<storage, read_write> replicaActive: array<u32>;
@group(0) @binding(10) var<storage, read> boxes: array<Box>;

fn finish(r: u32, st: ptr<function, MinState>, status: u32) {
  (*st).status = status;
  replicaActive[r] = REPLICA_SETTLED;
}

// Takes the replica's sums into its state and ends it on convergence, the iteration cap or the
// stall rule; status stays RUNNING where the method's step follows.
fn applyStops(r: u32, st: ptr<function, MinState>, s: MinSums) {
  if (replicaActive[r] == REPLICA_IDLE) {
    (*st).status = OUTGROWN;
    return;
  }
  (*st).energy = s.energy;
  (*st).fmax = s.fmax;
  (*st).fnorm = sqrt(s.ff);
  (*st).flags = 0u;
  if (s.fmax <= (*st).ftol) {
    finish(r, st, CONVERGED);
  } else if ((*st).iteration >= p.maxIterations) {
    finish(r, st, MAX_ITERATIONS);
  } else if (stallCheckDue((*st).iteration)) {
    if ((*st).iteration >= p.stallWindow) {
      (*st).windowDisp = sqrt(s.dispSq);
      if ((*st).windowDisp < p.stallDisp && s.fmax < p.stallForce) { finish(r, st, STALLED); }
    }
    (*st).flags |= SNAPSHOT;
  }
}

// Keeps atom-replica k's position x at a stall check; false where the atom is frozen and stays put.
fn snapshotThenFree(st: MinState, r: u32, i: u32, k: u32, x: vec4u) -> bool {
  // control has counted this iteration already.
  if ((st.flags & SNAPSHOT) != 0u) { snapshot[snapshotIndex(st.iteration - 1u, k)] = x; }
  return !isFrozen(r, i, p.natoms);
}
