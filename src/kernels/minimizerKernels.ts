import { tuningFor } from '../gpu/tuning';
import { Kernel } from './kernel';
import { SOURCES } from './sources';

const WG = 64;

export type MinMethod = 'fire' | 'sd';

/** Buffers of shaders/min/*.wgsl besides the engine's own. */
export interface MinBuffers {
  readonly params: GPUBuffer;
  readonly positions: GPUBuffer;
  readonly forces: GPUBuffer;
  readonly velocities: GPUBuffer;
  readonly snapshot: GPUBuffer;
  readonly frozen: GPUBuffer;
  readonly state: GPUBuffer;
  readonly sums: GPUBuffer;
  readonly invMass: GPUBuffer;
  readonly active: GPUBuffer;
  readonly boxes: GPUBuffer;
}

/** One minimiser iteration after the forces: per-replica sums, the control step, the move. */
export class MinimizerKernels {
  private constructor(
    private readonly reduce: Kernel,
    private readonly control: Kernel,
    private readonly integrate: Kernel,
  ) {}

  static async create(device: GPUDevice, method: MinMethod, b: MinBuffers): Promise<MinimizerKernels> {
    const source = method === 'fire' ? SOURCES.fire : SOURCES.descent;
    const [reduce, control, integrate] = await Promise.all([
      Kernel.create(device, SOURCES.minReduce, 'main', { RWG: tuningFor(device).reduceWG }),
      Kernel.create(device, source, 'control', { WG }),
      Kernel.create(device, source, 'integrate', { WG }),
    ]);
    reduce.bind(device, { 0: b.params, 1: b.positions, 2: b.forces, 3: b.velocities, 4: b.snapshot, 5: b.frozen, 6: b.state, 7: b.sums, 10: b.boxes });
    control.bind(device, { 0: b.params, 6: b.state, 7: b.sums, 9: b.active });
    const moves = { 0: b.params, 1: b.positions, 2: b.forces, 3: b.velocities, 4: b.snapshot, 5: b.frozen, 6: b.state, 10: b.boxes };
    integrate.bind(device, method === 'fire' ? { ...moves, 8: b.invMass } : moves);
    return new MinimizerKernels(reduce, control, integrate);
  }

  encode(pass: GPUComputePassEncoder, natoms: number, nreplicas: number): void {
    this.reduce.encode(pass, nreplicas);
    this.control.encode(pass, Math.ceil(nreplicas / WG));
    this.integrate.encode(pass, Math.ceil(natoms / WG), nreplicas);
  }
}
