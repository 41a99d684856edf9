// FIRE 2.0 (Guénolé et al., Comput. Mater. Sci. 175, 109584 (2020)) as LAMMPS min_style fire runs
// it: semi-implicit Euler, delayed dt growth, half step back on P ≤ 0, dmax-limited moves. Each
// replica has its own dt, alpha and counters; `control` decides per replica, `integrate` moves atoms.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: MinParams;
@group(0) @binding(1) var<storage, read_write> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> forces: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> vel: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> snapshot: array<vec4u>;
@group(0) @binding(5) var<storage, read> frozen: array<u32>;
@group(0) @binding(6) var<storage, read_write> state: array<MinState>;
@group(0) @binding(7) var<storage, read> sums: array<MinSums>;
// ftm2v / mass per atom type.
@group(0) @binding(8) var<storage, read> invMass: array<f32>;
// Settled for finished replicas, so the iterations' force kernels skip them.
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
    var vmax = s.vmax;
    if (s.vf > 0.0) {
      st.uphillRun = 0u;
      if (st.iteration - st.lastNegative > p.delayStep) {
        st.dt = min(st.dt * p.dtGrow, p.dtMax);
        st.alpha *= p.alphaShrink;
      }
      st.scale1 = 1.0 - st.alpha;
      st.scale2 = select(st.alpha * sqrt(s.vv / s.ff), 0.0, s.ff <= 1e-20);
      st.flags |= MIX;
    } else {
      st.lastNegative = st.iteration;
      st.uphillRun += 1u;
      if (p.maxUphill > 0u && st.uphillRun > p.maxUphill) { finish(r, &st, UPHILL); }
      // FIRE 2.0 lets the first delayStep iterations run at the initial dt.
      if (st.iteration >= p.delayStep) {
        st.alpha = p.alpha0;
        if (st.dt * p.dtShrink >= p.dtMin) { st.dt *= p.dtShrink; }
      }
      st.halfBack = 0.5 * st.dtv;
      st.flags |= HALF_STEP_BACK | ZERO_VELOCITY;
      vmax = 0.0;
    }
    st.dtv = select(st.dt, p.dmax / vmax, st.dt * vmax > p.dmax);
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
  var v = vel[k].xyz;
  var dx = vec3f(0.0);
  if ((st.flags & HALF_STEP_BACK) != 0u) { dx = -st.halfBack * v; }
  if ((st.flags & ZERO_VELOCITY) != 0u) { v = vec3f(0.0); }
  let f = forces[k].xyz;
  v += st.dtv * invMass[x.w] * f;
  if ((st.flags & MIX) != 0u) { v = st.scale1 * v + st.scale2 * f; }
  pos[k] = displaced(x, dx + st.dtv * v, boxes[r]);
  vel[k] = vec4f(v, 0.0);
}
