import { readBuffer, storageBuffer, type BufferRange } from '../gpu/buffers';
import { decodeTotals, TOTALS_LAYOUT, type ReplicaTotals } from '../gpu/layouts';
import { Kernel } from './kernel';
import type { ReplicaState } from './neighborList';
import { SOURCES } from './sources';

/** Per-replica sums of shaders/reduce/totals.wgsl: energy, virial and force norms. */
export class Totals {
  readonly buffer: GPUBuffer;

  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    private readonly kernel: Kernel,
  ) {
    this.buffer = storageBuffer(device, 'totals', TOTALS_LAYOUT.size * state.nreplicas);
  }

  static async create(device: GPUDevice, state: ReplicaState, forces: GPUBuffer, virial: GPUBuffer): Promise<Totals> {
    const t = new Totals(device, state, await Kernel.create(device, SOURCES.totals, 'main', {}));
    t.kernel.bind(device, { 0: state.params, 1: forces, 2: virial, 3: t.buffer });
    return t;
  }

  encode(pass: GPUComputePassEncoder): void {
    this.kernel.encode(pass, this.state.nreplicas);
  }

  async read(): Promise<ReplicaTotals[]> {
    return this.decode(await readBuffer(this.device, this.buffer));
  }

  /** What a readback copies for `decode`. */
  range(): BufferRange {
    return { buffer: this.buffer, offset: 0, size: this.buffer.size };
  }

  decode(data: ArrayBuffer): ReplicaTotals[] {
    return decodeTotals(data, this.state.nreplicas);
  }

  destroy(): void {
    this.buffer.destroy();
  }
}
