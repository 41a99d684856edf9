import { storageBuffer } from '../gpu/buffers';
import { DEFORMATION_LAYOUT, writeDeformation } from '../gpu/layouts';
import { deformationBetween, type Box } from '../system/box';
import { Kernel } from './kernel';
import type { ReplicaState } from './neighborList';
import { SOURCES } from './sources';

const WG = 64;

/** shaders/strain/affine.wgsl: atoms follow their replica's cell from one box to another. */
export class AffineRemap {
  private readonly deformations: GPUBuffer;

  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    private readonly kernel: Kernel,
  ) {
    this.deformations = storageBuffer(device, 'deformations', DEFORMATION_LAYOUT.size * state.nreplicas);
    kernel.bind(device, { 0: state.params, 1: state.positions, 2: this.deformations });
  }

  static async create(device: GPUDevice, state: ReplicaState): Promise<AffineRemap> {
    return new AffineRemap(device, state, await Kernel.create(device, SOURCES.affine, 'main', { WG }));
  }

  /** Records the remap of every replica r from `from[r]` to `to[r]`. */
  encode(pass: GPUComputePassEncoder, from: readonly Box[], to: readonly Box[]): void {
    const view = new DataView(new ArrayBuffer(DEFORMATION_LAYOUT.size * this.state.nreplicas));
    from.forEach((b, r) => writeDeformation(view, r * DEFORMATION_LAYOUT.size, deformationBetween(b, to[r]), b.lo, to[r].lo));
    this.device.queue.writeBuffer(this.deformations, 0, view.buffer);
    this.kernel.encode(pass, Math.ceil(this.state.natoms / WG), this.state.nreplicas);
  }

  destroy(): void {
    this.deformations.destroy();
  }
}
