// Molecular-dynamics state shared by shaders/md/*.wgsl; layouts mirrored in src/gpu/layouts.ts.

struct MdParams {
  natoms: u32,
  // Time step, ps.
  dt: f32,
  // Target temperature ramps linearly from tStart to tStop over `steps` steps (LAMMPS fix nvt).
  tStart: f32,
  tStop: f32,
  // 1 / Tdamp, 1/ps.
  tFreq: f32,
  // Degrees of freedom of the temperature: 3N − 3 (total momentum is zero).
  tdof: f32,
  steps: u32,
  // 0: NVE; 1: Nosé–Hoover chain thermostat.
  thermostat: u32,
  boltz: f32,
  mvv2e: f32,
  ftm2v: f32,
  pad: f32,
}

// Per replica: the Nosé–Hoover chain (length 3, as LAMMPS fix nvt's default tchain) and the
// velocity scaling it asks for.
struct MdState {
  step: u32,
  // Velocity factor from the last thermostat half step, applied by the next kernel that moves.
  factor: f32,
  tTarget: f32,
  tCurrent: f32,
  eta: vec4f,
  // eta_dot[3] stays 0: the end of the chain.
  etaDot: vec4f,
  etaDotDot: vec4f,
  etaMass: vec4f,
  // Kinetic energy (eV) at the end of the last step and the thermostat's energy for the conserved total.
  kinetic: f32,
  thermostatEnergy: f32,
  pad0: f32,
  pad1: f32,
}
