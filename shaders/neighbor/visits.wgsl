// Which replicas the shared-list kernels visit, decided on the GPU at every evaluation: of the
// replicas the host listed, those still running, in the same order. A replica the minimiser
// settles leaves the lanes of the next iteration, not those after the host's next status read,
// which with pipelined batches comes up to two batches later. The kernels are still dispatched for
// every replica the host listed, as many as it knows of; workgroups past the running ones exit at
// once, having read running[0].
// running[0] = how many replicas to visit, then their indices.
@group(0) @binding(10) var<storage, read_write> running: array<u32>;
// The host's list, in the same form.
@group(0) @binding(11) var<storage, read> listed: array<u32>;
@group(0) @binding(15) var<storage, read> replicaActive: array<u32>;

// One workgroup (SCAN_WG invocations, src/gpu/tuning.ts).
@compute @workgroup_size(SCAN_WG)
fn compact(@builtin(local_invocation_index) t: u32) {
  let count = listed[0];
  let slice = scanChunk(t, count);
  var mine = 0u;
  for (var k = slice.x; k < slice.y; k++) {
    if (replicaActive[listed[1u + k]] == REPLICA_RUNNING) { mine++; }
  }
  let upTo = inclusiveSum(t, mine);
  var at = 1u + upTo - mine;
  for (var k = slice.x; k < slice.y; k++) {
    let r = listed[1u + k];
    if (replicaActive[r] == REPLICA_RUNNING) {
      running[at] = r;
      at++;
    }
  }
  if (t == SCAN_WG - 1u) { running[0] = upTo; }
}
