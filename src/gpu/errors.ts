const errors = new WeakMap<GPUDevice, string[]>();

/**
 * Records the device's uncaptured errors (a bad binding, an out-of-memory buffer), which WebGPU
 * otherwise only logs, so the engine can fail with the reason instead of returning zeros.
 */
export function watchErrors(device: GPUDevice): void {
  if (errors.has(device)) return;
  const list: string[] = [];
  errors.set(device, list);
  device.addEventListener('uncapturederror', (e) => list.push((e as GPUUncapturedErrorEvent).error.message));
}

export function throwIfFailed(device: GPUDevice): void {
  const list = errors.get(device);
  if (list && list.length > 0) throw new Error(`WebGPU error: ${list.splice(0).join('; ')}`);
}
