import { storageBuffer, type BufferRange } from '../gpu/buffers';
import { tuningFor } from '../gpu/tuning';
import { Kernel } from './kernel';
import { SOURCES } from './sources';

/** The per-replica system state every kernel reads. */
export interface ReplicaState {
  readonly natoms: number;
  readonly nreplicas: number;
  readonly params: GPUBuffer;
  /** Fixed-point fractional coordinates and type, (s_x, s_y, s_z)·2³² and t, per atom, replica-major (see shaders/common/pbc.wgsl). */
  readonly positions: GPUBuffer;
  readonly boxes: GPUBuffer;
  /** u32 per replica, nonzero where kernels should evaluate it. */
  readonly active: GPUBuffer;
}

export interface ListBuffers {
  readonly maxNeighbors: number;
  readonly ncells: number;
  readonly neighbors: GPUBuffer;
  readonly neighborCount: GPUBuffer;
}

const WG = 64;

/** A request for more GPU memory than the adapter allows in one buffer. */
export class CapacityError extends Error {}

/** The largest storage buffer the engine can bind on this device, bytes. */
export function bindableBytes(device: GPUDevice): number {
  return Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
}

/** The neighbour lists are the engine's largest buffer; this says early when they cannot fit. */
export function checkListCapacity(device: GPUDevice, natoms: number, nreplicas: number, maxNeighbors: number): void {
  const bytes = 4 * natoms * nreplicas * maxNeighbors;
  const limit = bindableBytes(device);
  if (bytes > limit) {
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    throw new CapacityError(
      `neighbour lists of ${maxNeighbors} entries for ${natoms} atoms × ${nreplicas} replicas need ${mib(bytes)}, ` +
        `more than the adapter allows in one buffer (${mib(limit)})`,
    );
  }
}

/**
 * Cell lists and Verlet lists for all replicas (shaders/neighbor/*.wgsl). Each evaluation first
 * flags replicas where an atom moved more than half the skin; only those rebuild, with no host
 * round trip.
 */
export class NeighborLists implements ListBuffers {
  private flags!: GPUBuffer;
  private cellCount!: GPUBuffer;
  private cellStart!: GPUBuffer;
  private atomCell!: GPUBuffer;
  private cellAtoms!: GPUBuffer;
  private posRef!: GPUBuffer;
  neighbors!: GPUBuffer;
  neighborCount!: GPUBuffer;
  maxNeighbors = 0;
  ncells = 0;

  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    private readonly kernels: Record<'check' | 'bin' | 'scan' | 'scatter' | 'sortCells' | 'settle' | 'build', Kernel>,
  ) {}

  static async create(device: GPUDevice, state: ReplicaState, ncells: number, maxNeighbors: number): Promise<NeighborLists> {
    const c = { WG };
    const entries = ['check', 'bin', 'scan', 'scatter', 'sortCells', 'settle'] as const;
    const [check, bin, scan, scatter, sortCells, settle, build] = await Promise.all([
      ...entries.map((e) => Kernel.create(device, SOURCES.cells, e, e === 'scan' ? { SCAN_WG: tuningFor(device).scanWG } : c)),
      Kernel.create(device, SOURCES.list, 'build', c),
    ]);
    const lists = new NeighborLists(device, state, { check, bin, scan, scatter, sortCells, settle, build });
    lists.allocate(ncells, maxNeighbors);
    return lists;
  }

  /** (Re)creates the buffers for a cell count and list width, and asks every replica to rebuild. */
  allocate(ncells: number, maxNeighbors: number): void {
    checkListCapacity(this.device, this.state.natoms, this.state.nreplicas, maxNeighbors);
    for (const b of [this.flags, this.cellCount, this.cellStart, this.atomCell, this.cellAtoms, this.posRef, this.neighbors, this.neighborCount]) {
      b?.destroy();
    }
    const { natoms: n, nreplicas: r } = this.state;
    const d = this.device;
    this.ncells = ncells;
    this.maxNeighbors = maxNeighbors;
    this.flags = storageBuffer(d, 'list flags', 4 * (r + 1));
    this.cellCount = storageBuffer(d, 'cell counts', 4 * r * ncells);
    this.cellStart = storageBuffer(d, 'cell starts', 4 * r * (ncells + 1));
    this.atomCell = storageBuffer(d, 'atom cells', 8 * r * n);
    this.cellAtoms = storageBuffer(d, 'cell atoms', 4 * r * n);
    this.posRef = storageBuffer(d, 'list reference positions', 16 * r * n);
    this.neighbors = storageBuffer(d, 'neighbour lists', 4 * r * n * maxNeighbors);
    this.neighborCount = storageBuffer(d, 'neighbour counts', 4 * r * n);
    const { params, positions, boxes } = this.state;
    const k = this.kernels;
    k.check.bind(d, { 0: params, 1: positions, 2: this.posRef, 3: boxes, 4: this.flags, 15: this.state.active });
    k.bin.bind(d, { 0: params, 1: positions, 4: this.flags, 5: this.cellCount, 7: this.atomCell });
    k.scan.bind(d, { 0: params, 4: this.flags, 5: this.cellCount, 6: this.cellStart });
    k.scatter.bind(d, { 0: params, 4: this.flags, 6: this.cellStart, 7: this.atomCell, 8: this.cellAtoms });
    k.sortCells.bind(d, { 0: params, 4: this.flags, 6: this.cellStart, 8: this.cellAtoms });
    k.settle.bind(d, { 0: params, 4: this.flags });
    k.build.bind(d, {
      0: params,
      1: positions,
      2: boxes,
      3: this.flags,
      4: this.cellStart,
      5: this.cellAtoms,
      6: this.neighbors,
      7: this.neighborCount,
      8: this.posRef,
      9: this.atomCell,
    });
    this.rebuildAll();
  }

  /** Forces a rebuild of every replica at the next evaluation (new positions or boxes). */
  rebuildAll(): void {
    const flags = new Uint32Array(this.state.nreplicas + 1).fill(1);
    flags[this.state.nreplicas] = 0;
    this.device.queue.writeBuffer(this.flags, 0, flags);
  }

  encode(pass: GPUComputePassEncoder): void {
    const { natoms: n, nreplicas: r } = this.state;
    const atoms = Math.ceil(n / WG);
    const k = this.kernels;
    k.check.encode(pass, atoms, r);
    k.bin.encode(pass, atoms, r);
    k.scan.encode(pass, r);
    k.scatter.encode(pass, atoms, r);
    k.sortCells.encode(pass, Math.ceil(this.ncells / WG), r);
    k.build.encode(pass, atoms, r);
    k.settle.encode(pass, Math.ceil(r / WG));
  }

  /** Where the most neighbours any atom has had in a build since allocation is kept (one u32; may exceed the list width). */
  maxSeenRange(): BufferRange {
    return { buffer: this.flags, offset: 4 * this.state.nreplicas, size: 4 };
  }

  destroy(): void {
    for (const b of [this.flags, this.cellCount, this.cellStart, this.atomCell, this.cellAtoms, this.posRef, this.neighbors, this.neighborCount]) {
      b.destroy();
    }
  }
}
