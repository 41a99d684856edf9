// EAM pass 1: host electron density of every atom of every replica, from its full neighbour list.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pos: array<vec4f>;
@group(0) @binding(2) var<storage, read> boxes: array<Box>;
@group(0) @binding(3) var<storage, read> neighbors: array<u32>;
@group(0) @binding(4) var<storage, read> neighborCount: array<u32>;
@group(0) @binding(5) var<storage, read> tables: array<vec4f>;
@group(0) @binding(6) var<storage, read_write> rho: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let r = gid.y;
  let n = params.natoms;
  if (i >= n) { return; }
  let b = boxes[r];
  let pi = pos[r * n + i];
  let ti = u32(pi.w);
  let kmax = params.maxNeighbors;
  let count = min(neighborCount[r * n + i], kmax);
  var sum = 0.0;
  for (var k = 0u; k < count; k++) {
    let j = neighbors[(r * kmax + k) * n + i];
    let pj = pos[r * n + j];
    let d = minimumImage(pj.xyz - pi.xyz, b);
    let rsq = dot(d, d);
    if (rsq < CUTSQ) {
      let kn = knotR(sqrt(rsq));
      sum += splineValue(tables[densityTable(u32(pj.w), ti) + kn.index], kn.p);
    }
  }
  rho[r * n + i] = sum;
}
