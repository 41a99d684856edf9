// Nosé–Hoover chain half steps (Martyna–Tuckerman–Klein), written after the description of
// LAMMPS fix nvt (chain of 3, one loop, masses tied to Tdamp): `begin` runs before the first velocity
// half step of a time step, `end` after the second, each leaving the velocity factor in state.factor.
// One thread per replica.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: MdParams;
@group(0) @binding(4) var<storage, read_write> state: array<MdState>;

const CHAIN: u32 = 3u;

fn setMasses(s: ptr<function, MdState>) {
  let w2 = p.tFreq * p.tFreq;
  (*s).etaMass = vec4f(p.tdof * p.boltz * (*s).tTarget / w2, vec3f(p.boltz * (*s).tTarget / w2));
}

fn halfStep(s: ptr<function, MdState>) {
  let dt4 = 0.25 * p.dt;
  let dt8 = 0.125 * p.dt;
  let kt = p.boltz * (*s).tTarget;
  let keTarget = p.tdof * kt;
  setMasses(s);
  var ke = p.tdof * p.boltz * (*s).tCurrent;
  (*s).etaDotDot[0] = select(0.0, (ke - keTarget) / (*s).etaMass[0], (*s).etaMass[0] > 0.0);
  for (var ich = CHAIN - 1u; ich > 0u; ich--) {
    let expfac = exp(-dt8 * (*s).etaDot[ich + 1u]);
    (*s).etaDot[ich] = ((*s).etaDot[ich] * expfac + (*s).etaDotDot[ich] * dt4) * expfac;
  }
  var expfac = exp(-dt8 * (*s).etaDot[1]);
  (*s).etaDot[0] = ((*s).etaDot[0] * expfac + (*s).etaDotDot[0] * dt4) * expfac;
  let factor = exp(-0.5 * p.dt * (*s).etaDot[0]);
  (*s).factor = factor;
  (*s).tCurrent *= factor * factor;
  ke = p.tdof * p.boltz * (*s).tCurrent;
  (*s).etaDotDot[0] = select(0.0, (ke - keTarget) / (*s).etaMass[0], (*s).etaMass[0] > 0.0);
  (*s).eta += 0.5 * p.dt * vec4f((*s).etaDot.xyz, 0.0);
  (*s).etaDot[0] = ((*s).etaDot[0] * expfac + (*s).etaDotDot[0] * dt4) * expfac;
  for (var ich = 1u; ich < CHAIN; ich++) {
    expfac = exp(-dt8 * (*s).etaDot[ich + 1u]);
    (*s).etaDotDot[ich] = ((*s).etaMass[ich - 1u] * (*s).etaDot[ich - 1u] * (*s).etaDot[ich - 1u] - kt) / (*s).etaMass[ich];
    (*s).etaDot[ich] = ((*s).etaDot[ich] * expfac + (*s).etaDotDot[ich] * dt4) * expfac;
  }
  var energy = keTarget * (*s).eta[0] + 0.5 * (*s).etaMass[0] * (*s).etaDot[0] * (*s).etaDot[0];
  for (var ich = 1u; ich < CHAIN; ich++) {
    energy += kt * (*s).eta[ich] + 0.5 * (*s).etaMass[ich] * (*s).etaDot[ich] * (*s).etaDot[ich];
  }
  (*s).thermostatEnergy = energy;
}

@compute @workgroup_size(WG)
fn begin(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  if (r >= arrayLength(&state)) { return; }
  var s = state[r];
  s.step += 1u;
  s.factor = 1.0;
  if (p.thermostat == 1u) {
    s.tTarget = p.tStart + f32(s.step) / f32(p.steps) * (p.tStop - p.tStart);
    halfStep(&s);
  }
  state[r] = s;
}

@compute @workgroup_size(WG)
fn end(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  if (r >= arrayLength(&state)) { return; }
  var s = state[r];
  s.tCurrent = 2.0 * s.kinetic / (p.tdof * p.boltz);
  s.factor = 1.0;
  if (p.thermostat == 1u) {
    halfStep(&s);
    s.kinetic *= s.factor * s.factor;
  }
  state[r] = s;
}

// Before a run, as LAMMPS's setup: the current temperature from the kinetic energy, chain masses
// for the starting target, and the chain's initial accelerations.
@compute @workgroup_size(WG)
fn prepare(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  if (r >= arrayLength(&state)) { return; }
  var s = state[r];
  s.tCurrent = 2.0 * s.kinetic / (p.tdof * p.boltz);
  s.tTarget = p.tStart;
  s.factor = 1.0;
  if (p.thermostat == 1u) {
    setMasses(&s);
    for (var ich = 1u; ich < CHAIN; ich++) {
      s.etaDotDot[ich] = (s.etaMass[ich - 1u] * s.etaDot[ich - 1u] * s.etaDot[ich - 1u] - p.boltz * s.tTarget) / s.etaMass[ich];
    }
  }
  state[r] = s;
}
