// Removes whole c, then b, then a vectors, as LAMMPS does for triclinic cells: exact for separations
// shorter than half the smallest perpendicular width, which the engine guarantees for its list cutoff.
fn minimumImage(d0: vec3f, b: Box) -> vec3f {
  var d = d0;
  let nz = round(d.z / b.lengths.z);
  d -= nz * vec3f(b.tilts.y, b.tilts.z, b.lengths.z);
  let ny = round(d.y / b.lengths.y);
  d -= ny * vec3f(b.tilts.x, b.lengths.y, 0.0);
  d.x -= round(d.x / b.lengths.x) * b.lengths.x;
  return d;
}

fn fractional(x: vec3f, b: Box) -> vec3f {
  let r = x - b.lo.xyz;
  let sz = r.z / b.lengths.z;
  let sy = (r.y - b.tilts.z * sz) / b.lengths.y;
  let sx = (r.x - b.tilts.y * sz - b.tilts.x * sy) / b.lengths.x;
  return vec3f(sx, sy, sz);
}
