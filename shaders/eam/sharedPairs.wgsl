// What the two EAM passes over shared lists (shaders/neighbor/shared.wgsl) share: bindings, the
// lane of an atom in a replica, and the walk over the candidates a replica's mask marks. Per-atom
// arrays are atom-major (i·R + r) except the outputs the minimiser reads.
override WG: u32 = 64u;
// Atoms per workgroup, adjacent in space (atomInOrder): their neighbours overlap, so a workgroup
// finds much of what it reads already in the SM's cache.
override ATOMS: u32 = 4u;

@group(0) @binding(0) var<uniform> params: Params;
// Fixed-point coordinates and type, atom-major.
@group(0) @binding(1) var<storage, read> posT: array<vec4u>;
@group(0) @binding(5) var<storage, read> masks: array<u32>;
@group(0) @binding(6) var<storage, read> tables: array<vec4f>;
// running[0] = how many replicas to visit, then their indices: those running (shaders/neighbor/visits.wgsl),
// or for the full force pass all the host listed.
@group(0) @binding(10) var<storage, read> running: array<u32>;
@group(0) @binding(15) var<storage, read> replicaActive: array<u32>;

struct Lane {
  i: u32,
  r: u32,
  t: u32,
  idle: bool,
}

// settledToo: a full force pass (shaders/common/structs.wgsl).
fn lane(wg: vec3u, lid: vec3u, settledToo: bool) -> Lane {
  let k = wg.y * WG + lid.x;
  let slot = wg.x * ATOMS + lid.y;
  if (k >= running[0] || slot >= params.natoms) { return Lane(0u, 0u, 0u, true); }
  let r = running[1u + k];
  let i = atomInOrder(slot);
  return Lane(i, r, i * params.nreplicas + r, !evaluated(replicaActive[r], settledToo));
}

// The candidates of atom l.i in one mask word, walked by clearing the lowest set bit.
struct Walk {
  bits: u32,
  base: u32,
}

fn walk(l: Lane, w: u32) -> Walk {
  return Walk(masks[(l.i * params.maskWords + w) * params.nreplicas + l.r], firstCandidate(l.i) + 32u * w);
}

// The next marked neighbour; call while bits != 0.
fn nextNeighbor(k: ptr<function, Walk>) -> u32 {
  let c = countTrailingZeros((*k).bits);
  (*k).bits &= (*k).bits - 1u;
  return candidates[(*k).base + c];
}

// Position (type in w) of atom j of the lane's replica.
fn positionOf(j: u32, l: Lane) -> vec4u {
  return posT[j * params.nreplicas + l.r];
}
