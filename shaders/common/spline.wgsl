// LAMMPS pair_eam tables on uniform grids, one vec4 per knot holding the cubic (c3, c2, c1, f) of
// the interval that starts there. Layout (see src/kernels/eamTables.ts): NTYPES embedding tables of
// NRHO knots, then NTYPES² density tables (source type major), then NTYPES² r·φ tables, NR knots each.
override NTYPES: u32;
override NR: u32;
override NRHO: u32;
override RDR: f32;
override RDRHO: f32;
override RHOMAX: f32;
override CUTSQ: f32;

struct Knot {
  index: u32,
  p: f32,
}

// The clamping matches LAMMPS: beyond the last knot the last cubic is taken at p = 1.
fn knotR(r: f32) -> Knot {
  let x = r * RDR;
  let m = min(u32(x), NR - 2u);
  return Knot(m, min(x - f32(m), 1.0));
}

// Below zero density LAMMPS extrapolates the first cubic (p < 0).
fn knotRho(rho: f32) -> Knot {
  let x = rho * RDRHO;
  let m = select(min(u32(x), NRHO - 2u), 0u, x < 0.0);
  return Knot(m, min(x - f32(m), 1.0));
}

fn splineValue(c: vec4f, p: f32) -> f32 {
  return ((c.x * p + c.y) * p + c.z) * p + c.w;
}

// Derivative with respect to the tabulated variable; rdx = 1/grid spacing.
fn splineSlope(c: vec4f, p: f32, rdx: f32) -> f32 {
  return ((3.0 * c.x * p + 2.0 * c.y) * p + c.z) * rdx;
}

fn embedTable(t: u32) -> u32 {
  return t * NRHO;
}

// Density that a neighbour of type `source` puts on an atom of type `host`.
fn densityTable(source: u32, host: u32) -> u32 {
  return NTYPES * NRHO + (source * NTYPES + host) * NR;
}

fn pairTable(a: u32, b: u32) -> u32 {
  return NTYPES * NRHO + (NTYPES * NTYPES + a * NTYPES + b) * NR;
}
