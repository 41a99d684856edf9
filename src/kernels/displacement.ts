import { readBuffer, storageBuffer, type BufferRange } from '../gpu/buffers';
import { tuningFor } from '../gpu/tuning';
import { Kernel } from './kernel';
import type { ReplicaState } from './neighborList';
import { SOURCES } from './sources';

export interface Displacement {
  /** sqrt(Σ|x − x_ref|²) over all atoms, Å. */
  readonly norm: number;
  /** Largest |x − x_ref|, Å. */
  readonly max: number;
}

/** shaders/reduce/displacement.wgsl: how far each replica moved from a reference copy of its positions. */
export class DisplacementMeter {
  /** Positions to measure from, in the engine's fixed-point fractional layout. */
  readonly reference: GPUBuffer;
  private readonly result: GPUBuffer;

  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    private readonly kernel: Kernel,
  ) {
    this.reference = storageBuffer(device, 'reference positions', 16 * state.natoms * state.nreplicas);
    this.result = storageBuffer(device, 'displacements', 8 * state.nreplicas);
    kernel.bind(device, { 0: state.params, 1: state.positions, 2: this.reference, 3: this.result, 4: state.boxes });
  }

  static async create(device: GPUDevice, state: ReplicaState): Promise<DisplacementMeter> {
    return new DisplacementMeter(device, state, await Kernel.create(device, SOURCES.displacement, 'main', { RWG: tuningFor(device).reduceWG }));
  }

  /** Takes the current positions as the reference. */
  markNow(): void {
    const encoder = this.device.createCommandEncoder({ label: 'mark reference' });
    encoder.copyBufferToBuffer(this.state.positions, 0, this.reference, 0, this.reference.size);
    this.device.queue.submit([encoder.finish()]);
  }

  async measure(): Promise<Displacement[]> {
    const encoder = this.device.createCommandEncoder({ label: 'displacement' });
    const pass = encoder.beginComputePass();
    this.encode(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return this.read();
  }

  /** Records the measurement into a pass; `read` returns it once the pass has run. */
  encode(pass: GPUComputePassEncoder): void {
    this.kernel.encode(pass, this.state.nreplicas);
  }

  async read(): Promise<Displacement[]> {
    return this.decode(await readBuffer(this.device, this.result));
  }

  /** What a readback copies for `decode`. */
  range(): BufferRange {
    return { buffer: this.result, offset: 0, size: this.result.size };
  }

  decode(data: ArrayBuffer): Displacement[] {
    const v = new Float32Array(data);
    return Array.from({ length: this.state.nreplicas }, (_, r) => ({ norm: Math.sqrt(v[2 * r]), max: v[2 * r + 1] }));
  }

  /** Records copying the reference positions of replica `from` into the live positions of replica `to`. */
  restore(encoder: GPUCommandEncoder, from: number, to: number): void {
    const bytes = 16 * this.state.natoms;
    encoder.copyBufferToBuffer(this.reference, bytes * from, this.state.positions, bytes * to, bytes);
  }

  destroy(): void {
    this.reference.destroy();
    this.result.destroy();
  }
}
