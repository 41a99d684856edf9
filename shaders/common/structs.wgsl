// Shared by every kernel; the byte layout is mirrored in src/gpu/layouts.ts (tested against this file).

// A LAMMPS cell h = [[lx, xy, xz], [0, ly, yz], [0, 0, lz]] with corner lo. One per replica.
struct Box {
  lengths: vec4f,  // lx, ly, lz, unused
  tilts: vec4f,    // xy, xz, yz, unused
  lo: vec4f,       // xlo, ylo, zlo, unused
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
