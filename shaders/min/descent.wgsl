// Steepest descent, the paper's minimiser: every free atom moves along its force, x += γ f, with
// the Barzilai–Borwein step γ ← γ·|f₀|²/(|f₀|² − f₀·f₁) from the last two forces (no energy
// comparisons, which f32 totals cannot resolve near a minimum), capped so no atom moves more than
// dmax. The previous force is kept in the velocity buffer.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: MinParams;
@group(0) @binding(1) var<storage, read_write> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> forces: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> vel: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> snapshot: array<vec4u>;
@group(0) @binding(5) var<storage, read> frozen: array<u32>;
@group(0) @binding(6) var<storage, read_write> state: array<MinState>;
@group(0) @binding(7) var<storage, read> sums: array<MinSums>;
@group(0) @binding(9) var<storage, read_write> replicaActive: array<u32>;
@group(0) @binding(10) var<storage, read> boxes: array<Box>;

fn finish(r: u32, st: ptr<function, MinState>, status: u32) {
  (*st).status = status;
  replicaActive[r] = REPLICA_SETTLED;
}

@compute @workgroup_size(WG)
fn control(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  if (r >= arrayLength(&state)) { return; }
  var st = state[r];
  if (st.status != RUNNING) { return; }
  if (replicaActive[r] == REPLICA_IDLE) {
    st.status = OUTGROWN;
    state[r] = st;
    return;
  }
  let s = sums[r];
  st.energy = s.energy;
  st.fmax = s.fmax;
  st.fnorm = sqrt(s.ff);
  st.flags = 0u;
  if (s.fmax <= p.ftol) {
    finish(r, &st, CONVERGED);
  } else if (st.iteration >= p.maxIterations) {
    finish(r, &st, MAX_ITERATIONS);
  } else if (stallCheckDue(st.iteration)) {
    if (st.iteration >= p.stallWindow) {
      st.windowDisp = sqrt(s.dispSq);
      if (st.windowDisp < p.stallDisp && s.fmax < p.stallForce) { finish(r, &st, STALLED); }
    }
    st.flags |= SNAPSHOT;
  }
  if (st.status == RUNNING) {
    if (st.iteration > 0u) {
      // s.vf is f₀·f₁: the velocity buffer holds the previous force.
      let curvature = st.ffPrev - s.vf;
      st.dt = select(2.0 * st.dt, st.dt * st.ffPrev / curvature, curvature > 0.0);
    }
    st.ffPrev = s.ff;
    st.dtv = min(st.dt, p.dmax / max(s.fmax, 1e-30));
    st.dt = st.dtv;
    st.iteration += 1u;
  }
  state[r] = st;
}

@compute @workgroup_size(WG)
fn integrate(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let r = gid.y;
  let n = p.natoms;
  if (i >= n) { return; }
  let st = state[r];
  if (st.status != RUNNING) { return; }
  let k = r * n + i;
  let x = pos[k];
  // control has counted this iteration already.
  if ((st.flags & SNAPSHOT) != 0u) { snapshot[snapshotIndex(st.iteration - 1u, k)] = x; }
  if (isFrozen(r, i, n)) { return; }
  let f = forces[k].xyz;
  vel[k] = vec4f(f, 0.0);
  pos[k] = displaced(x, st.dtv * f, boxes[r]);
}
