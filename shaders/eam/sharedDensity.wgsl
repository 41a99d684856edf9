// EAM passes 1 and 2 over shared lists: host density of each atom, then its embedding F'(ρ) and
// F(ρ) in the same thread, atom-major for the force pass (apart: it reads F' of every neighbour).
// F'(ρ) of every atom, then F(ρ), each atom-major.
@group(0) @binding(7) var<storage, read_write> embedding: array<f32>;

@compute @workgroup_size(WG, ATOMS)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let l = lane(wg, lid, false);
  if (l.idle) { return; }
  let pi = positionOf(l.i, l);
  var sum = 0.0;
  for (var w = 0u; w < params.maskWords; w++) {
    var k = walk(l, w);
    while (k.bits != 0u) {
      let pj = positionOf(nextNeighbor(&k), l);
      let d = separation(pi, pj, cell);
      let rsq = dot(d, d);
      if (rsq < CUTSQ) { sum += densityTerm(pj.w, pi.w, sqrt(rsq)); }
    }
  }
  let e = embeddingTerm(pi.w, sum);
  embedding[l.t] = e.x;
  embedding[params.natoms * params.nreplicas + l.t] = e.y;
}
