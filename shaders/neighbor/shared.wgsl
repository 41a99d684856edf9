// Neighbours of replicas that stay near one reference configuration (the frozen-atom relaxations
// of one strained state). Every atom has one list of candidates shared by all replicas, built on
// the host from the reference with cutoff + skin + 2·allowance; each replica keeps a bitmask over
// those candidates marking the ones within cutoff + skin, rebuilt where an atom moved more than
// half the skin. While every atom is within the allowance of its reference position at each
// rebuild, the masks hold every neighbour; a rebuild that finds an atom beyond it stops the replica
// at once (its forces are no longer exact) and marks it outgrown for the host, which widens the
// candidates and starts that relaxation again.
//
// Arrays written here are atom-major (atom i of replica r at i·R + r): the lanes of a workgroup
// are one atom in consecutive running replicas, so they read the same candidate and adjacent
// positions. Only the replicas in `running` are visited (shaders/neighbor/visits.wgsl): finished
// ones cost no lanes.
override WG: u32 = 64u;
// Atoms per workgroup of `build`, adjacent in space, as in shaders/eam/sharedPairs.wgsl.
override ATOMS: u32 = 4u;
// Edge of the transpose tile (src/gpu/tuning.ts).
override TILE: u32 = 16u;

@group(0) @binding(0) var<uniform> params: Params;
// Replica-major, as the rest of the engine keeps them.
@group(0) @binding(1) var<storage, read> pos: array<vec4u>;
// [0, R): replica needs new masks; [R, 2R): replica outgrown; 2R: largest squared displacement
// from the reference seen by an outgrown replica (f32 bits, which order like u32 for positives).
@group(0) @binding(3) var<storage, read_write> flags: array<atomic<u32>>;
@group(0) @binding(6) var<storage, read_write> masks: array<u32>;
// This evaluation's positions, atom-major.
@group(0) @binding(7) var<storage, read_write> posT: array<vec4u>;
// Positions at the last mask build, atom-major.
@group(0) @binding(8) var<storage, read_write> posBuilt: array<vec4u>;
// The reference configuration, one entry per atom.
@group(0) @binding(9) var<storage, read> reference: array<vec4u>;
// running[0] = how many replicas to visit, then their indices.
@group(0) @binding(10) var<storage, read> running: array<u32>;
// Cleared here for an outgrown replica, which the EAM passes then skip and the minimiser stops.
@group(0) @binding(15) var<storage, read_write> replicaActive: array<atomic<u32>>;

// A tile of TILE atoms × TILE running replicas, padded against bank conflicts.
var<workgroup> tile: array<vec4u, TILE * (TILE + 1u)>;

// Transposes the positions of running replicas to atom-major through a tile (whole lines read and
// written) and flags replicas with an atom that moved more than half the skin since the last build.
@compute @workgroup_size(TILE, TILE)
fn check(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let n = params.natoms;
  let count = running[0];
  let kIn = wg.y * TILE + lid.y;
  let iIn = wg.x * TILE + lid.x;
  if (kIn < count && iIn < n) { tile[lid.y * (TILE + 1u) + lid.x] = pos[running[1u + kIn] * n + iIn]; }
  workgroupBarrier();
  let k = wg.y * TILE + lid.x;
  let i = wg.x * TILE + lid.y;
  if (k >= count || i >= n) { return; }
  let r = running[1u + k];
  let p = tile[lid.x * (TILE + 1u) + lid.y];
  let t = i * params.nreplicas + r;
  posT[t] = p;
  if (atomicLoad(&replicaActive[r]) != REPLICA_RUNNING) { return; }
  let d = separation(posBuilt[t], p, cell);
  if (dot(d, d) > params.halfSkinSq) { atomicStore(&flags[r], 1u); }
}

struct Lane {
  i: u32,
  r: u32,
  // Index in the atom-major arrays.
  t: u32,
}

@compute @workgroup_size(WG, ATOMS)
fn build(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let k = wg.y * WG + lid.x;
  let slot = wg.x * ATOMS + lid.y;
  if (k >= running[0] || slot >= params.natoms) { return; }
  let nr = params.nreplicas;
  let i = atomInOrder(slot);
  let l = Lane(i, running[1u + k], i * nr + running[1u + k]);
  if (atomicLoad(&flags[l.r]) == 0u) { return; }
  let pi = posT[l.t];
  let moved = separation(reference[l.i], pi, cell);
  let movedSq = dot(moved, moved);
  if (movedSq > params.allowanceSq) {
    atomicStore(&flags[nr + l.r], 1u);
    atomicMax(&flags[2u * nr], bitcast<u32>(movedSq));
    atomicStore(&replicaActive[l.r], REPLICA_IDLE);
  }
  let start = firstCandidate(l.i);
  let count = candidateCount(l.i);
  for (var w = 0u; w < params.maskWords; w++) {
    var word = 0u;
    let first = 32u * w;
    let last = min(first + 32u, count);
    for (var c = first; c < last; c++) {
      let d = separation(pi, posT[candidates[start + c] * nr + l.r], cell);
      if (dot(d, d) < params.listCutsq) { word |= 1u << (c - first); }
    }
    masks[(l.i * params.maskWords + w) * nr + l.r] = word;
  }
  posBuilt[l.t] = pi;
}

// Replicas not visited keep their flags: they rebuild when they run again.
@compute @workgroup_size(WG)
fn settle(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x < running[0]) {
    atomicStore(&flags[running[1u + gid.x]], 0u);
  }
}
