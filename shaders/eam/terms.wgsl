// The EAM terms of LAMMPS pair_eam, shared by the per-replica-list and shared-list passes.

// Density that a neighbour of type `source` at distance r puts on an atom of type `host`.
fn densityTerm(source: u32, host: u32, r: f32) -> f32 {
  let kn = knotR(r);
  return splineValue(tables[densityTable(source, host) + kn.index], kn.p);
}

// (F'(ρ), F(ρ)) of an atom of type t. Past the table LAMMPS continues the energy linearly.
fn embeddingTerm(t: u32, density: f32) -> vec2f {
  let kn = knotRho(density);
  let c = tables[embedTable(t) + kn.index];
  let fp = splineSlope(c, kn.p, RDRHO);
  var f = splineValue(c, kn.p);
  if (density > RHOMAX) { f += fp * (density - RHOMAX); }
  return vec2f(fp, f);
}

// For atoms i and j (types ti, tj; embedding slopes fpi, fpj) at distance rij: (fpair, φ), where
// the force on i is del·fpair for del = x_i − x_j.
fn pairTerm(ti: u32, tj: u32, rij: f32, fpi: f32, fpj: f32) -> vec2f {
  let kn = knotR(rij);
  let rhoip = splineSlope(tables[densityTable(ti, tj) + kn.index], kn.p, RDR);
  let rhojp = splineSlope(tables[densityTable(tj, ti) + kn.index], kn.p, RDR);
  let zc = tables[pairTable(ti, tj) + kn.index];
  let recip = 1.0 / rij;
  let phi = splineValue(zc, kn.p) * recip;
  let phip = splineSlope(zc, kn.p, RDR) * recip - phi * recip;
  let psip = fpi * rhojp + fpj * rhoip + phip;
  return vec2f(-psip * recip, phi);
}

// Accumulates one pair into the sums of atom i: energy (half of φ) and, where `virial` (an override
// constant, so the lean passes of minimiser iterations compile without it), virial (half of del⊗f).
struct PairSums {
  f: vec3f,
  e: f32,
  wd: vec3f,
  wo: vec3f,
}

fn addPair(s: ptr<function, PairSums>, del: vec3f, term: vec2f, virial: bool) {
  let fpair = term.x;
  (*s).f += del * fpair;
  (*s).e += 0.5 * term.y;
  if (virial) {
    (*s).wd += 0.5 * fpair * del * del;
    (*s).wo += 0.5 * fpair * vec3f(del.x * del.y, del.x * del.z, del.y * del.z);
  }
}
