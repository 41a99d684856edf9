import type { Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { readBuffer, storageBuffer, uniformBuffer } from '../gpu/buffers';
import { BOX_LAYOUT, encodeParams, writeBox, type ReplicaTotals } from '../gpu/layouts';
import { checkListCapacity, NeighborLists, type ReplicaState } from '../kernels/neighborList';
import { EamPasses } from '../kernels/eamPasses';
import { Totals } from '../kernels/totals';
import { fromFixedPoint, toFixedPoint, unwrapNear } from './positions';
import { findPairs } from '../oracle/pairs';
import { geometryHolds, listGeometry, type ListGeometry } from './listGeometry';

export interface ForceEngineOptions {
  /** Verlet skin in Å (default 0.5); reduced automatically where a box is too small for it. */
  readonly skin?: number;
  /** Neighbour list width; by default estimated from the first configuration and grown on overflow. */
  readonly maxNeighbors?: number;
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
  private geometry: ListGeometry;
  private boxes: Box[];

  private constructor(
    readonly device: GPUDevice,
    readonly tables: EamTables,
    readonly types: Int32Array,
    state: ReplicaState,
    boxes: Box[],
    private readonly requestedSkin: number,
    readonly lists: NeighborLists,
    readonly eam: EamPasses,
    readonly totals: Totals,
  ) {
    this.state = state;
    this.boxes = boxes;
    this.geometry = listGeometry(boxes, tables.cutoff, requestedSkin);
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
    const geometry = listGeometry(boxes, tables.cutoff, skin);
    const maxNeighbors = options.maxNeighbors ?? estimateListWidth(box, positions, geometry.listCutoff);
    checkListCapacity(device, natoms, nreplicas, maxNeighbors);
    const state: ReplicaState = {
      natoms,
      nreplicas,
      params: uniformBuffer(device, 'params', 48),
      positions: storageBuffer(device, 'positions', 16 * natoms * nreplicas),
      boxes: storageBuffer(device, 'boxes', BOX_LAYOUT.size * nreplicas),
      active: storageBuffer(device, 'active replicas', 4 * nreplicas),
    };
    const ncells = geometry.cellDims[0] * geometry.cellDims[1] * geometry.cellDims[2];
    const lists = await NeighborLists.create(device, state, ncells, maxNeighbors);
    const eam = await EamPasses.create(device, state, tables, lists);
    const totals = await Totals.create(device, state, eam.forces, eam.virial);
    const engine = new ForceEngine(device, tables, types, state, boxes, skin, lists, eam, totals);
    engine.writeParams();
    engine.writeBoxes();
    engine.activateAll();
    for (let r = 0; r < nreplicas; r++) engine.setPositions(positions, r);
    return engine;
  }

  get natoms(): number {
    return this.state.natoms;
  }

  get nreplicas(): number {
    return this.state.nreplicas;
  }

  get skin(): number {
    return this.geometry.skin;
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
    if (!keepLists) this.lists.rebuildAll();
  }

  /**
   * Gives replicas new cells. Atoms keep their fractional coordinates, so they move affinely with
   * the cell (LAMMPS change_box remap): an AQS strain step is just a new box. Lists are rebuilt.
   */
  setBoxes(boxes: readonly Box[]): void {
    if (boxes.length !== this.nreplicas) throw new Error(`expected ${this.nreplicas} boxes, got ${boxes.length}`);
    this.boxes = [...boxes];
    if (!geometryHolds(this.geometry, this.boxes)) {
      this.geometry = listGeometry(this.boxes, this.tables.cutoff, this.requestedSkin);
      const [x, y, z] = this.geometry.cellDims;
      this.lists.allocate(x * y * z, this.lists.maxNeighbors);
      this.eam.bind(this.lists);
      this.writeParams();
    }
    this.writeBoxes();
    this.lists.rebuildAll();
  }

  /** Records neighbour-list maintenance and the EAM passes into a compute pass. */
  encode(pass: GPUComputePassEncoder): void {
    this.lists.encode(pass);
    this.eam.encode(pass);
  }

  /**
   * Evaluates all replicas and returns their totals. If an atom had more neighbours than the
   * lists hold, the lists are widened and the evaluation repeated, so results are never truncated.
   */
  async evaluate(): Promise<ReplicaTotals[]> {
    this.activateAll();
    for (;;) {
      const encoder = this.device.createCommandEncoder({ label: 'evaluate' });
      const pass = encoder.beginComputePass();
      this.encode(pass);
      this.totals.encode(pass);
      pass.end();
      this.device.queue.submit([encoder.finish()]);
      if (!(await this.ensureListCapacity())) return this.totals.read();
    }
  }

  /**
   * Widens the lists if an atom had more neighbours than they hold since they were allocated.
   * True when it did: evaluations since then used truncated lists and must be repeated.
   */
  async ensureListCapacity(): Promise<boolean> {
    const seen = await this.lists.maxSeen();
    if (seen <= this.lists.maxNeighbors) return false;
    this.lists.allocate(this.lists.ncells, widen(seen));
    this.eam.bind(this.lists);
    this.writeParams();
    return true;
  }

  /** Makes every replica count again after a minimiser finished some. */
  activateAll(): void {
    this.device.queue.writeBuffer(this.state.active, 0, new Uint32Array(this.nreplicas).fill(1));
  }

  /** Makes one replica count again (a minimiser slot given new work). */
  activate(replica: number): void {
    this.device.queue.writeBuffer(this.state.active, 4 * replica, new Uint32Array([1]));
  }

  async readAtoms(replica: number): Promise<AtomOutputs> {
    const n = this.natoms;
    const [forces, virial] = await Promise.all([
      readBuffer(this.device, this.eam.forces, 16 * n * replica, 16 * n),
      readBuffer(this.device, this.eam.virial, 32 * n * replica, 32 * n),
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

  private writeParams(): void {
    const g = this.geometry;
    const params = encodeParams({
      natoms: this.natoms,
      nreplicas: this.nreplicas,
      maxNeighbors: this.lists.maxNeighbors,
      cellDims: g.cellDims,
      listCutsq: g.listCutoff * g.listCutoff,
      halfSkinSq: (g.skin / 2) ** 2,
    });
    this.device.queue.writeBuffer(this.state.params, 0, params);
  }

  private writeBoxes(): void {
    const data = new ArrayBuffer(BOX_LAYOUT.size * this.nreplicas);
    const view = new DataView(data);
    this.boxes.forEach((b, r) => writeBox(view, r * BOX_LAYOUT.size, b));
    this.device.queue.writeBuffer(this.state.boxes, 0, data);
  }

  destroy(): void {
    this.lists.destroy();
    this.eam.destroy();
    this.totals.destroy();
    for (const b of [this.state.params, this.state.positions, this.state.boxes, this.state.active]) b.destroy();
  }
}

/** Room for density fluctuations and atoms that move before the next rebuild. */
function widen(count: number): number {
  return Math.ceil((count * 1.25 + 8) / 4) * 4;
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
