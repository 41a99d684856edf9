// EAM passes 1 and 2 over shared lists: host density of each atom, then its embedding (F'(ρ), F(ρ))
// in the same thread, atom-major for the force pass.
@group(0) @binding(7) var<storage, read_write> embedding: array<vec2f>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let l = lane(wg, lid);
  if (l.idle) { return; }
  let b = boxes[l.r];
  let pi = posT[l.t];
  var sum = 0.0;
  for (var w = 0u; w < params.maskWords; w++) {
    var k = walk(l, w);
    while (k.bits != 0u) {
      let pj = posT[nextNeighbor(&k, l.r)];
      let d = separation(pi, pj, b);
      let rsq = dot(d, d);
      if (rsq < CUTSQ) { sum += densityTerm(pj.w, pi.w, sqrt(rsq)); }
    }
  }
  embedding[l.t] = embeddingTerm(pi.w, sum);
}
