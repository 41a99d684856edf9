// Which replicas the shared-list kernels visit, decided on the GPU at every evaluation: of the
// replicas the host listed, those still running, in the same order. A replica the minimiser
// settles leaves the lanes of the next iteration, not those after the host's next status read,
// which with pipelined batches comes up to two batches later. The kernels are still dispatched for
// every replica the host listed, as many as it knows of; workgroups past the running ones exit at
// once, having read running[0].
// Invocations of the one workgroup (src/gpu/tuning.ts).
override SCAN_WG: u32 = 256u;

// running[0] = how many replicas to visit, then their indices.
@group(0) @binding(10) var<storage, read_write> running: array<u32>;
// The host's list, in the same form.
@group(0) @binding(11) var<storage, read> listed: array<u32>;
@group(0) @binding(15) var<storage, read> replicaActive: array<u32>;

var<workgroup> kept: array<u32, SCAN_WG>;

@compute @workgroup_size(SCAN_WG)
fn compact(@builtin(local_invocation_index) t: u32) {
  let count = listed[0];
  let chunk = (count + SCAN_WG - 1u) / SCAN_WG;
  let first = min(t * chunk, count);
  let last = min(first + chunk, count);
  var mine = 0u;
  for (var k = first; k < last; k++) {
    if (replicaActive[listed[1u + k]] == REPLICA_RUNNING) { mine++; }
  }
  kept[t] = mine;
  workgroupBarrier();
  for (var stride = 1u; stride < SCAN_WG; stride <<= 1u) {
    let add = select(0u, kept[t - stride], t >= stride);
    workgroupBarrier();
    kept[t] += add;
    workgroupBarrier();
  }
  var at = 1u + kept[t] - mine;
  for (var k = first; k < last; k++) {
    let r = listed[1u + k];
    if (replicaActive[r] == REPLICA_RUNNING) {
      running[at] = r;
      at++;
    }
  }
  if (t == SCAN_WG - 1u) { running[0] = kept[t]; }
}
