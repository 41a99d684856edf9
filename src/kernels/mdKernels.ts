import { tuningFor } from '../gpu/tuning';
import { Kernel } from './kernel';
import { SOURCES } from './sources';

const WG = 64;

export interface MdBuffers {
  readonly params: GPUBuffer;
  readonly velocities: GPUBuffer;
  readonly positions: GPUBuffer;
  readonly masses: GPUBuffer;
  readonly state: GPUBuffer;
  readonly forces: GPUBuffer;
  readonly boxes: GPUBuffer;
}

/** shaders/md/*.wgsl bound to one engine's buffers: the pieces of a velocity Verlet step. */
export class MdKernels {
  private constructor(private readonly k: Record<'kinetic' | 'prepare' | 'begin' | 'end' | 'first' | 'second' | 'scale', Kernel>) {}

  static async create(device: GPUDevice, b: MdBuffers): Promise<MdKernels> {
    const c = { WG };
    const [kinetic, prepare, begin, end, first, second, scale] = await Promise.all([
      Kernel.create(device, SOURCES.kinetic, 'main', { RWG: tuningFor(device).reduceWG }),
      ...(['prepare', 'begin', 'end'] as const).map((e) => Kernel.create(device, SOURCES.thermostat, e, c)),
      ...(['first', 'second', 'scale'] as const).map((e) => Kernel.create(device, SOURCES.verlet, e, c)),
    ]);
    kinetic.bind(device, { 0: b.params, 1: b.velocities, 2: b.positions, 3: b.masses, 4: b.state });
    for (const t of [prepare, begin, end]) t.bind(device, { 0: b.params, 4: b.state });
    first.bind(device, { 0: b.params, 1: b.velocities, 2: b.positions, 3: b.masses, 4: b.state, 5: b.forces, 6: b.boxes });
    second.bind(device, { 0: b.params, 1: b.velocities, 2: b.positions, 3: b.masses, 5: b.forces });
    scale.bind(device, { 0: b.params, 1: b.velocities, 4: b.state });
    return new MdKernels({ kinetic, prepare, begin, end, first, second, scale });
  }

  /** Kinetic energies and the thermostat's starting state, before the first step of a run. */
  encodePrepare(pass: GPUComputePassEncoder, nreplicas: number): void {
    this.k.kinetic.encode(pass, nreplicas);
    this.k.prepare.encode(pass, Math.ceil(nreplicas / WG));
  }

  /** Thermostat half step, half kick and drift: everything of a step before the new forces. */
  encodeFirstHalf(pass: GPUComputePassEncoder, natoms: number, nreplicas: number): void {
    this.k.begin.encode(pass, Math.ceil(nreplicas / WG));
    this.k.first.encode(pass, Math.ceil(natoms / WG), nreplicas);
  }

  /** Half kick with the new forces, kinetic energy, thermostat half step and its scaling. */
  encodeSecondHalf(pass: GPUComputePassEncoder, natoms: number, nreplicas: number): void {
    this.k.second.encode(pass, Math.ceil(natoms / WG), nreplicas);
    this.k.kinetic.encode(pass, nreplicas);
    this.k.end.encode(pass, Math.ceil(nreplicas / WG));
    this.k.scale.encode(pass, Math.ceil(natoms / WG), nreplicas);
  }
}
