// The shared lists' per-atom data, read by shaders/neighbor/shared.wgsl and the EAM passes over
// them: one cell for every replica (the reference configuration's), and in one buffer the atoms in
// spatial order (N), where each atom's candidates start (N + 1), then the candidates.
@group(0) @binding(2) var<uniform> cell: Box;
@group(0) @binding(4) var<storage, read> candidates: array<u32>;

// The atom a workgroup slot takes: adjacent slots are adjacent in space.
fn atomInOrder(slot: u32) -> u32 {
  return candidates[slot];
}

// Index in `candidates` of atom i's first candidate.
fn firstCandidate(i: u32) -> u32 {
  return 2u * params.natoms + 1u + candidates[params.natoms + i];
}

fn candidateCount(i: u32) -> u32 {
  return candidates[params.natoms + i + 1u] - candidates[params.natoms + i];
}
