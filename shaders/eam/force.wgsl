// EAM pass 3: forces, per-atom energy (embedding + half of each pair term) and per-atom virial
// (half of each pair's r⊗f), in the meaning of LAMMPS compute pe/atom and stress/atom.
// true: a full pass, with the per-atom virial, over running and settled replicas (for a settled
// one it repeats its last evaluation, adding the virial). false: the lean pass of minimiser
// iterations, forces and energies of running replicas only.
override VIRIAL: bool = true;

@group(0) @binding(6) var<storage, read> embedding: array<vec2f>;
// (fx, fy, fz, per-atom energy).
@group(0) @binding(7) var<storage, read_write> forces: array<vec4f>;
// Two entries per atom: (xx, yy, zz, xy) and (xz, yz, 0, 0), eV.
@group(0) @binding(8) var<storage, read_write> virial: array<vec4f>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (idle(gid, VIRIAL)) { return; }
  let s = site(gid);
  let b = boxes[s.r];
  let pi = pos[s.k];
  let fpi = embedding[s.k].x;
  let base = s.r * params.natoms;
  var sums = PairSums();
  for (var m = 0u; m < s.count; m++) {
    let j = base + neighbor(s, m);
    let pj = pos[j];
    // del = x_i − x_j, the separation LAMMPS's pair terms are written in.
    let del = separation(pj, pi, b);
    let rsq = dot(del, del);
    if (rsq < CUTSQ) { addPair(&sums, del, pairTerm(pi.w, pj.w, sqrt(rsq), fpi, embedding[j].x), VIRIAL); }
  }
  forces[s.k] = vec4f(sums.f, embedding[s.k].y + sums.e);
  if (VIRIAL) {
    virial[2u * s.k] = vec4f(sums.wd, sums.wo.x);
    virial[2u * s.k + 1u] = vec4f(sums.wo.y, sums.wo.z, 0.0, 0.0);
  }
}
