import { storageBuffer, uniformBuffer, type BufferRange } from '../gpu/buffers';
import { decodeStruct, encodeStruct, MIN_PARAMS_LAYOUT, MIN_STATE_LAYOUT, MIN_SUMS_LAYOUT } from '../gpu/layouts';
import { MinimizerKernels, type MinMethod } from '../kernels/minimizerKernels';
import { bindableBytes, CapacityError } from '../kernels/neighborList';
import type { ForceEngine } from './forceEngine';

/** LAMMPS metal units: eV/Å · ps / (g/mol) → Å/ps. */
export const FTM2V = 1 / 1.0364269e-4;

export interface MinimizeOptions {
  /** 'fire' (FIRE 2.0, default) or 'sd' (steepest descent). */
  readonly method?: MinMethod;
  /** Converged when no free atom has a force component above this, eV/Å (default 1e-4). */
  readonly fmax?: number;
  readonly maxIterations?: number;
  /** Largest move of any atom in one step, Å (LAMMPS dmax, default 0.1). */
  readonly dmax?: number;
  /** FIRE: initial time step in ps (LAMMPS metal default 0.001); tmax and tmin scale it. */
  readonly dt?: number;
  readonly tmax?: number;
  readonly tmin?: number;
  readonly delayStep?: number;
  readonly dtGrow?: number;
  readonly dtShrink?: number;
  readonly alpha0?: number;
  readonly alphaShrink?: number;
  /** Consecutive uphill steps before a replica gives up (LAMMPS vdfmax, default 2000). */
  readonly maxUphill?: number;
  /**
   * Stall rule: over the last `stallWindow` iterations (an even number; checked every half window)
   * no atom moved more than `stallDisp` Å while forces stayed below `stallForce`.
   */
  readonly stallWindow?: number;
  readonly stallDisp?: number;
  readonly stallForce?: number;
  /** Iterations between status reads (the host never reads per iteration). */
  readonly checkEvery?: number;
}

export const MIN_DEFAULTS = {
  method: 'fire' as MinMethod,
  fmax: 1e-4,
  maxIterations: 20000,
  dmax: 0.1,
  dt: 0.001,
  tmax: 10,
  tmin: 0.02,
  delayStep: 20,
  dtGrow: 1.1,
  dtShrink: 0.5,
  alpha0: 0.25,
  alphaShrink: 0.99,
  maxUphill: 2000,
  stallWindow: 200,
  stallDisp: 1e-4,
  stallForce: 1e-3,
  checkEvery: 100,
};

/** Initial steepest-descent step, Å²/eV: a first move of 0.01 Å under a 1 eV/Å force. */
const SD_STEP = 0.01;

/**
 * 'outgrown': an engine with shared lists found the replica beyond them; its relaxation must start
 * again. 'halted': ended by Minimizer.halt.
 */
export type StopReason = 'converged' | 'stalled' | 'max-iterations' | 'uphill' | 'outgrown' | 'halted';
// The codes of shaders/min/state.wgsl.
const REASONS: (StopReason | null)[] = [null, 'converged', 'stalled', 'max-iterations', 'uphill', 'outgrown', 'halted'];

/** A submitted batch of iterations (Minimizer.submit). */
export interface MinimizerBatch {
  /**
   * The statuses at the end of the batch and the extra ranges, once it has run; `repeat`: the lists
   * were widened and every replica resumed, so nothing this batch or the one submitted after it
   * reports stands.
   */
  result(): Promise<{ statuses: ReplicaStatus[]; extra: ArrayBuffer[]; repeat: boolean }>;
  /** Gives up the batch's readback unread. */
  discard(): void;
}

export interface ReplicaStatus {
  /** null while the replica is still relaxing. */
  readonly stop: StopReason | null;
  readonly iterations: number;
  /** Largest force component on a free atom, eV/Å. */
  readonly fmax: number;
  readonly fnorm: number;
  /** f32 sum on the GPU, eV. */
  readonly energy: number;
  /** Largest displacement in the last completed stall window, Å. */
  readonly windowDisp: number;
}

export interface MinimizeProgress {
  readonly iteration: number;
  readonly replicas: readonly ReplicaStatus[];
}

