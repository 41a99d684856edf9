/**
 * Workgroup shapes of the kernels that synchronise through workgroup memory, per kind of adapter.
 *
 * On a GPU a barrier is cheap and a wide workgroup keeps the memory system busy. A CPU
 * implementation of WebGPU (SwiftShader, the adapter of Chrome and Node on GPU-less machines) runs
 * a workgroup's invocations as coroutines of one 4-wide SIMD group each and switches between all of
 * them at every barrier: there a tree reduction over 256 invocations cost 24× one over 4 (the FIRE
 * sums of 251 replicas × 250 atoms, 527 ms against 22 ms per iteration). The totals (energy,
 * virial) keep 256 everywhere: they run once per batch, and their precision needs the wide tree.
 */
export interface Tuning {
  /** Invocations of a per-replica reduction workgroup (a power of two). */
  readonly reduceWG: number;
  /** Edge of the shared-list transpose tile (atoms × replicas). */
  readonly tile: number;
  /** Invocations of the cell-count prefix sum (a power of two). */
  readonly scanWG: number;
  /** True on a CPU adapter, where per-replica Verlet lists beat shared ones. */
  readonly cpu: boolean;
}

export const GPU_TUNING: Tuning = { reduceWG: 256, tile: 16, scanWG: 256, cpu: false };
export const CPU_TUNING: Tuning = { reduceWG: 4, tile: 4, scanWG: 4, cpu: true };

const chosen = new WeakMap<GPUDevice, Tuning>();

/** Whether the adapter behind this device runs on the CPU. */
export function isCpuAdapter(info: GPUAdapterInfo | undefined): boolean {
  if (!info) return false;
  const fallback = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const text = [info.vendor, info.architecture, info.device, info.description].join(' ');
  return fallback || /swiftshader|llvmpipe|lavapipe|warp/i.test(text);
}

/** The shapes for this device: set with `setTuning`, else from its adapter. */
export function tuningFor(device: GPUDevice): Tuning {
  return chosen.get(device) ?? (isCpuAdapter(device.adapterInfo) ? CPU_TUNING : GPU_TUNING);
}

/** Fixes the shapes for kernels created on this device from now on (tests run both on one adapter). */
export function setTuning(device: GPUDevice, tuning: Tuning): void {
  chosen.set(device, tuning);
}
