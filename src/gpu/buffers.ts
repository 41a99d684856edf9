import { throwIfFailed } from './errors';

export function createBuffer(device: GPUDevice, label: string, size: number, usage: GPUBufferUsageFlags): GPUBuffer {
  // WebGPU rejects zero-sized bindings and requires 4-byte multiples for copies.
  return device.createBuffer({ label, size: Math.max(16, Math.ceil(size / 16) * 16), usage });
}

export function storageBuffer(device: GPUDevice, label: string, size: number): GPUBuffer {
  return createBuffer(device, label, size, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
}

export function uniformBuffer(device: GPUDevice, label: string, size: number): GPUBuffer {
  return createBuffer(device, label, size, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
}

/** Copies `size` bytes from `offset` of a GPU buffer back to the host. */
export async function readBuffer(device: GPUDevice, src: GPUBuffer, offset = 0, size = src.size - offset): Promise<ArrayBuffer> {
  const staging = device.createBuffer({ label: `${src.label} readback`, size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(src, offset, staging, 0, size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  throwIfFailed(device);
  const copy = staging.getMappedRange().slice(0);
  staging.unmap();
  staging.destroy();
  return copy;
}
