import { watchErrors } from './errors';

/** A device with the limits the engine's kernels need, from whichever `GPU` the host provides. */
export interface EngineDevice {
  readonly device: GPUDevice;
  /** A human-readable adapter description for reports. */
  readonly adapterName: string;
}

export class NoAdapterError extends Error {}

export function describeAdapter(info: GPUAdapterInfo): string {
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s && s.length > 0);
  return parts.length > 0 ? [...new Set(parts)].join(' / ') : 'unknown adapter';
}

/**
 * Requests the adapter's own maxima for buffer sizes and storage bindings: defaults (128 MiB per
 * binding, 8 storage buffers per stage) are too small for thousands of replicas and for the
 * neighbour-list kernels.
 */
export async function requestEngineDevice(
  gpu: GPU,
  options: GPURequestAdapterOptions = { powerPreference: 'high-performance' },
): Promise<EngineDevice> {
  const adapter = await gpu.requestAdapter(options);
  if (!adapter) {
    throw new NoAdapterError('no WebGPU adapter is available (no GPU, or WebGPU is disabled)');
  }
  const l = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
    },
  });
  watchErrors(device);
  return { device, adapterName: describeAdapter(adapter.info) };
}
