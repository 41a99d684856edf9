// EAM pass 3 over shared lists: forces, per-atom energy and virial as shaders/eam/force.wgsl
// computes them, written replica-major for the minimiser and the reductions.
// true: a full pass, with the per-atom virial, over running and settled replicas (for a settled
// one it repeats its last evaluation, adding the virial). false: the lean pass of minimiser
// iterations, forces and energies of running replicas only.
override VIRIAL: bool = true;

// F'(ρ) of every atom, then F(ρ), each atom-major.
@group(0) @binding(7) var<storage, read> embedding: array<f32>;
@group(0) @binding(8) var<storage, read_write> forces: array<vec4f>;
@group(0) @binding(9) var<storage, read_write> virial: array<vec4f>;

@compute @workgroup_size(WG, ATOMS)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let l = lane(wg, lid, VIRIAL);
  if (l.idle) { return; }
  let pi = positionOf(l.i, l);
  let fpi = embedding[l.t];
  var sums = PairSums();
  for (var w = 0u; w < params.maskWords; w++) {
    var k = walk(l, w);
    while (k.bits != 0u) {
      let j = nextNeighbor(&k);
      let pj = positionOf(j, l);
      let del = separation(pj, pi, cell);
      let rsq = dot(del, del);
      if (rsq < CUTSQ) { addPair(&sums, del, pairTerm(pi.w, pj.w, sqrt(rsq), fpi, embedding[j * params.nreplicas + l.r]), VIRIAL); }
    }
  }
  let out = l.r * params.natoms + l.i;
  forces[out] = vec4f(sums.f, embedding[params.natoms * params.nreplicas + l.t] + sums.e);
  if (VIRIAL) {
    virial[2u * out] = vec4f(sums.wd, sums.wo.x);
    virial[2u * out + 1u] = vec4f(sums.wo.y, sums.wo.z, 0.0, 0.0);
  }
}
