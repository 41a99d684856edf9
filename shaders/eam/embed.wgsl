// EAM pass 2: embedding energy F(ρ) and its derivative F'(ρ), which the force pass needs for both
// atoms of every pair.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> tables: array<vec4f>;
@group(0) @binding(3) var<storage, read> rho: array<f32>;
// (F'(ρ), F(ρ)) per atom.
@group(0) @binding(4) var<storage, read_write> embedding: array<vec2f>;
@group(0) @binding(15) var<storage, read> replicaActive: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let r = gid.y;
  if (i >= params.natoms || replicaActive[r] != REPLICA_RUNNING) { return; }
  let k = r * params.natoms + i;
  embedding[k] = embeddingTerm(pos[k].w, rho[k]);
}