/**
 * Relaxes every replica of a ForceEngine at fixed cell, each with its own minimiser state and
 * optional frozen atoms, until each stops (converged, stalled, iteration cap or uphill limit).
 * Only a small status buffer comes back to the host, every `checkEvery` iterations.
 */
export class Minimizer {
  readonly options: typeof MIN_DEFAULTS;
  private readonly params: GPUBuffer;
  private readonly velocities: GPUBuffer;
  private readonly snapshot: GPUBuffer;
  private readonly frozen: GPUBuffer;
  private readonly state: GPUBuffer;
  private readonly sums: GPUBuffer;
  private readonly invMass: GPUBuffer;
  private readonly frozenWords: number;
  private kernels!: MinimizerKernels;

  private constructor(
    private readonly engine: ForceEngine,
    masses: readonly number[],
    options: MinimizeOptions,
  ) {
    this.options = { ...MIN_DEFAULTS, ...options };
    validate(this.options);
    const d = engine.device;
    const { natoms: n, nreplicas: r } = engine;
    this.frozenWords = Math.ceil(n / 32);
    this.params = uniformBuffer(d, 'min params', MIN_PARAMS_LAYOUT.size);
    this.velocities = storageBuffer(d, 'velocities', 16 * n * r);
    if (32 * n * r > bindableBytes(d)) {
      throw new CapacityError(`the minimiser's stall snapshots of ${n} atoms × ${r} replicas need ${((32 * n * r) / 2 ** 20).toFixed(0)} MiB, more than the adapter allows in one buffer`);
    }
    // Two sets of positions, half a stall window apart (shaders/min/state.wgsl).
    this.snapshot = storageBuffer(d, 'stall snapshots', 32 * n * r);
    this.frozen = storageBuffer(d, 'frozen atoms', 4 * this.frozenWords * r);
    this.state = storageBuffer(d, 'min state', MIN_STATE_LAYOUT.size * r);
    this.sums = storageBuffer(d, 'min sums', MIN_SUMS_LAYOUT.size * r);
    this.invMass = storageBuffer(d, 'ftm2v / mass', 4 * masses.length);
    d.queue.writeBuffer(this.invMass, 0, Float32Array.from(masses, (m) => FTM2V / m));
    const o = this.options;
    const view = encodeStruct(MIN_PARAMS_LAYOUT, {
      natoms: n,
      dmax: o.dmax,
      dtMax: o.tmax * o.dt,
      dtMin: o.tmin * o.dt,
      dtGrow: o.dtGrow,
      dtShrink: o.dtShrink,
      alpha0: o.alpha0,
      alphaShrink: o.alphaShrink,
      delayStep: o.delayStep,
      maxIterations: o.maxIterations,
      maxUphill: o.maxUphill,
      stallWindow: o.stallWindow,
      stallDisp: o.stallDisp,
      stallForce: o.stallForce,
      ftm2v: FTM2V,
    });
    d.queue.writeBuffer(this.params, 0, view.buffer);
  }

  /** `masses` per atom type, g/mol (FIRE's dynamics depend on them; its minimum does not). */
  static async create(engine: ForceEngine, masses: readonly number[], options: MinimizeOptions = {}): Promise<Minimizer> {
    if (masses.length !== engine.tables.ntypes || masses.some((m) => !(m > 0))) {
      throw new Error(`need a positive mass for each of the ${engine.tables.ntypes} atom types, got [${masses.join(', ')}]`);
    }
    const m = new Minimizer(engine, masses, options);
    m.kernels = await MinimizerKernels.create(engine.device, m.options.method, {
      params: m.params,
      positions: engine.state.positions,
      forces: engine.forces,
      velocities: m.velocities,
      snapshot: m.snapshot,
      frozen: m.frozen,
      state: m.state,
      sums: m.sums,
      invMass: m.invMass,
      active: engine.state.active,
      boxes: engine.state.boxes,
    });
    return m;
  }

  /** Holds these atoms (0-based indices) of one replica at their positions: no velocity, no force. */
  setFrozen(replica: number, atoms: Iterable<number>): void {
    const words = new Uint32Array(this.frozenWords);
    for (const i of atoms) {
      if (!Number.isInteger(i) || i < 0 || i >= this.engine.natoms) throw new Error(`cannot freeze atom index ${i}: there are ${this.engine.natoms} atoms`);
      words[i >>> 5] |= 1 << (i & 31);
    }
    this.engine.device.queue.writeBuffer(this.frozen, 4 * this.frozenWords * replica, words);
  }

