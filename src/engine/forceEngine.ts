import type { Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { createBuffer, Readback, readBuffer, storageBuffer, uniformBuffer, type BufferRange } from '../gpu/buffers';
import { BOX_LAYOUT, writeBox, type ReplicaTotals } from '../gpu/layouts';
import { checkListCapacity, type ReplicaState } from '../kernels/neighborList';
import { Totals } from '../kernels/totals';
import { fromFixedPoint, toFixedPoint, unwrapNear } from './positions';
import { findPairs } from '../oracle/pairs';
import { listGeometry } from './listGeometry';
import { PerReplicaWork, SharedWork, widen, type ListCheck, type PairWork, type Stage } from './pairWork';

export interface ForceEngineOptions {
  /** Verlet skin in Å (default 0.5); reduced automatically where a box is too small for it. */
  readonly skin?: number;
  /** Neighbour list width; by default estimated from the first configuration and grown on overflow. */
  readonly maxNeighbors?: number;
  /**
   * 'per-replica' (default): Verlet lists of its own for every replica. 'shared': every replica
   * stays in the cell and near the configuration the engine is created with (frozen-atom
   * relaxations); they share candidate lists, and a replica that strays beyond `allowance` is
   * reported outgrown by checkLists.
   */
  readonly lists?: 'per-replica' | 'shared';
  /** Shared lists: how far (Å) an atom may move from the reference before its replica is outgrown (default 1.5). */
  readonly allowance?: number;
}

/** Per-atom outputs of one replica, as f32 straight from the GPU. */
export interface AtomOutputs {
  /** (fx, fy, fz, energy) per atom. */
  readonly forces: Float32Array;
  /** (xx, yy, zz, xy, xz, yz, 0, 0) virial per atom, eV. */
  readonly virial: Float32Array;
}

/**
 * EAM energies, forces and virials of R replicas of one system (same atoms and types; own
 * positions and box) on a GPUDevice. DOM-free: the browser and Node drive the same code.
 */
export class ForceEngine {
  readonly state: ReplicaState;
  private boxes: Box[];

  private constructor(
    readonly device: GPUDevice,
    readonly tables: EamTables,
    readonly types: Int32Array,
    state: ReplicaState,
    boxes: Box[],
    readonly work: PairWork,
    readonly totals: Totals,
  ) {
    this.state = state;
    this.boxes = boxes;
  }

  static async create(
    device: GPUDevice,
    tables: EamTables,
    types: Int32Array,
    positions: Float64Array,
    box: Box,
    nreplicas: number,
    options: ForceEngineOptions = {},
  ): Promise<ForceEngine> {
    const natoms = types.length;
    if (natoms === 0) throw new Error('the system has no atoms');
    if (!Number.isInteger(nreplicas) || nreplicas < 1 || nreplicas > 65535) {
      throw new Error(`the number of replicas must be an integer from 1 to 65535, got ${nreplicas}`);
    }
    for (let i = 0; i < natoms; i++) {
      if (types[i] < 0 || types[i] >= tables.ntypes) {
        throw new Error(`atom ${i + 1} has type ${types[i] + 1}, but the potential is bound to ${tables.ntypes} types`);
      }
    }
    const skin = options.skin ?? 0.5;
    const boxes = Array.from({ length: nreplicas }, () => box);
    const shared = options.lists === 'shared';
    let maxNeighbors = 0;
    if (!shared) {
      maxNeighbors = options.maxNeighbors ?? estimateListWidth(box, positions, listGeometry(boxes, tables.cutoff, skin).listCutoff);
      checkListCapacity(device, natoms, nreplicas, maxNeighbors);
    }
    const state: ReplicaState = {
      natoms,
      nreplicas,
      params: uniformBuffer(device, 'params', 48),
      positions: storageBuffer(device, 'positions', 16 * natoms * nreplicas),
      boxes: storageBuffer(device, 'boxes', BOX_LAYOUT.size * nreplicas),
      active: storageBuffer(device, 'active replicas', 4 * nreplicas),
    };
    const work = shared
      ? await SharedWork.create(device, state, tables, { positions, box, types }, skin, options.allowance ?? 1.5)
      : await PerReplicaWork.create(device, state, tables, boxes, skin, maxNeighbors);
    const totals = await Totals.create(device, state, work.forces, work.virial);
    const engine = new ForceEngine(device, tables, types, state, boxes, work, totals);
    engine.writeBoxes();
    engine.activateAll();
    // One upload, copied into every replica on the GPU: thousands of replicas' positions are tens
    // of MB to send from the host.
    const bytes = 16 * natoms;
    const start = createBuffer(device, 'start positions', bytes, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(start, 0, toFixedPoint(box, positions, types));
    const encoder = device.createCommandEncoder({ label: 'replicate positions' });
    for (let r = 0; r < nreplicas; r++) encoder.copyBufferToBuffer(start, 0, state.positions, r * bytes, bytes);
    device.queue.submit([encoder.finish()]);
    start.destroy();
    return engine;
  }

  get natoms(): number {
    return this.state.natoms;
  }

  get nreplicas(): number {
    return this.state.nreplicas;
  }

  get skin(): number {
    return this.work.skin;
  }

  /** Entries of one atom's neighbour list (per-replica lists) or candidates (shared lists). */
  get listWidth(): number {
    return this.work.listWidth;
  }

  get forces(): GPUBuffer {
    return this.work.forces;
  }

  get virial(): GPUBuffer {
    return this.work.virial;
  }

  box(replica: number): Box {
    return this.boxes[replica];
  }

  /**
   * Uploads one replica's Cartesian positions (3 per atom, Å, any periodic image). The lists are
   * rebuilt unless `keepLists` (for callers that move atoms less than half the skin).
   */
  setPositions(positions: Float64Array, replica: number, keepLists = false): void {
    const n = this.natoms;
    if (positions.length !== 3 * n) throw new Error(`expected ${3 * n} coordinates, got ${positions.length}`);
    this.device.queue.writeBuffer(this.state.positions, 16 * n * replica, toFixedPoint(this.boxes[replica], positions, this.types));
    if (!keepLists) this.work.rebuildAll();
  }

  /**
   * Gives replicas new cells. Atoms keep their fractional coordinates, so they move affinely with
   * the cell (LAMMPS change_box remap): an AQS strain step is just a new box. Lists are rebuilt.
   */
  setBoxes(boxes: readonly Box[]): void {
    if (boxes.length !== this.nreplicas) throw new Error(`expected ${this.nreplicas} boxes, got ${boxes.length}`);
    this.work.setBoxes(boxes);
    this.boxes = [...boxes];
    this.writeBoxes();
  }

  /**
   * Records neighbour-list maintenance and the EAM passes into a compute pass: forces, energies and
   * virials of every running replica, and of every replica a minimiser has settled (at its final
   * positions). `virial` false: the lean evaluation of a minimiser iteration, forces and energies
   * of running replicas only.
   */
  encode(pass: GPUComputePassEncoder, virial = true): void {
    this.work.encode(pass, virial);
  }

  /** The groups of dispatches `encode` records, named, for profiling. */
  stages(): Stage[] {
    return this.work.stages();
  }

  /**
   * Evaluates all replicas and returns their totals. Where the lists did not hold every
   * neighbour, they are widened and the evaluation repeated, so results are never truncated.
   */
  async evaluate(): Promise<ReplicaTotals[]> {
    for (;;) {
      // Again on every round: shared lists stop a replica they find outgrown.
      this.activateAll();
      const encoder = this.device.createCommandEncoder({ label: 'evaluate' });
      const pass = encoder.beginComputePass();
      this.encode(pass);
      this.totals.encode(pass);
      pass.end();
      this.device.queue.submit([encoder.finish()]);
      const check = await this.checkLists();
      if (!check.repeat && check.outgrown.length === 0) return this.totals.read();
    }
  }

  /**
   * After a batch of evaluations: whether the lists held every neighbour. Lists that did not are
   * widened; `repeat` says every evaluation since the last check must be repeated, `outgrown`
   * names the replicas (shared lists) whose work since some point must start again (the GPU has
   * already stopped them: their `active` entry is cleared).
   */
  async checkLists(): Promise<ListCheck> {
    const encoder = this.device.createCommandEncoder({ label: 'list check' });
    const readback = this.recordCheck(encoder);
    this.device.queue.submit([encoder.finish()]);
    return this.applyCheck((await readback.read())[0]);
  }

  /**
   * Records, at the end of a batch, one readback of the list check followed by `extra` ranges,
   * then resetting the check.
   */
  recordCheck(encoder: GPUCommandEncoder, extra: readonly BufferRange[] = []): Readback {
    const readback = Readback.record(this.device, encoder, [this.work.checkRange(), ...extra]);
    this.work.resetCheck(encoder);
    return readback;
  }

  /** `checkLists` on the data of a readback from `recordCheck`. */
  applyCheck(data: ArrayBuffer): ListCheck {
    return this.work.applyCheck(data);
  }

  /** Makes every replica count again after a minimiser finished some. */
  activateAll(): void {
    this.device.queue.writeBuffer(this.state.active, 0, new Uint32Array(this.nreplicas).fill(1));
    this.work.visit(Array.from({ length: this.nreplicas }, (_, r) => r));
  }

  /**
   * Narrows the work to these replicas (ascending) until the next activateAll: a caller that
   * knows which replicas still run (a minimiser's status read) saves the lanes of the others.
   */
  visitOnly(replicas: readonly number[]): void {
    this.work.visit(replicas);
  }

  /** Makes one replica count again (a minimiser slot given new work). */
  activate(replica: number): void {
    this.device.queue.writeBuffer(this.state.active, 4 * replica, new Uint32Array([1]));
  }

  async readAtoms(replica: number): Promise<AtomOutputs> {
    const n = this.natoms;
    const [forces, virial] = await Promise.all([
      readBuffer(this.device, this.forces, 16 * n * replica, 16 * n),
      readBuffer(this.device, this.virial, 32 * n * replica, 32 * n),
    ]);
    return { forces: new Float32Array(forces), virial: new Float32Array(virial) };
  }

  /**
   * One replica's Cartesian positions (3 per atom, Å): inside the cell, or, given `near`, each the
   * periodic image closest to the same atom there (e.g. the input configuration).
   */
  async readPositions(replica: number, near?: Float64Array): Promise<Float64Array> {
    return this.toCartesian(await readBuffer(this.device, this.state.positions, 16 * this.natoms * replica, 16 * this.natoms), replica, near);
  }

  /** Cartesian positions from a copy of one replica's slice of the positions buffer. */
  toCartesian(data: ArrayBuffer, replica: number, near?: Float64Array): Float64Array {
    const x = fromFixedPoint(this.boxes[replica], new Uint32Array(data));
    return near ? unwrapNear(this.boxes[replica], x, near) : x;
  }

  private writeBoxes(): void {
    const data = new ArrayBuffer(BOX_LAYOUT.size * this.nreplicas);
    const view = new DataView(data);
    this.boxes.forEach((b, r) => writeBox(view, r * BOX_LAYOUT.size, b));
    this.device.queue.writeBuffer(this.state.boxes, 0, data);
  }

  destroy(): void {
    this.work.destroy();
    this.totals.destroy();
    for (const b of [this.state.params, this.state.positions, this.state.boxes, this.state.active]) b.destroy();
  }
}

function estimateListWidth(box: Box, positions: Float64Array, listCutoff: number): number {
  const pairs = findPairs(box, positions, listCutoff);
  const counts = new Int32Array(positions.length / 3);
  for (let q = 0; q < pairs.count; q++) {
    counts[pairs.i[q]]++;
    counts[pairs.j[q]]++;
  }
  return widen(counts.reduce((a, b) => Math.max(a, b), 0));
}
