// Shared by every kernel; the byte layout is mirrored in src/gpu/layouts.ts (tested against this file).

// A LAMMPS cell h = [[lx, xy, xz], [0, ly, yz], [0, 0, lz]] with corner lo. One per replica.
struct Box {
  lengths: vec4f,  // lx, ly, lz, unused
  tilts: vec4f,    // xy, xz, yz, unused
  lo: vec4f,       // xlo, ylo, zlo, unused
}

// What a replica's entry in `replicaActive` says the force kernels do with it.
// Not evaluated: never started, or stopped by shared lists it outgrew.
const REPLICA_IDLE: u32 = 0u;
// Evaluated at every iteration.
const REPLICA_RUNNING: u32 = 1u;
// Stopped by a minimiser, whose iterations skip the per-atom virial: only a full force pass
// evaluates it again, at the positions, lists and densities of its last iteration.
const REPLICA_SETTLED: u32 = 2u;

// Whether a pass evaluates a replica: running ones, and settled ones too in a full force pass.
fn evaluated(entry: u32, settledToo: bool) -> bool {
  return entry == REPLICA_RUNNING || (settledToo && entry == REPLICA_SETTLED);
}

// What does not change between force evaluations of one engine.
struct Params {
  natoms: u32,
  nreplicas: u32,
  maxNeighbors: u32,
  ncells: u32,
  cellDims: vec3u,
  listCutsq: f32,
  halfSkinSq: f32,
  // Shared lists (shaders/neighbor/shared.wgsl): u32 words of candidate mask per atom, and the
  // squared distance from the reference within which the candidates hold every neighbour.
  maskWords: u32,
  allowanceSq: f32,
}
