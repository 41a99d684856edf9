// Verlet lists (cutoff + skin) from the cell lists, one per replica, stored neighbour-major
// (entry k of atom i at (r·K + k)·N + i) so neighbouring threads read neighbouring words.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> boxes: array<Box>;
@group(0) @binding(3) var<storage, read_write> flags: array<atomic<u32>>;
@group(0) @binding(4) var<storage, read> cellStart: array<u32>;
@group(0) @binding(5) var<storage, read> cellAtoms: array<u32>;
@group(0) @binding(6) var<storage, read_write> neighbors: array<u32>;
@group(0) @binding(7) var<storage, read_write> neighborCount: array<u32>;
@group(0) @binding(8) var<storage, read_write> posRef: array<vec4u>;
// The atom's own cell as binned, not recomputed here: a different rounding could pick a
// neighbouring cell and miss neighbours.
@group(0) @binding(9) var<storage, read> atomCell: array<vec2u>;

// Offsets along one axis: the adjacent cells, or every cell once where there are fewer than three.
fn axisRange(n: u32) -> vec2i {
  return select(vec2i(0, i32(n) - 1), vec2i(-1, 1), n >= 3u);
}

fn axisCell(c: u32, o: i32, n: u32) -> u32 {
  return select(u32(o), u32((i32(c) + o + i32(n)) % i32(n)), n >= 3u);
}

@compute @workgroup_size(WG)
fn build(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let r = gid.y;
  let n = params.natoms;
  if (i >= n || atomicLoad(&flags[r]) == 0u) { return; }
  let b = boxes[r];
  let pi = pos[r * n + i];
  let dims = params.cellDims;
  let own = atomCell[r * n + i].x;
  let ci = vec3u(own % dims.x, (own / dims.x) % dims.y, own / (dims.x * dims.y));
  let rx = axisRange(dims.x);
  let ry = axisRange(dims.y);
  let rz = axisRange(dims.z);
  let startBase = r * (params.ncells + 1u);
  let kmax = params.maxNeighbors;
  var count = 0u;
  for (var oz = rz.x; oz <= rz.y; oz++) {
    let cz = axisCell(ci.z, oz, dims.z);
    for (var oy = ry.x; oy <= ry.y; oy++) {
      let cy = axisCell(ci.y, oy, dims.y);
      for (var ox = rx.x; ox <= rx.y; ox++) {
        let c = (cz * dims.y + cy) * dims.x + axisCell(ci.x, ox, dims.x);
        let end = cellStart[startBase + c + 1u];
        for (var a = cellStart[startBase + c]; a < end; a++) {
          let j = cellAtoms[r * n + a];
          if (j == i) { continue; }
          let d = separation(pi, pos[r * n + j], b);
          if (dot(d, d) < params.listCutsq) {
            if (count < kmax) {
              neighbors[(r * kmax + count) * n + i] = j;
            }
            count++;
          }
        }
      }
    }
  }
  neighborCount[r * n + i] = count;
  atomicMax(&flags[params.nreplicas], count);
  posRef[r * n + i] = pos[r * n + i];
}
