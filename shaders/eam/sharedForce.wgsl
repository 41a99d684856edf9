// EAM pass 3 over shared lists: forces, per-atom energy and virial as shaders/eam/force.wgsl
// computes them, written replica-major for the minimiser and the reductions.
@group(0) @binding(7) var<storage, read> embedding: array<vec2f>;
@group(0) @binding(8) var<storage, read_write> forces: array<vec4f>;
@group(0) @binding(9) var<storage, read_write> virial: array<vec4f>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let l = lane(wg, lid);
  if (l.idle) { return; }
  let b = boxes[l.r];
  let pi = posT[l.t];
  let own = embedding[l.t];
  var sums = PairSums();
  for (var w = 0u; w < params.maskWords; w++) {
    var k = walk(l, w);
    while (k.bits != 0u) {
      let j = nextNeighbor(&k, l.r);
      let pj = posT[j];
      let del = separation(pj, pi, b);
      let rsq = dot(del, del);
      if (rsq < CUTSQ) { addPair(&sums, del, pairTerm(pi.w, pj.w, sqrt(rsq), own.x, embedding[j].x)); }
    }
  }
  let out = l.r * params.natoms + l.i;
  forces[out] = vec4f(sums.f, own.y + sums.e);
  virial[2u * out] = vec4f(sums.wd, sums.wo.x);
  virial[2u * out + 1u] = vec4f(sums.wo.y, sums.wo.z, 0.0, 0.0);
}
