// Steepest descent, the paper's minimiser: every free atom moves along its force, x += γ f, with
// the Barzilai–Borwein step γ ← γ·|f₀|²/(|f₀|² − f₀·f₁) from the last two forces (no energy
// comparisons, which f32 totals cannot resolve near a minimum), capped so no atom moves more than
// dmax. The previous force is kept in the velocity buffer.

@compute @workgroup_size(WG)
fn control(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  if (r >= arrayLength(&state)) { return; }
  var st = state[r];
  if (st.status != RUNNING) { return; }
  let s = sums[r];
  applyStops(r, &st, s);
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
  if (i >= p.natoms) { return; }
  let st = state[r];
  if (st.status != RUNNING) { return; }
  let k = r * p.natoms + i;
  let x = pos[k];
  if (!snapshotThenFree(st, r, i, k, x)) { return; }
  let f = forces[k].xyz;
  vel[k] = vec4f(f, 0.0);
  pos[k] = displaced(x, st.dtv * f, boxes[r]);
}