  /**
   * Relaxes all replicas from their current positions (velocities start at zero). Resolves when
   * every replica has stopped; `onProgress` sees each status read; an aborted signal stops the run
   * at the next read with an AbortError.
   */
  async run(onProgress?: (p: MinimizeProgress) => void, signal?: AbortSignal): Promise<ReplicaStatus[]> {
    this.start();
    let iteration = 0;
    // Short batches first, so a relaxation that is already done (a crystal, a converged replica)
    // costs a few iterations, not a full batch; then doubling up to checkEvery.
    for (let batch = Math.min(8, this.options.checkEvery); ; batch = Math.min(2 * batch, this.options.checkEvery)) {
      const statuses = await this.advance(batch);
      iteration += batch;
      onProgress?.({ iteration, replicas: statuses });
      if (statuses.every((s) => s.stop !== null)) return statuses;
      throwIfAborted(signal);
    }
  }

  /** Records the minimiser's part of one iteration (after the forces): sums, control, move. */
  encodeStep(pass: GPUComputePassEncoder): void {
    this.kernels.encode(pass, this.engine.natoms, this.engine.nreplicas);
  }

  /**
   * Records one iteration: the lean force evaluation (no virial: a replica's stress matters only
   * where it stops, and a replica stopped mid-batch is evaluated in full at the batch's end), then
   * the step.
   */
  encodeIteration(pass: GPUComputePassEncoder): void {
    this.engine.encode(pass, false);
    this.encodeStep(pass);
  }

  /** Starts every replica afresh from its current positions, velocities zero. */
  start(): void {
    const { engine } = this;
    const r = engine.nreplicas;
    const view = new DataView(new ArrayBuffer(MIN_STATE_LAYOUT.size * r));
    for (let k = 0; k < r; k++) encodeStruct(MIN_STATE_LAYOUT, this.initialState(), view, k * MIN_STATE_LAYOUT.size);
    const q = engine.device.queue;
    q.writeBuffer(this.state, 0, view.buffer);
    // Cleared on the GPU: thousands of replicas' velocities are tens of MB to send from the host.
    const encoder = engine.device.createCommandEncoder({ label: 'zero velocities' });
    encoder.clearBuffer(this.velocities);
    q.submit([encoder.finish()]);
    engine.activateAll();
  }

  /**
   * Starts one replica afresh from its current positions while the others carry on: a finished
   * slot takes new work, or a stopped relaxation goes on to a tighter tolerance `fmax`.
   */
  restart(replica: number, fmax = this.options.fmax): void {
    if (!(fmax > 0)) throw new Error(`the force tolerance must be positive, got ${fmax}`);
    const { engine } = this;
    const q = engine.device.queue;
    q.writeBuffer(this.state, replica * MIN_STATE_LAYOUT.size, encodeStruct(MIN_STATE_LAYOUT, this.initialState(fmax)).buffer);
    q.writeBuffer(this.velocities, 16 * engine.natoms * replica, new Float32Array(4 * engine.natoms));
    engine.activate(replica);
  }

  /**
   * Ends one replica's relaxation where it is, from the next batch submitted on, while the others
   * carry on (the caller has what it needed of it); the force engine's visits should leave it out.
   */
  halt(replica: number): void {
    const at = replica * MIN_STATE_LAYOUT.size + MIN_STATE_LAYOUT.fields.status;
    this.engine.device.queue.writeBuffer(this.state, at, new Uint32Array([REASONS.indexOf('halted')]));
  }

  /**
   * Runs `iterations` iterations of every running replica in one submission, then a full force
   * evaluation (so the totals of every replica, stopped or not, are those of its positions) and
   * any extra work `after` records in the same pass, and reads the statuses. If an atom outgrew the neighbour lists
   * meanwhile, the lists are widened and every replica marked running again, so no convergence
   * claimed on truncated forces stands; a replica outgrown on shared lists stops as 'outgrown'.
   */
  async advance(iterations: number, after?: (pass: GPUComputePassEncoder) => void): Promise<ReplicaStatus[]> {
    return (await this.submit(iterations, after).result()).statuses;
  }

