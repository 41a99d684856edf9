// EAM pass 3: forces, per-atom energy (embedding + half of each pair term) and per-atom virial
// (half of each pair's r⊗f), in the meaning of LAMMPS compute pe/atom and stress/atom.
@group(0) @binding(6) var<storage, read> embedding: array<vec2f>;
// (fx, fy, fz, per-atom energy).
@group(0) @binding(7) var<storage, read_write> forces: array<vec4f>;
// Two entries per atom: (xx, yy, zz, xy) and (xz, yz, 0, 0), eV.
@group(0) @binding(8) var<storage, read_write> virial: array<vec4f>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (idle(gid)) { return; }
  let s = site(gid);
  let b = boxes[s.r];
  let pi = pos[s.k];
  let ti = pi.w;
  let fpi = embedding[s.k].x;
  let base = s.r * params.natoms;
  var f = vec3f(0.0);
  var e = 0.0;
  var wd = vec3f(0.0);
  var wo = vec3f(0.0);
  for (var m = 0u; m < s.count; m++) {
    let j = base + neighbor(s, m);
    let pj = pos[j];
    // del = x_i − x_j, the separation LAMMPS's pair terms are written in.
    let del = separation(pj, pi, b);
    let rsq = dot(del, del);
    if (rsq < CUTSQ) {
      let tj = pj.w;
      let rij = sqrt(rsq);
      let kn = knotR(rij);
      let rhoip = splineSlope(tables[densityTable(ti, tj) + kn.index], kn.p, RDR);
      let rhojp = splineSlope(tables[densityTable(tj, ti) + kn.index], kn.p, RDR);
      let zc = tables[pairTable(ti, tj) + kn.index];
      let recip = 1.0 / rij;
      let phi = splineValue(zc, kn.p) * recip;
      let phip = splineSlope(zc, kn.p, RDR) * recip - phi * recip;
      let psip = fpi * rhojp + embedding[j].x * rhoip + phip;
      let fpair = -psip * recip;
      f += del * fpair;
      e += 0.5 * phi;
      wd += 0.5 * fpair * del * del;
      wo += 0.5 * fpair * vec3f(del.x * del.y, del.x * del.z, del.y * del.z);
    }
  }
  forces[s.k] = vec4f(f, embedding[s.k].y + e);
  virial[2u * s.k] = vec4f(wd, wo.x);
  virial[2u * s.k + 1u] = vec4f(wo.y, wo.z, 0.0, 0.0);
}
