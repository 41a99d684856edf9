import { perpendicularWidths, toFractional, type Box, type Vec3 } from '../system/box';
import { cellGrid, nearbyCells } from '../oracle/pairs';
import { storageBuffer, uniformBuffer, type BufferRange } from '../gpu/buffers';
import { BOX_LAYOUT, writeBox } from '../gpu/layouts';
import { toFixedPoint } from '../engine/positions';
import { tuningFor } from '../gpu/tuning';
import { Kernel } from './kernel';
import { bindableBytes, CapacityError, type ReplicaState } from './neighborList';
import { SOURCES } from './sources';

/**
 * Workgroup shape of the shared-list kernels: `lanes` replicas of each of `atoms` atoms. With few
 * replicas fewer lanes per atom leave fewer idle; 256 invocations in all, WebGPU's default limit.
 */
export function sharedWorkgroup(nreplicas: number): { lanes: number; atoms: number } {
  const lanes = Math.min(64, Math.max(4, 2 ** Math.ceil(Math.log2(nreplicas))));
  return { lanes, atoms: 256 / lanes };
}

/** The kernels' override constants for this shape. */
export function workgroupConstants(nreplicas: number): { WG: number; ATOMS: number } {
  const { lanes, atoms } = sharedWorkgroup(nreplicas);
  return { WG: lanes, ATOMS: atoms };
}

/** The configuration every replica of a shared-list engine stays near. */
export interface SharedReference {
  readonly positions: Float64Array;
  readonly box: Box;
  readonly types: Int32Array;
}

/**
 * Each atom's candidates (compressed rows, ascending): every atom within `cutoff` in the reference,
 * by the same fractional minimum image as the kernels.
 */
export interface Candidates {
  readonly start: Uint32Array<ArrayBuffer>;
  readonly atoms: Uint32Array<ArrayBuffer>;
  readonly widest: number;
}

export function findCandidates(reference: SharedReference, cutoff: number): Candidates {
  const { box, positions } = reference;
  const n = reference.types.length;
  // Beyond half a width the rounded image need not be the nearest: then every atom is a candidate.
  if (2 * cutoff >= Math.min(...perpendicularWidths(box))) return everyAtom(n);
  const grid = cellGrid(box, positions, cutoff);
  const { frac, cellOf, cellStart, members } = grid;
  const cutsq = cutoff * cutoff;
  const start = new Uint32Array(n + 1);
  let atoms = new Uint32Array(64 * n);
  let count = 0;
  let widest = 0;
  for (let i = 0; i < n; i++) {
    const first = count;
    for (const cell of nearbyCells(grid, cellOf[i])) {
      for (let m = cellStart[cell]; m < cellStart[cell + 1]; m++) {
        const j = members[m];
        if (j === i) continue;
        // The minimum image in fractional coordinates, then Cartesian h·Δs.
        let dx = frac[3 * j] - frac[3 * i];
        let dy = frac[3 * j + 1] - frac[3 * i + 1];
        let dz = frac[3 * j + 2] - frac[3 * i + 2];
        dx -= Math.round(dx);
        dy -= Math.round(dy);
        dz -= Math.round(dz);
        const x = box.lx * dx + box.xy * dy + box.xz * dz;
        const y = box.ly * dy + box.yz * dz;
        const z = box.lz * dz;
        if (x * x + y * y + z * z < cutsq) {
          if (count === atoms.length) {
            const grown = new Uint32Array(2 * atoms.length);
            grown.set(atoms);
            atoms = grown;
          }
          atoms[count++] = j;
        }
      }
    }
    atoms.subarray(first, count).sort();
    widest = Math.max(widest, count - first);
    start[i + 1] = count;
  }
  return { start, atoms: atoms.slice(0, count), widest };
}

function everyAtom(n: number): Candidates {
  const start = Uint32Array.from({ length: n + 1 }, (_, i) => i * (n - 1));
  const atoms = new Uint32Array(n * (n - 1));
  for (let i = 0; i < n; i++) {
    for (let j = 0, k = start[i]; j < n; j++) if (j !== i) atoms[k++] = j;
  }
  return { start, atoms, widest: n - 1 };
}

