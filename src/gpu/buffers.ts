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

/** Part of a GPU buffer. */
export interface BufferRange {
  readonly buffer: GPUBuffer;
  readonly offset: number;
  readonly size: number;
}

/**
 * Copies of buffer ranges recorded into a command encoder, read back once it has run: recorded at
 * the end of a batch, they hold that batch's results while later batches already run.
 */
export class Readback {
  private constructor(
    private readonly device: GPUDevice,
    private readonly staging: GPUBuffer,
    private readonly ranges: readonly BufferRange[],
    private readonly offsets: readonly number[],
  ) {}

  static record(device: GPUDevice, encoder: GPUCommandEncoder, ranges: readonly BufferRange[]): Readback {
    const offsets: number[] = [];
    let size = 0;
    for (const r of ranges) {
      offsets.push(size);
      size += Math.ceil(r.size / 4) * 4;
    }
    const staging = device.createBuffer({ label: 'readback', size: Math.max(4, size), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    ranges.forEach((r, k) => encoder.copyBufferToBuffer(r.buffer, r.offset, staging, offsets[k], r.size));
    return new Readback(device, staging, ranges, offsets);
  }

  /** Frees the staging buffer unread. */
  discard(): void {
    this.staging.destroy();
  }

  /** The ranges' bytes, in order, once the encoder's commands have run. */
  async read(): Promise<ArrayBuffer[]> {
    try {
      await this.staging.mapAsync(GPUMapMode.READ);
      throwIfFailed(this.device);
      const all = this.staging.getMappedRange();
      return this.ranges.map((r, k) => all.slice(this.offsets[k], this.offsets[k] + r.size));
    } finally {
      this.staging.destroy();
    }
  }
}

/** Copies `size` bytes from `offset` of a GPU buffer back to the host. */
export async function readBuffer(device: GPUDevice, src: GPUBuffer, offset = 0, size = src.size - offset): Promise<ArrayBuffer> {
  const encoder = device.createCommandEncoder();
  const readback = Readback.record(device, encoder, [{ buffer: src, offset, size }]);
  device.queue.submit([encoder.finish()]);
  return (await readback.read())[0];
}
