// Per-replica kinetic energy Σ ½ m v² (eV), one workgroup per replica.
// Invocations per workgroup, a power of two (src/gpu/tuning.ts).
override RWG: u32 = 256u;

@group(0) @binding(0) var<uniform> p: MdParams;
@group(0) @binding(1) var<storage, read> vel: array<vec4f>;
@group(0) @binding(2) var<storage, read> pos: array<vec4u>;
// Mass per atom type, g/mol.
@group(0) @binding(3) var<storage, read> masses: array<f32>;
@group(0) @binding(4) var<storage, read_write> state: array<MdState>;

var<workgroup> partial: array<f32, RWG>;

@compute @workgroup_size(RWG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) t: u32) {
  let r = wg.x;
  let n = p.natoms;
  var sum = 0.0;
  for (var i = t; i < n; i += RWG) {
    let v = vel[r * n + i].xyz;
    sum += masses[pos[r * n + i].w] * dot(v, v);
  }
  partial[t] = sum;
  workgroupBarrier();
  for (var half = RWG / 2u; half > 0u; half >>= 1u) {
    if (t < half) { partial[t] += partial[t + half]; }
    workgroupBarrier();
  }
  if (t == 0u) { state[r].kinetic = 0.5 * p.mvv2e * partial[0]; }
}
