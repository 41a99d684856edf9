// Velocity Verlet for every atom of every replica: `first` scales velocities by the thermostat's
// factor, kicks them half a step and drifts the atoms; `second` kicks with the new forces; `scale`
// applies the thermostat's end-of-step factor.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: MdParams;
@group(0) @binding(1) var<storage, read_write> vel: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> pos: array<vec4u>;
@group(0) @binding(3) var<storage, read> masses: array<f32>;
@group(0) @binding(4) var<storage, read> state: array<MdState>;
@group(0) @binding(5) var<storage, read> forces: array<vec4f>;
@group(0) @binding(6) var<storage, read> boxes: array<Box>;

fn kick(k: u32) -> vec3f {
  return 0.5 * p.dt * p.ftm2v / masses[pos[k].w] * forces[k].xyz;
}

@compute @workgroup_size(WG)
fn first(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= p.natoms) { return; }
  let k = gid.y * p.natoms + gid.x;
  let v = vel[k].xyz * state[gid.y].factor + kick(k);
  vel[k] = vec4f(v, 0.0);
  pos[k] = displaced(pos[k], p.dt * v, boxes[gid.y]);
}

@compute @workgroup_size(WG)
fn second(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= p.natoms) { return; }
  let k = gid.y * p.natoms + gid.x;
  vel[k] = vec4f(vel[k].xyz + kick(k), 0.0);
}

@compute @workgroup_size(WG)
fn scale(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= p.natoms) { return; }
  let k = gid.y * p.natoms + gid.x;
  vel[k] = vec4f(vel[k].xyz * state[gid.y].factor, 0.0);
}
