import type { Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { encodeParams } from '../gpu/layouts';
import type { BufferRange } from '../gpu/buffers';
import { NeighborLists, type ReplicaState } from '../kernels/neighborList';
import { EamPasses } from '../kernels/eamPasses';
import { SharedLists, type SharedReference } from '../kernels/sharedLists';
import { SharedPasses } from '../kernels/sharedPasses';
import { geometryHolds, listGeometry, type ListGeometry } from './listGeometry';

/** What a check of the lists after a batch of evaluations found. */
export interface ListCheck {
  /** Lists were too narrow: every evaluation since the last check must be repeated. */
  readonly repeat: boolean;
  /** Replicas whose forces since some point are not exact and whose work must start again. */
  readonly outgrown: readonly number[];
}

/** A named group of dispatches, for profiling. */
export type Stage = readonly [string, (pass: GPUComputePassEncoder) => void];

/** Neighbour lists and the EAM passes over them: how a ForceEngine turns positions into forces. */
export interface PairWork {
  /** (fx, fy, fz, per-atom energy) per atom, replica-major. */
  readonly forces: GPUBuffer;
  /** Two vec4 per atom, replica-major: (xx, yy, zz, xy), (xz, yz, 0, 0), eV. */
  readonly virial: GPUBuffer;
  readonly skin: number;
  /** Entries of one atom's list: per-replica list width, or shared candidates. */
  readonly listWidth: number;
  /**
   * Records the list maintenance and the EAM passes. `virial` false: the lean passes of minimiser
   * iterations, forces and energies of running replicas only; true: also the per-atom virial, and
   * also replicas the minimiser has settled.
   */
  encode(pass: GPUComputePassEncoder, virial: boolean): void;
  stages(): Stage[];
  /** Evaluates only these replicas (ascending) until told otherwise. */
  visit(replicas: readonly number[]): void;
  rebuildAll(): void;
  setBoxes(boxes: readonly Box[]): void;
  /** What the check reads: copied at the end of a batch, then reset with `resetCheck`. */
  checkRange(): BufferRange;
  resetCheck(encoder: GPUCommandEncoder): void;
  /** Acts on a copy of the check range: widens the lists where they did not hold. */
  applyCheck(data: ArrayBuffer): ListCheck;
  destroy(): void;
}

/** Room for density fluctuations and atoms that move before the next rebuild. */
export function widen(count: number): number {
  return Math.ceil((count * 1.25 + 8) / 4) * 4;
}

/** Verlet lists per replica (shaders/neighbor/{cells,list}.wgsl), for replicas that go their own ways. */
export class PerReplicaWork implements PairWork {
  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    private readonly cutoff: number,
    private readonly requestedSkin: number,
    private geometry: ListGeometry,
    readonly lists: NeighborLists,
    private readonly eam: EamPasses,
  ) {
    this.writeParams();
  }

  static async create(device: GPUDevice, state: ReplicaState, tables: EamTables, boxes: readonly Box[], skin: number, maxNeighbors: number): Promise<PerReplicaWork> {
    const geometry = listGeometry(boxes, tables.cutoff, skin);
    const [x, y, z] = geometry.cellDims;
    const lists = await NeighborLists.create(device, state, x * y * z, maxNeighbors);
    const eam = await EamPasses.create(device, state, tables, lists);
    return new PerReplicaWork(device, state, tables.cutoff, skin, geometry, lists, eam);
  }

  get forces(): GPUBuffer {
    return this.eam.forces;
  }

  get virial(): GPUBuffer {
    return this.eam.virial;
  }

  get skin(): number {
    return this.geometry.skin;
  }

  get listWidth(): number {
    return this.lists.maxNeighbors;
  }

  encode(pass: GPUComputePassEncoder, virial: boolean): void {
    this.lists.encode(pass);
    this.eam.encode(pass, virial);
  }

  stages(): Stage[] {
    return [
      ['neighbour-list check', (p) => this.lists.encode(p)],
      ['density pass', (p) => this.eam.encodeOne(p, 'density')],
      ['embedding pass', (p) => this.eam.encodeOne(p, 'embed')],
      ['force pass (minimiser iterations: no virial)', (p) => this.eam.encodeOne(p, 'forceLean')],
      ['force pass with virial', (p) => this.eam.encodeOne(p, 'force')],
    ];
  }

  /** Workgroups of replicas that are not active exit at once: nothing to narrow. */
  visit(): void {}

  rebuildAll(): void {
    this.lists.rebuildAll();
  }

  setBoxes(boxes: readonly Box[]): void {
    if (!geometryHolds(this.geometry, boxes)) {
      this.geometry = listGeometry(boxes, this.cutoff, this.requestedSkin);
      const [x, y, z] = this.geometry.cellDims;
      this.lists.allocate(x * y * z, this.lists.maxNeighbors);
      this.eam.bind(this.lists);
      this.writeParams();
    }
    this.lists.rebuildAll();
  }

  checkRange(): BufferRange {
    return this.lists.maxSeenRange();
  }

  /** The count is kept since allocation, which a widening resets. */
  resetCheck(): void {}

  /** Widens the lists if an atom had more neighbours than they hold since they were allocated. */
  applyCheck(data: ArrayBuffer): ListCheck {
    const seen = new Uint32Array(data)[0];
    if (seen <= this.lists.maxNeighbors) return { repeat: false, outgrown: [] };
    this.lists.allocate(this.lists.ncells, widen(seen));
    this.eam.bind(this.lists);
    this.writeParams();
    return { repeat: true, outgrown: [] };
  }

  private writeParams(): void {
    const g = this.geometry;
    const params = encodeParams({
      natoms: this.state.natoms,
      nreplicas: this.state.nreplicas,
      maxNeighbors: this.lists.maxNeighbors,
      cellDims: g.cellDims,
      listCutsq: g.listCutoff * g.listCutoff,
      halfSkinSq: (g.skin / 2) ** 2,
    });
    this.device.queue.writeBuffer(this.state.params, 0, params);
  }

  destroy(): void {
    this.lists.destroy();
    this.eam.destroy();
  }
}

