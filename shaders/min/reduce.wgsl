// Per-replica sums the minimiser's control step needs, one workgroup per replica; frozen atoms
// count only towards the energy.
// Invocations per workgroup, a power of two (src/gpu/tuning.ts).
override RWG: u32 = 256u;

@group(0) @binding(0) var<uniform> p: MinParams;
@group(0) @binding(1) var<storage, read> pos: array<vec4u>;
@group(0) @binding(2) var<storage, read> forces: array<vec4f>;
@group(0) @binding(3) var<storage, read> vel: array<vec4f>;
@group(0) @binding(4) var<storage, read> snapshot: array<vec4u>;
@group(0) @binding(5) var<storage, read> frozen: array<u32>;
@group(0) @binding(6) var<storage, read> state: array<MinState>;
@group(0) @binding(7) var<storage, read_write> sums: array<MinSums>;
@group(0) @binding(10) var<storage, read> boxes: array<Box>;

var<workgroup> add: array<vec4f, RWG>;     // vf, vv, ff, energy
var<workgroup> most: array<vec4f, RWG>;    // fmax, vmax, dispSq, unused
var<workgroup> finished: u32;

@compute @workgroup_size(RWG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) t: u32) {
  let r = wg.x;
  if (t == 0u) { finished = state[r].status; }
  if (workgroupUniformLoad(&finished) != RUNNING) { return; }
  let n = p.natoms;
  let b = boxes[r];
  let iteration = state[r].iteration;
  let check = stallCheckDue(iteration) && iteration >= p.stallWindow;
  var a = vec4f(0.0);
  var m = vec4f(0.0);
  for (var i = t; i < n; i += RWG) {
    let k = r * n + i;
    let f = forces[k];
    a.w += f.w;
    if (isFrozen(r, i, n)) { continue; }
    let v = vel[k].xyz;
    a += vec4f(dot(v, f.xyz), dot(v, v), dot(f.xyz, f.xyz), 0.0);
    let af = abs(f.xyz);
    let av = abs(v);
    var dispSq = 0.0;
    if (check) {
      let d = separation(snapshot[snapshotIndex(iteration, k)], pos[k], b);
      dispSq = dot(d, d);
    }
    m = max(m, vec4f(max(af.x, max(af.y, af.z)), max(av.x, max(av.y, av.z)), dispSq, 0.0));
  }
  add[t] = a;
  most[t] = m;
  workgroupBarrier();
  for (var half = RWG / 2u; half > 0u; half >>= 1u) {
    if (t < half) {
      add[t] += add[t + half];
      most[t] = max(most[t], most[t + half]);
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    let s = add[0];
    let x = most[0];
    sums[r] = MinSums(s.x, s.y, s.z, x.x, x.y, s.w, x.z, 0.0);
  }
}
