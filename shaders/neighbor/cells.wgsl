// Per-replica cell lists by counting sort, rebuilt only for replicas whose `flags` entry is set.
// Cells bin fractional coordinates, so in a triclinic box each is a parallelepiped at least
// one list cutoff thick and neighbours lie in adjacent cells.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> posRef: array<vec4u>;
@group(0) @binding(3) var<storage, read> boxes: array<Box>;
// flags[r] = 1 while replica r needs a new list; flags[nreplicas] = most neighbours any atom had.
@group(0) @binding(4) var<storage, read_write> flags: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read_write> cellCount: array<atomic<u32>>;
// ncells + 1 entries per replica: where each cell's atoms start in that replica's slice of cellAtoms.
@group(0) @binding(6) var<storage, read_write> cellStart: array<u32>;
@group(0) @binding(7) var<storage, read_write> atomCell: array<vec2u>;
@group(0) @binding(8) var<storage, read_write> cellAtoms: array<u32>;
// Replicas a minimiser has finished keep their lists: nothing evaluates them.
@group(0) @binding(15) var<storage, read> replicaActive: array<u32>;

// The top 24 bits of each fractional coordinate times the cell count (at most 255) pick the cell.
fn cellIndex(p: vec4u) -> u32 {
  let dims = params.cellDims;
  let c = ((p.xyz >> vec3u(8u)) * dims) >> vec3u(24u);
  return (c.z * dims.y + c.y) * dims.x + c.x;
}

// An atom that moved more than half the skin since the last build may have a new neighbour.
@compute @workgroup_size(WG)
fn check(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let r = gid.y;
  if (i >= params.natoms || replicaActive[r] != REPLICA_RUNNING) { return; }
  let k = r * params.natoms + i;
  let d = separation(posRef[k], pos[k], boxes[r]);
  if (dot(d, d) > params.halfSkinSq) {
    atomicStore(&flags[r], 1u);
  }
}

@compute @workgroup_size(WG)
fn bin(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let r = gid.y;
  if (i >= params.natoms || atomicLoad(&flags[r]) == 0u) { return; }
  let c = cellIndex(pos[r * params.natoms + i]);
  let slot = atomicAdd(&cellCount[r * params.ncells + c], 1u);
  atomCell[r * params.natoms + i] = vec2u(c, slot);
}

var<workgroup> rebuilding: u32;

// One workgroup per replica: exclusive prefix sum of the cell counts, which are reset for next time.
@compute @workgroup_size(SCAN_WG)
fn scan(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) t: u32) {
  let r = wg.x;
  if (t == 0u) { rebuilding = atomicLoad(&flags[r]); }
  if (workgroupUniformLoad(&rebuilding) == 0u) { return; }
  let nc = params.ncells;
  let cells = scanChunk(t, nc);
  var sum = 0u;
  for (var c = cells.x; c < cells.y; c++) {
    sum += atomicLoad(&cellCount[r * nc + c]);
  }
  let upTo = inclusiveSum(t, sum);
  var offset = upTo - sum;
  let base = r * (nc + 1u);
  for (var c = cells.x; c < cells.y; c++) {
    cellStart[base + c] = offset;
    offset += atomicExchange(&cellCount[r * nc + c], 0u);
  }
  if (t == SCAN_WG - 1u) { cellStart[base + nc] = upTo; }
}

@compute @workgroup_size(WG)
fn scatter(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let r = gid.y;
  if (i >= params.natoms || atomicLoad(&flags[r]) == 0u) { return; }
  let cs = atomCell[r * params.natoms + i];
  cellAtoms[r * params.natoms + cellStart[r * (params.ncells + 1u) + cs.x] + cs.y] = i;
}

// Atomics fill cells in a random order; sorting each cell makes neighbour order, hence every f32
// sum, the same from run to run.
@compute @workgroup_size(WG)
fn sortCells(@builtin(global_invocation_id) gid: vec3u) {
  let c = gid.x;
  let r = gid.y;
  if (c >= params.ncells || atomicLoad(&flags[r]) == 0u) { return; }
  let base = r * params.natoms;
  let start = cellStart[r * (params.ncells + 1u) + c];
  let end = cellStart[r * (params.ncells + 1u) + c + 1u];
  for (var a = start + 1u; a < end; a++) {
    let v = cellAtoms[base + a];
    var b = a;
    while (b > start && cellAtoms[base + b - 1u] > v) {
      cellAtoms[base + b] = cellAtoms[base + b - 1u];
      b--;
    }
    cellAtoms[base + b] = v;
  }
}

@compute @workgroup_size(WG)
fn settle(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x < params.nreplicas) {
    atomicStore(&flags[gid.x], 0u);
  }
}