/** Atoms sorted by the cell of a grid of about 3 Å they are in, so neighbours in the order are neighbours in space. */
export function spatialOrder(reference: SharedReference): Uint32Array<ArrayBuffer> {
  const n = reference.types.length;
  const dims = perpendicularWidths(reference.box).map((w) => Math.max(1, Math.floor(w / 3)));
  const s: Vec3 = [0, 0, 0];
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    toFractional(reference.box, reference.positions[3 * i], reference.positions[3 * i + 1], reference.positions[3 * i + 2], s);
    const c = s.map((f, a) => Math.min(dims[a] - 1, Math.floor((f - Math.floor(f)) * dims[a])));
    key[i] = (c[2] * dims[1] + c[1]) * dims[0] + c[0];
  }
  return Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);
}

/** What a check after a batch of evaluations found. */
export interface SharedListCheck {
  /** Replicas that had an atom beyond the allowance at a mask build: their forces since are not exact. */
  readonly outgrown: number[];
  /** The farthest such atom from its reference position, Å (0 when none). */
  readonly farthest: number;
}

/**
 * Neighbour lists of shaders/neighbor/shared.wgsl: candidates per atom shared by every replica,
 * and per replica a bitmask over them, rebuilt on the GPU where an atom moved more than half the
 * skin. Far fewer bytes than per-replica lists, and the lanes of a workgroup (one atom, adjacent
 * replicas) read the same candidates, so the EAM passes read memory in whole lines.
 */
