// What the two EAM passes that walk neighbour lists (density, force) share: their first bindings
// and the lookup of atom i of replica r and its list entries.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> boxes: array<Box>;
@group(0) @binding(3) var<storage, read> neighbors: array<u32>;
@group(0) @binding(4) var<storage, read> neighborCount: array<u32>;
@group(0) @binding(5) var<storage, read> tables: array<vec4f>;
// REPLICA_RUNNING, _SETTLED or _IDLE (shaders/common/structs.wgsl).
@group(0) @binding(15) var<storage, read> replicaActive: array<u32>;

struct Site {
  r: u32,
  i: u32,
  // Index of the atom in the replica-major per-atom arrays.
  k: u32,
  // List entries to read (a list that overflowed is truncated here and widened by the host).
  count: u32,
}

// Threads past the last atom or in a replica the pass does not evaluate (whole workgroups, as each
// holds one replica) do nothing.
fn idle(gid: vec3u, settledToo: bool) -> bool {
  return gid.x >= params.natoms || !evaluated(replicaActive[gid.y], settledToo);
}

fn site(gid: vec3u) -> Site {
  let k = gid.y * params.natoms + gid.x;
  return Site(gid.y, gid.x, k, min(neighborCount[k], params.maxNeighbors));
}

fn neighbor(s: Site, m: u32) -> u32 {
  return neighbors[(s.r * params.maxNeighbors + m) * params.natoms + s.i];
}
