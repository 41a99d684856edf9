// Per-replica totals: energy, virial, largest force component and Σ|f|², one workgroup per replica.
// Each thread sums a strided share of atoms, then a tree in workgroup memory keeps f32 rounding
// near log2(WG) ulps rather than N. 256 on every adapter, CPU ones included (src/gpu/tuning.ts):
// energies of ~10⁴ eV need the wide tree to stay within 1e-6 eV/atom, and totals run once per batch.
const RWG: u32 = 256u;

struct Totals {
  energy: f32,
  fmax: f32,
  fsq: f32,
  pad: f32,
  virialDiag: vec4f,  // xx, yy, zz, unused
  virialOff: vec4f,   // xy, xz, yz, unused
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> forces: array<vec4f>;
@group(0) @binding(2) var<storage, read> virial: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> totals: array<Totals>;

var<workgroup> sumE: array<f32, RWG>;
var<workgroup> maxF: array<f32, RWG>;
var<workgroup> sumF: array<f32, RWG>;
var<workgroup> sumW0: array<vec4f, RWG>;
var<workgroup> sumW1: array<vec4f, RWG>;

@compute @workgroup_size(RWG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) t: u32) {
  let r = wg.x;
  let n = params.natoms;
  var e = 0.0;
  var fm = 0.0;
  var fs = 0.0;
  var w0 = vec4f(0.0);
  var w1 = vec4f(0.0);
  for (var i = t; i < n; i += RWG) {
    let k = r * n + i;
    let f = forces[k];
    e += f.w;
    let af = abs(f.xyz);
    fm = max(fm, max(af.x, max(af.y, af.z)));
    fs += dot(f.xyz, f.xyz);
    w0 += virial[2u * k];
    w1 += virial[2u * k + 1u];
  }
  sumE[t] = e;
  maxF[t] = fm;
  sumF[t] = fs;
  sumW0[t] = w0;
  sumW1[t] = w1;
  workgroupBarrier();
  for (var half = RWG / 2u; half > 0u; half >>= 1u) {
    if (t < half) {
      sumE[t] += sumE[t + half];
      maxF[t] = max(maxF[t], maxF[t + half]);
      sumF[t] += sumF[t + half];
      sumW0[t] += sumW0[t + half];
      sumW1[t] += sumW1[t + half];
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    let a = sumW0[0];
    let c = sumW1[0];
    totals[r] = Totals(sumE[0], maxF[0], sumF[0], 0.0, vec4f(a.xyz, 0.0), vec4f(a.w, c.x, c.y, 0.0));
  }
}
