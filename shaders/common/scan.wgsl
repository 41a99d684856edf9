// Prefix sums across one workgroup of SCAN_WG invocations, each summing a contiguous chunk of the
// items first: the counting sort of cell lists and the compaction of running replicas.
// A power of two (src/gpu/tuning.ts).
override SCAN_WG: u32 = 256u;

var<workgroup> scanSums: array<u32, SCAN_WG>;

// The items [x, y) of `count` that invocation t sums.
fn scanChunk(t: u32, count: u32) -> vec2u {
  let chunk = (count + SCAN_WG - 1u) / SCAN_WG;
  let first = min(t * chunk, count);
  return vec2u(first, min(first + chunk, count));
}

// The sum of `mine` over invocations 0..t, inclusive. Every invocation of the workgroup calls it.
fn inclusiveSum(t: u32, mine: u32) -> u32 {
  scanSums[t] = mine;
  workgroupBarrier();
  for (var stride = 1u; stride < SCAN_WG; stride <<= 1u) {
    let add = select(0u, scanSums[t - stride], t >= stride);
    workgroupBarrier();
    scanSums[t] += add;
    workgroupBarrier();
  }
  return scanSums[t];
}
