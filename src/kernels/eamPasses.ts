import type { EamTables } from '../potential/tables';
import { storageBuffer } from '../gpu/buffers';
import { Kernel } from './kernel';
import type { ListBuffers, ReplicaState } from './neighborList';
import { SOURCES } from './sources';
import { packTables, tableConstants } from './eamTables';

const WG = 64;

/** The three EAM passes of shaders/eam/*.wgsl over all replicas, and their per-atom outputs. */
export class EamPasses {
  readonly tables: GPUBuffer;
  readonly rho: GPUBuffer;
  readonly embedding: GPUBuffer;
  /** (fx, fy, fz, per-atom energy) per atom, replica-major. */
  readonly forces: GPUBuffer;
  /** Per-atom virial, two vec4 per atom: (xx, yy, zz, xy), (xz, yz, 0, 0), eV. */
  readonly virial: GPUBuffer;

  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    tables: EamTables,
    private readonly kernels: { density: Kernel; embed: Kernel; force: Kernel; forceLean: Kernel },
  ) {
    const { natoms: n, nreplicas: r } = state;
    const packed = packTables(tables);
    this.tables = storageBuffer(device, 'EAM tables', packed.byteLength);
    device.queue.writeBuffer(this.tables, 0, packed);
    this.rho = storageBuffer(device, 'rho', 4 * r * n);
    this.embedding = storageBuffer(device, 'embedding', 8 * r * n);
    this.forces = storageBuffer(device, 'forces', 16 * r * n);
    this.virial = storageBuffer(device, 'virial', 32 * r * n);
  }

  static async create(device: GPUDevice, state: ReplicaState, tables: EamTables, lists: ListBuffers): Promise<EamPasses> {
    const c = { WG, ...tableConstants(tables) };
    const [density, embed, force, forceLean] = await Promise.all([
      Kernel.create(device, SOURCES.density, 'main', c),
      Kernel.create(device, SOURCES.embed, 'main', c),
      Kernel.create(device, SOURCES.force, 'main', c),
      Kernel.create(device, SOURCES.force, 'main', { ...c, VIRIAL: 0 }),
    ]);
    const passes = new EamPasses(device, state, tables, { density, embed, force, forceLean });
    passes.bind(lists);
    return passes;
  }

  /** Rebinds after the neighbour lists were reallocated. */
  bind(lists: ListBuffers): void {
    const d = this.device;
    const { params, positions, boxes, active } = this.state;
    const pairs = { 0: params, 1: positions, 2: boxes, 3: lists.neighbors, 4: lists.neighborCount, 5: this.tables, 15: active };
    this.kernels.density.bind(d, { ...pairs, 6: this.rho });
    this.kernels.embed.bind(d, { 0: params, 1: positions, 2: this.tables, 3: this.rho, 4: this.embedding, 15: active });
    const outputs = { ...pairs, 6: this.embedding, 7: this.forces, 8: this.virial };
    this.kernels.force.bind(d, outputs);
    this.kernels.forceLean.bind(d, outputs);
  }

  /** `virial` false: the lean force pass of minimiser iterations (shaders/eam/force.wgsl). */
  encode(pass: GPUComputePassEncoder, virial: boolean): void {
    for (const k of ['density', 'embed', virial ? 'force' : 'forceLean'] as const) this.encodeOne(pass, k);
  }

  /** One of the passes alone, for profiling. */
  encodeOne(pass: GPUComputePassEncoder, which: 'density' | 'embed' | 'force' | 'forceLean'): void {
    this.kernels[which].encode(pass, Math.ceil(this.state.natoms / WG), this.state.nreplicas);
  }

  destroy(): void {
    for (const b of [this.tables, this.rho, this.embedding, this.forces, this.virial]) b.destroy();
  }
}
