// EAM pass 1: host electron density of every atom of every replica, from its full neighbour list.
@group(0) @binding(6) var<storage, read_write> rho: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (idle(gid, false)) { return; }
  let s = site(gid);
  let b = boxes[s.r];
  let pi = pos[s.k];
  let base = s.r * params.natoms;
  var sum = 0.0;
  for (var m = 0u; m < s.count; m++) {
    let pj = pos[base + neighbor(s, m)];
    let d = separation(pi, pj, b);
    let rsq = dot(d, d);
    if (rsq < CUTSQ) { sum += densityTerm(pj.w, pi.w, sqrt(rsq)); }
  }
  rho[s.k] = sum;
}
