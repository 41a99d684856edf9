// Per replica: Σ|x − x_ref|² and the largest |x − x_ref| over all atoms, one workgroup per replica.
// With x_ref the affinely strained start of a relaxation this is the square of its non-affine
// displacement norm (and of D_f in frozen-atom analysis). Displacements are fractional minimum
// images, so atoms may move up to half the cell.
// Invocations per workgroup, a power of two (src/gpu/tuning.ts).
override RWG: u32 = 256u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> reference: array<vec4u>;
// (Σ|d|², max |d|) per replica.
@group(0) @binding(3) var<storage, read_write> result: array<vec2f>;
@group(0) @binding(4) var<storage, read> boxes: array<Box>;

var<workgroup> partial: array<vec2f, RWG>;

@compute @workgroup_size(RWG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) t: u32) {
  let n = params.natoms;
  let r = wg.x;
  var acc = vec2f(0.0);
  for (var i = t; i < n; i += RWG) {
    let d = separation(reference[r * n + i], pos[r * n + i], boxes[r]);
    let dsq = dot(d, d);
    acc = vec2f(acc.x + dsq, max(acc.y, dsq));
  }
  partial[t] = acc;
  workgroupBarrier();
  for (var half = RWG / 2u; half > 0u; half >>= 1u) {
    if (t < half) {
      partial[t] = vec2f(partial[t].x + partial[t + half].x, max(partial[t].y, partial[t + half].y));
    }
    workgroupBarrier();
  }
  if (t == 0u) { result[r] = vec2f(partial[0].x, sqrt(partial[0].y)); }
}