export class SharedLists {
  readonly flags: GPUBuffer;
  readonly reference: GPUBuffer;
  /** Fixed-point coordinates and type, atom-major. */
  readonly posT: GPUBuffer;
  readonly posBuilt: GPUBuffer;
  /** How many replicas the host lists for visits, then their indices (`run`). */
  readonly listed: GPUBuffer;
  /** Those of them still running at this evaluation, in the same form: what the kernels visit (shaders/neighbor/visits.wgsl). */
  readonly running: GPUBuffer;
  /** The reference cell, every replica's (a uniform Box). */
  readonly cell: GPUBuffer;
  private readonly order: Uint32Array<ArrayBuffer>;
  /** How many replicas the host lists. */
  listedCount: number;
  /** The atoms in spatial order, where each atom's candidates start (natoms + 1), then the candidates (shaders/neighbor/candidates.wgsl). */
  candidates!: GPUBuffer;
  masks!: GPUBuffer;
  maskWords = 0;
  widest = 0;

  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    private readonly kernels: Record<'check' | 'build' | 'settle' | 'compact', Kernel>,
    readonly ref: SharedReference,
    /** Atoms and replicas per side of the check kernel's transposing tile. */
    private readonly tile: number,
  ) {
    const { natoms: n, nreplicas: r } = state;
    this.flags = storageBuffer(device, 'shared list flags', 4 * (2 * r + 1));
    this.reference = storageBuffer(device, 'shared list reference', 16 * n);
    device.queue.writeBuffer(this.reference, 0, toFixedPoint(ref.box, ref.positions, ref.types));
    this.posT = storageBuffer(device, 'atom-major positions', 16 * n * r);
    this.posBuilt = storageBuffer(device, 'positions at mask build', 16 * n * r);
    this.listed = storageBuffer(device, 'listed replicas', 4 * (r + 1));
    this.running = storageBuffer(device, 'running replicas', 4 * (r + 1));
    this.order = spatialOrder(ref);
    this.cell = uniformBuffer(device, 'reference cell', BOX_LAYOUT.size);
    const cell = new DataView(new ArrayBuffer(BOX_LAYOUT.size));
    writeBox(cell, 0, ref.box);
    device.queue.writeBuffer(this.cell, 0, cell.buffer);
    this.listedCount = 0;
    kernels.compact.bind(device, { 10: this.running, 11: this.listed, 15: state.active });
    this.run(Array.from({ length: r }, (_, k) => k));
  }

  static async create(device: GPUDevice, state: ReplicaState, reference: SharedReference, candidateCutoff: number): Promise<SharedLists> {
    const entries = ['check', 'build', 'settle'] as const;
    const tile = tuningFor(device).tile;
    const constants = { ...workgroupConstants(state.nreplicas), TILE: tile };
    const [check, build, settle, compact] = await Promise.all([
      ...entries.map((e) => Kernel.create(device, SOURCES.shared, e, constants)),
      Kernel.create(device, SOURCES.visits, 'compact', { SCAN_WG: tuningFor(device).scanWG }),
    ]);
    const lists = new SharedLists(device, state, { check, build, settle, compact }, reference, tile);
    lists.setCandidates(candidateCutoff);
    return lists;
  }

  /** Rebuilds the candidates within `cutoff` of each atom in the reference; every replica rebuilds its masks. */
  setCandidates(cutoff: number): void {
    const c = findCandidates(this.ref, cutoff);
    const { natoms: n, nreplicas: r } = this.state;
    const words = Math.max(1, Math.ceil(c.widest / 32));
    const bytes = 4 * words * n * r;
    const limit = bindableBytes(this.device);
    if (bytes > limit || 16 * n * r > limit) {
      throw new CapacityError(`shared neighbour masks for ${n} atoms × ${r} replicas need ${(bytes / 2 ** 20).toFixed(0)} MiB, more than the adapter allows in one buffer`);
    }
    for (const b of [this.candidates, this.masks]) b?.destroy();
    this.candidates = storageBuffer(this.device, 'candidates', this.order.byteLength + c.start.byteLength + c.atoms.byteLength);
    this.device.queue.writeBuffer(this.candidates, 0, this.order);
    this.device.queue.writeBuffer(this.candidates, this.order.byteLength, c.start);
    this.device.queue.writeBuffer(this.candidates, this.order.byteLength + c.start.byteLength, c.atoms);
    this.masks = storageBuffer(this.device, 'candidate masks', bytes);
    this.maskWords = words;
    this.widest = c.widest;
    const { params, positions, active } = this.state;
    const k = this.kernels;
    k.check.bind(this.device, { 0: params, 1: positions, 2: this.cell, 3: this.flags, 7: this.posT, 8: this.posBuilt, 10: this.running, 15: active });
    k.build.bind(this.device, {
      0: params,
      2: this.cell,
      3: this.flags,
      4: this.candidates,
      6: this.masks,
      7: this.posT,
      8: this.posBuilt,
      9: this.reference,
      10: this.running,
      15: active,
    });
    k.settle.bind(this.device, { 3: this.flags, 10: this.running });
    this.rebuildAll();
  }

  /**
   * Visits only these replicas (ascending), and of them only those running at each evaluation, so
   * finished ones cost no lanes.
   */
  run(replicas: readonly number[]): void {
    const list = new Uint32Array(replicas.length + 1);
    list[0] = replicas.length;
    list.set(replicas, 1);
    this.device.queue.writeBuffer(this.listed, 0, list);
    this.listedCount = replicas.length;
  }

  rebuildAll(): void {
    const r = this.state.nreplicas;
    this.device.queue.writeBuffer(this.flags, 0, new Uint32Array(2 * r + 1).fill(1, 0, r));
  }

  /** Picks the running replicas among those listed, then checks and rebuilds their masks. */
  encode(pass: GPUComputePassEncoder): void {
    const { natoms: n, nreplicas: r } = this.state;
    const count = this.listedCount;
    if (count === 0) return;
    const { lanes, atoms } = sharedWorkgroup(r);
    this.kernels.compact.encode(pass, 1);
    this.kernels.check.encode(pass, Math.ceil(n / this.tile), Math.ceil(count / this.tile));
    this.kernels.build.encode(pass, Math.ceil(n / atoms), Math.ceil(count / lanes));
    this.kernels.settle.encode(pass, Math.ceil(count / lanes));
  }

  /** The outgrown marks: copy them, then `clearOutgrown`, at the end of a batch. */
  outgrownRange(): BufferRange {
    const r = this.state.nreplicas;
    return { buffer: this.flags, offset: 4 * r, size: 4 * (r + 1) };
  }

  /** Records clearing the outgrown marks, so each copy holds what one batch found. */
  clearOutgrown(encoder: GPUCommandEncoder): void {
    const { offset, size } = this.outgrownRange();
    encoder.clearBuffer(this.flags, offset, size);
  }

  /** What a copy of the outgrown marks says. */
  readOutgrown(data: ArrayBuffer): SharedListCheck {
    const r = this.state.nreplicas;
    const words = new Uint32Array(data);
    const outgrown: number[] = [];
    words.subarray(0, r).forEach((w, k) => w !== 0 && outgrown.push(k));
    return { outgrown, farthest: outgrown.length === 0 ? 0 : Math.sqrt(new Float32Array(data, 4 * r, 1)[0]) };
  }

  destroy(): void {
    for (const b of [this.flags, this.reference, this.posT, this.posBuilt, this.listed, this.running, this.cell, this.candidates, this.masks]) b.destroy();
  }
}
