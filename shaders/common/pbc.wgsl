// Positions are fixed-point fractional coordinates, s·2³² per axis as u32 (type in w): they resolve
// 1e-8 Å in a 30 Å cell, a wrapped difference is the fractional minimum image exactly, and a new
// cell carries the atoms along affinely. Only the Cartesian h·Δs of a pair is rounded (to f32).
// Rounding Δs in fractional coordinates gives the true minimum image for separations shorter than
// half the smallest perpendicular width, which the engine guarantees for its list cutoff.
const FRACTION: f32 = 2.3283064365386963e-10;
const TWO32: f32 = 4294967296.0;

// Cartesian vector from position `a` to position `z`, in the replica's cell h = [[lx, xy, xz], [0, ly, yz], [0, 0, lz]].
fn separation(a: vec4u, z: vec4u, b: Box) -> vec3f {
  let ds = vec3f(bitcast<vec3i>(z.xyz - a.xyz)) * FRACTION;
  return vec3f(
    b.lengths.x * ds.x + b.tilts.x * ds.y + b.tilts.y * ds.z,
    b.lengths.y * ds.y + b.tilts.z * ds.z,
    b.lengths.z * ds.z,
  );
}

// A position moved by the Cartesian displacement dx (shorter than half the cell).
fn displaced(p: vec4u, dx: vec3f, b: Box) -> vec4u {
  let sz = dx.z / b.lengths.z;
  let sy = (dx.y - b.tilts.z * sz) / b.lengths.y;
  let sx = (dx.x - b.tilts.x * sy - b.tilts.y * sz) / b.lengths.x;
  let step = bitcast<vec3u>(vec3i(round(vec3f(sx, sy, sz) * TWO32)));
  return vec4u(p.xyz + step, p.w);
}
