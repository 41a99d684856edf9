import type { EamTables } from '../potential/tables';
import { storageBuffer } from '../gpu/buffers';
import { Kernel } from './kernel';
import type { ReplicaState } from './neighborList';
import { sharedWorkgroup, workgroupConstants, type SharedLists } from './sharedLists';
import { SOURCES } from './sources';
import { packTables, tableConstants } from './eamTables';

/**
 * The EAM passes over shared lists (shaders/eam/shared*.wgsl): density and embedding in one
 * kernel, then forces, energies and virials, written replica-major like EamPasses' outputs.
 */
export class SharedPasses {
  private readonly tables: GPUBuffer;
  /** F'(ρ) of every atom, then F(ρ), each atom-major. */
  readonly embedding: GPUBuffer;
  readonly forces: GPUBuffer;
  readonly virial: GPUBuffer;

  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    tables: EamTables,
    private readonly kernels: { density: Kernel; force: Kernel; forceLean: Kernel },
    private readonly lists: SharedLists,
  ) {
    const { natoms: n, nreplicas: r } = state;
    const packed = packTables(tables);
    this.tables = storageBuffer(device, 'EAM tables', packed.byteLength);
    device.queue.writeBuffer(this.tables, 0, packed);
    this.embedding = storageBuffer(device, 'embedding', 8 * r * n);
    this.forces = storageBuffer(device, 'forces', 16 * r * n);
    this.virial = storageBuffer(device, 'virial', 32 * r * n);
  }

  static async create(device: GPUDevice, state: ReplicaState, tables: EamTables, lists: Promise<SharedLists>): Promise<SharedPasses> {
    const c = { ...workgroupConstants(state.nreplicas), ...tableConstants(tables) };
    const [density, force, forceLean, built] = await Promise.all([
      Kernel.create(device, SOURCES.sharedDensity, 'main', c),
      Kernel.create(device, SOURCES.sharedForce, 'main', c),
      Kernel.create(device, SOURCES.sharedForce, 'main', { ...c, VIRIAL: 0 }),
      lists,
    ]);
    const passes = new SharedPasses(device, state, tables, { density, force, forceLean }, built);
    passes.bind();
    return passes;
  }

  /** Rebinds after the lists' candidates were rebuilt. */
  bind(): void {
    const { lists } = this;
    const { params, active } = this.state;
    const common = { 0: params, 1: lists.posT, 2: lists.cell, 4: lists.candidates, 5: lists.masks, 6: this.tables, 7: this.embedding, 10: lists.running, 15: active };
    this.kernels.density.bind(this.device, common);
    const outputs = { ...common, 8: this.forces, 9: this.virial };
    this.kernels.forceLean.bind(this.device, outputs);
    // The full pass also evaluates settled replicas, which are listed but no longer running.
    this.kernels.force.bind(this.device, { ...outputs, 10: lists.listed });
  }

  /** One of the passes over the replicas the lists visit; 'forceLean' is that of minimiser iterations (shaders/eam/sharedForce.wgsl). */
  encodeOne(pass: GPUComputePassEncoder, which: 'density' | 'force' | 'forceLean'): void {
    const count = this.lists.listedCount;
    const { lanes, atoms } = sharedWorkgroup(this.state.nreplicas);
    if (count > 0) this.kernels[which].encode(pass, Math.ceil(this.state.natoms / atoms), Math.ceil(count / lanes));
  }

  destroy(): void {
    for (const b of [this.tables, this.embedding, this.forces, this.virial]) b.destroy();
  }
}
