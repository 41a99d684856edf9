// Moves every atom of a replica with its cell, keeping fractional coordinates (LAMMPS change_box
// remap): x → toLo + F (x − fromLo), F = h_new h_old⁻¹ (upper-triangular, so the cell stays in LAMMPS
// form), fromLo/toLo the old and new cell corners. Replicas with F = 1 and fromLo = toLo stay put.
override WG: u32 = 64u;

struct Deformation {
  // F00, F01, F02, F11
  upper: vec4f,
  // F12, F22, unused, unused
  lower: vec4f,
  fromLo: vec4f,
  toLo: vec4f,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> pos: array<vec4f>;
@group(0) @binding(2) var<storage, read> deformations: array<Deformation>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let n = params.natoms;
  let i = gid.x;
  let r = gid.y;
  if (i >= n) { return; }
  let g = deformations[r];
  let k = r * n + i;
  let d = pos[k].xyz - g.fromLo.xyz;
  let x = vec3f(
    g.upper.x * d.x + g.upper.y * d.y + g.upper.z * d.z,
    g.upper.w * d.y + g.lower.x * d.z,
    g.lower.y * d.z,
  );
  pos[k] = vec4f(g.toLo.xyz + x, pos[k].w);
}