/**
 * Lists shared by replicas that all stay near one reference configuration in one cell
 * (shaders/neighbor/shared.wgsl): the frozen-atom relaxations of one strained state. A replica
 * with an atom farther than the allowance from the reference is reported outgrown, and the
 * allowance widened to cover it, so its work can start again on lists that hold.
 */
export class SharedWork implements PairWork {
  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    private readonly reference: SharedReference,
    private readonly geometry: ListGeometry,
    private allowance: number,
    readonly lists: SharedLists,
    private readonly passes: SharedPasses,
  ) {
    this.writeParams();
  }

  static async create(device: GPUDevice, state: ReplicaState, tables: EamTables, reference: SharedReference, skin: number, allowance: number): Promise<SharedWork> {
    if (!(allowance > 0)) throw new Error(`the shared lists' allowance must be positive, got ${allowance} Å`);
    if (state.natoms > 65535) throw new Error(`shared lists take at most 65535 atoms, got ${state.natoms}`);
    const geometry = listGeometry([reference.box], tables.cutoff, skin);
    // The passes' pipelines compile while the lists are built.
    const lists = SharedLists.create(device, state, reference, geometry.listCutoff + 2 * allowance);
    const passes = await SharedPasses.create(device, state, tables, lists);
    return new SharedWork(device, state, reference, geometry, allowance, await lists, passes);
  }

  get forces(): GPUBuffer {
    return this.passes.forces;
  }

  get virial(): GPUBuffer {
    return this.passes.virial;
  }

  get skin(): number {
    return this.geometry.skin;
  }

  get listWidth(): number {
    return this.lists.widest;
  }

  encode(pass: GPUComputePassEncoder, virial: boolean): void {
    this.lists.encode(pass);
    this.passes.encodeOne(pass, 'density');
    this.passes.encodeOne(pass, virial ? 'force' : 'forceLean');
  }

  stages(): Stage[] {
    return [
      ['neighbour-mask check', (p) => this.lists.encode(p)],
      ['density + embedding pass', (p) => this.passes.encodeOne(p, 'density')],
      ['force pass (minimiser iterations: no virial)', (p) => this.passes.encodeOne(p, 'forceLean')],
      ['force pass with virial', (p) => this.passes.encodeOne(p, 'force')],
    ];
  }

  /** A workgroup is one atom in many replicas: listing the running ones keeps finished ones from idling its lanes. */
  visit(replicas: readonly number[]): void {
    this.lists.run(replicas);
  }

  rebuildAll(): void {
    this.lists.rebuildAll();
  }

  setBoxes(boxes: readonly Box[]): void {
    const ref = this.reference.box;
    const same = (b: Box) => b.lx === ref.lx && b.ly === ref.ly && b.lz === ref.lz && b.xy === ref.xy && b.xz === ref.xz && b.yz === ref.yz;
    if (!boxes.every(same)) throw new Error('an engine with shared lists keeps every replica in the cell of its reference configuration');
    this.lists.rebuildAll();
  }

  checkRange(): BufferRange {
    return this.lists.outgrownRange();
  }

  resetCheck(encoder: GPUCommandEncoder): void {
    this.lists.clearOutgrown(encoder);
  }

  applyCheck(data: ArrayBuffer): ListCheck {
    const found = this.lists.readOutgrown(data);
    if (found.outgrown.length === 0) return { repeat: false, outgrown: [] };
    // A batch that ran before the last widening may report atoms it already covers.
    if (found.farthest > this.allowance) {
      this.allowance = Math.max(2 * this.allowance, 1.25 * found.farthest);
      this.lists.setCandidates(this.geometry.listCutoff + 2 * this.allowance);
      this.passes.bind();
      this.writeParams();
    }
    return { repeat: false, outgrown: found.outgrown };
  }

  private writeParams(): void {
    const g = this.geometry;
    const params = encodeParams({
      natoms: this.state.natoms,
      nreplicas: this.state.nreplicas,
      maxNeighbors: 0,
      cellDims: [1, 1, 1],
      listCutsq: g.listCutoff * g.listCutoff,
      halfSkinSq: (g.skin / 2) ** 2,
      maskWords: this.lists.maskWords,
      allowanceSq: this.allowance * this.allowance,
    });
    this.device.queue.writeBuffer(this.state.params, 0, params);
  }

  destroy(): void {
    this.lists.destroy();
    this.passes.destroy();
  }
}
