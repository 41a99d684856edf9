// FIRE 2.0 (Guénolé et al., Comput. Mater. Sci. 175, 109584 (2020)) as LAMMPS min_style fire runs
// it: semi-implicit Euler, delayed dt growth, half step back on P ≤ 0, dmax-limited moves. Each
// replica has its own dt, alpha and counters; `control` decides per replica, `integrate` moves atoms.

// ftm2v / mass per atom type.
@group(0) @binding(8) var<storage, read> invMass: array<f32>;

@compute @workgroup_size(WG)
fn control(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  if (r >= arrayLength(&state)) { return; }
  var st = state[r];
  if (st.status != RUNNING) { return; }
  let s = sums[r];
  applyStops(r, &st, s);
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
  if (i >= p.natoms) { return; }
  let st = state[r];
  if (st.status != RUNNING) { return; }
  let k = r * p.natoms + i;
  let x = pos[k];
  if (!snapshotThenFree(st, r, i, k, x)) { return; }
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
