import type { Box } from '../system/box';
import { readBuffer, storageBuffer } from '../gpu/buffers';
import { findPairs } from '../oracle/pairs';
import { toFixedPoint } from '../engine/positions';
import { Kernel } from './kernel';
import { CapacityError, type ReplicaState } from './neighborList';
import { SOURCES } from './sources';

/**
 * Lanes per workgroup of the shared-list kernels: a workgroup is one atom in that many replicas,
 * so with few replicas a narrower one leaves fewer lanes idle.
 */
/** Atoms and replicas per side of the check kernel's transposing tile. */
const TILE = 16;

export function sharedWorkgroup(nreplicas: number): number {
  return Math.min(64, Math.max(4, 2 ** Math.ceil(Math.log2(nreplicas))));
}

/** The configuration every replica of a shared-list engine stays near. */
export interface SharedReference {
  readonly positions: Float64Array;
  readonly box: Box;
  readonly types: Int32Array;
}

/** Each atom's candidates (compressed rows, ascending): every atom within `cutoff` in the reference. */
export interface Candidates {
  readonly start: Uint32Array<ArrayBuffer>;
  readonly atoms: Uint32Array<ArrayBuffer>;
  readonly widest: number;
}

export function findCandidates(reference: SharedReference, cutoff: number): Candidates {
  const n = reference.types.length;
  const pairs = findPairs(reference.box, reference.positions, cutoff);
  const start = new Uint32Array(n + 1);
  for (let q = 0; q < pairs.count; q++) {
    start[pairs.i[q] + 1]++;
    start[pairs.j[q] + 1]++;
  }
  let widest = 0;
  for (let i = 0; i < n; i++) {
    widest = Math.max(widest, start[i + 1]);
    start[i + 1] += start[i];
  }
  const fill = start.slice(0, n);
  const atoms = new Uint32Array(start[n]);
  for (let q = 0; q < pairs.count; q++) {
    atoms[fill[pairs.i[q]]++] = pairs.j[q];
    atoms[fill[pairs.j[q]]++] = pairs.i[q];
  }
  for (let i = 0; i < n; i++) atoms.subarray(start[i], start[i + 1]).sort();
  return { start, atoms, widest };
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
  readonly posT: GPUBuffer;
  readonly posBuilt: GPUBuffer;
  /** How many replicas the kernels visit, then their indices. */
  readonly running: GPUBuffer;
  runningCount: number;
  candidateStart!: GPUBuffer;
  candidates!: GPUBuffer;
  masks!: GPUBuffer;
  maskWords = 0;
  widest = 0;

  private constructor(
    private readonly device: GPUDevice,
    private readonly state: ReplicaState,
    private readonly kernels: Record<'check' | 'build' | 'settle', Kernel>,
    readonly ref: SharedReference,
  ) {
    const { natoms: n, nreplicas: r } = state;
    this.flags = storageBuffer(device, 'shared list flags', 4 * (2 * r + 1));
    this.reference = storageBuffer(device, 'shared list reference', 16 * n);
    device.queue.writeBuffer(this.reference, 0, toFixedPoint(ref.box, ref.positions, ref.types));
    this.posT = storageBuffer(device, 'atom-major positions', 16 * n * r);
    this.posBuilt = storageBuffer(device, 'positions at mask build', 16 * n * r);
    this.running = storageBuffer(device, 'running replicas', 4 * (r + 1));
    this.runningCount = 0;
    this.run(Array.from({ length: r }, (_, k) => k));
  }

  static async create(device: GPUDevice, state: ReplicaState, reference: SharedReference, candidateCutoff: number): Promise<SharedLists> {
    const entries = ['check', 'build', 'settle'] as const;
    const [check, build, settle] = await Promise.all(entries.map((e) => Kernel.create(device, SOURCES.shared, e, { WG: sharedWorkgroup(state.nreplicas) })));
    const lists = new SharedLists(device, state, { check, build, settle }, reference);
    lists.setCandidates(candidateCutoff);
    return lists;
  }

  /** Rebuilds the candidates within `cutoff` of each atom in the reference; every replica rebuilds its masks. */
  setCandidates(cutoff: number): void {
    const c = findCandidates(this.ref, cutoff);
    const { natoms: n, nreplicas: r } = this.state;
    const words = Math.max(1, Math.ceil(c.widest / 32));
    const bytes = 4 * words * n * r;
    const limit = Math.min(this.device.limits.maxStorageBufferBindingSize, this.device.limits.maxBufferSize);
    if (bytes > limit || 16 * n * r > limit) {
      throw new CapacityError(`shared neighbour masks for ${n} atoms × ${r} replicas need ${(bytes / 2 ** 20).toFixed(0)} MiB, more than the adapter allows in one buffer`);
    }
    for (const b of [this.candidateStart, this.candidates, this.masks]) b?.destroy();
    this.candidateStart = storageBuffer(this.device, 'candidate starts', c.start.byteLength);
    this.device.queue.writeBuffer(this.candidateStart, 0, c.start);
    this.candidates = storageBuffer(this.device, 'candidates', c.atoms.byteLength);
    this.device.queue.writeBuffer(this.candidates, 0, c.atoms);
    this.masks = storageBuffer(this.device, 'candidate masks', bytes);
    this.maskWords = words;
    this.widest = c.widest;
    const { params, positions, boxes, active } = this.state;
    const k = this.kernels;
    k.check.bind(this.device, { 0: params, 1: positions, 2: boxes, 3: this.flags, 7: this.posT, 8: this.posBuilt, 10: this.running, 15: active });
    k.build.bind(this.device, {
      0: params,
      2: boxes,
      3: this.flags,
      4: this.candidateStart,
      5: this.candidates,
      6: this.masks,
      7: this.posT,
      8: this.posBuilt,
      9: this.reference,
      10: this.running,
    });
    k.settle.bind(this.device, { 3: this.flags, 10: this.running });
    this.rebuildAll();
  }

  /** Visits only these replicas (ascending), so finished ones cost no lanes. */
  run(replicas: readonly number[]): void {
    const list = new Uint32Array(replicas.length + 1);
    list[0] = replicas.length;
    list.set(replicas, 1);
    this.device.queue.writeBuffer(this.running, 0, list);
    this.runningCount = replicas.length;
  }

  rebuildAll(): void {
    const r = this.state.nreplicas;
    this.device.queue.writeBuffer(this.flags, 0, new Uint32Array(2 * r + 1).fill(1, 0, r));
  }

  encode(pass: GPUComputePassEncoder): void {
    const { natoms: n, nreplicas: r } = this.state;
    const count = this.runningCount;
    if (count === 0) return;
    const blocks = Math.ceil(count / sharedWorkgroup(r));
    this.kernels.check.encode(pass, Math.ceil(n / TILE), Math.ceil(count / TILE));
    this.kernels.build.encode(pass, n, blocks);
    this.kernels.settle.encode(pass, blocks);
  }

  /** Reads and clears the outgrown marks. */
  async check(): Promise<SharedListCheck> {
    const r = this.state.nreplicas;
    const words = new Uint32Array(await readBuffer(this.device, this.flags, 4 * r, 4 * (r + 1)));
    const outgrown: number[] = [];
    words.subarray(0, r).forEach((w, k) => w !== 0 && outgrown.push(k));
    if (outgrown.length === 0) return { outgrown, farthest: 0 };
    const farthest = Math.sqrt(new Float32Array(words.buffer, 4 * r, 1)[0]);
    this.device.queue.writeBuffer(this.flags, 4 * r, new Uint32Array(r + 1));
    return { outgrown, farthest };
  }

  destroy(): void {
    for (const b of [this.flags, this.reference, this.posT, this.posBuilt, this.running, this.candidateStart, this.candidates, this.masks]) b.destroy();
  }
}