  /**
   * `advance` without waiting: the batch is submitted, its statuses and the `extra` ranges copied at
   * its end, so the caller can submit the next batch before reading this one. Whatever is written
   * after this call (a restart, new frozen atoms) takes effect from the next batch submitted.
   */
  submit(iterations: number, after?: (pass: GPUComputePassEncoder) => void, extra: readonly BufferRange[] = []): MinimizerBatch {
    const { engine } = this;
    const d = engine.device;
    const encoder = d.createCommandEncoder({ label: 'minimise' });
    const pass = encoder.beginComputePass();
    for (let k = 0; k < iterations; k++) this.encodeIteration(pass);
    // Forces, energies and virials of every replica at its current positions, for `after`: a
    // replica stopped in this batch gets the virial its iterations skipped.
    engine.encode(pass);
    after?.(pass);
    pass.end();
    const readback = engine.recordCheck(encoder, [{ buffer: this.state, offset: 0, size: this.state.size }, ...extra]);
    d.queue.submit([encoder.finish()]);
    return {
      result: async () => {
        const [check, state, ...rest] = await readback.read();
        const statuses = this.decodeStatus(state);
        const found = engine.applyCheck(check);
        if (!found.repeat) return { statuses, extra: rest, repeat: false };
        this.resume();
        return { statuses: statuses.map((s) => ({ ...s, stop: null })), extra: rest, repeat: true };
      },
      discard: () => readback.discard(),
    };
  }

  private decodeStatus(data: ArrayBuffer): ReplicaStatus[] {
    const view = new DataView(data);
    return Array.from({ length: this.engine.nreplicas }, (_, r) => {
      const s = decodeStruct(MIN_STATE_LAYOUT, view, r * MIN_STATE_LAYOUT.size);
      if (s.status >= REASONS.length) throw new Error(`replica ${r} has an unknown minimiser status ${s.status}`);
      return {
        stop: REASONS[s.status],
        iterations: s.iteration,
        fmax: s.fmax,
        fnorm: s.fnorm,
        energy: s.energy,
        windowDisp: s.windowDisp,
      };
    });
  }

  private initialState(fmax = this.options.fmax): Record<string, number> {
    return { dt: this.options.method === 'fire' ? this.options.dt : SD_STEP, alpha: this.options.alpha0, ftol: fmax };
  }

  /** Marks every replica running again, keeping its step size and counters. */
  private resume(): void {
    const r = this.engine.nreplicas;
    for (let k = 0; k < r; k++) {
      this.engine.device.queue.writeBuffer(this.state, k * MIN_STATE_LAYOUT.size + MIN_STATE_LAYOUT.fields.status, new Uint32Array([0]));
    }
    this.engine.activateAll();
  }

  destroy(): void {
    for (const b of [this.params, this.velocities, this.snapshot, this.frozen, this.state, this.sums, this.invMass]) b.destroy();
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('cancelled', 'AbortError');
}

function validate(o: typeof MIN_DEFAULTS): void {
  const positive: (keyof typeof MIN_DEFAULTS)[] = ['fmax', 'dmax', 'dt', 'tmax', 'tmin', 'dtGrow', 'dtShrink', 'stallDisp', 'stallForce'];
  for (const k of positive) {
    if (!(Number(o[k]) > 0)) throw new Error(`minimiser option ${k} must be positive, got ${o[k]}`);
  }
  for (const k of ['maxIterations', 'stallWindow', 'checkEvery', 'delayStep', 'maxUphill'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0 || (k !== 'delayStep' && k !== 'maxUphill' && o[k] === 0)) {
      throw new Error(`minimiser option ${k} must be a ${k === 'delayStep' || k === 'maxUphill' ? 'non-negative' : 'positive'} integer, got ${o[k]}`);
    }
  }
  if (o.stallWindow % 2 !== 0) throw new Error(`minimiser option stallWindow must be even (the stall rule is checked every half window), got ${o.stallWindow}`);
  if (o.method !== 'fire' && o.method !== 'sd') throw new Error(`minimiser method must be fire or sd, got ${String(o.method)}`);
}
