import { readBuffer, storageBuffer, uniformBuffer } from '../gpu/buffers';
import { decodeStruct, encodeStruct, MD_PARAMS_LAYOUT, MD_STATE_LAYOUT } from '../gpu/layouts';
import { MdKernels } from '../kernels/mdKernels';
import type { ForceEngine } from './forceEngine';
import { FTM2V, throwIfAborted } from './minimizer';
import { BOLTZ, MVV2E } from './velocities';

export interface Thermostat {
  /** Target temperature ramps linearly from tStart to tStop over the run, K. */
  readonly tStart: number;
  readonly tStop: number;
  /** Damping time, ps (LAMMPS Tdamp). */
  readonly tDamp: number;
}

export interface MdSample {
  readonly step: number;
  /** Per replica, K. */
  readonly temperature: readonly number[];
  readonly targetTemperature: readonly number[];
  /** Per replica, eV: kinetic, potential (f32 GPU sums) and the thermostat's energy. */
  readonly kinetic: readonly number[];
  readonly potential: readonly number[];
  readonly thermostatEnergy: readonly number[];
  /**
   * Report periods in which an atom had more neighbours than the lists held (they were widened
   * after; those steps missed some pairs). 0 in a healthy run.
   */
  readonly listOverflows: number;
}

export interface MdRunOptions {
  readonly steps: number;
  /** null: NVE. */
  readonly thermostat: Thermostat | null;
  /** Read the state back every this many steps (default 100). */
  readonly reportEvery?: number;
  readonly onSample?: (s: MdSample) => void;
  readonly signal?: AbortSignal;
}

/**
 * Velocity Verlet molecular dynamics of all replicas of a ForceEngine, NVE or with a Nosé–Hoover
 * chain thermostat as LAMMPS fix nvt (metal units: ps, Å, eV, g/mol).
 */
export class Dynamics {
  private readonly params: GPUBuffer;
  private readonly velocities: GPUBuffer;
  private readonly masses: GPUBuffer;
  private readonly state: GPUBuffer;
  private kernels!: MdKernels;

  private constructor(
    private readonly engine: ForceEngine,
    readonly dt: number,
  ) {
    const d = engine.device;
    const { natoms: n, nreplicas: r } = engine;
    this.params = uniformBuffer(d, 'md params', MD_PARAMS_LAYOUT.size);
    this.velocities = storageBuffer(d, 'md velocities', 16 * n * r);
    this.masses = storageBuffer(d, 'md masses', 4 * engine.tables.ntypes);
    this.state = storageBuffer(d, 'md state', MD_STATE_LAYOUT.size * r);
  }

  /** `dt` in ps (LAMMPS metal default 0.001); `masses` per atom type, g/mol. */
  static async create(engine: ForceEngine, masses: readonly number[], dt = 0.001): Promise<Dynamics> {
    if (!(dt > 0 && dt < 0.1)) throw new Error(`the MD time step must be between 0 and 0.1 ps, got ${dt}`);
    if (masses.length !== engine.tables.ntypes || masses.some((m) => !(m > 0))) {
      throw new Error(`need a positive mass for each of the ${engine.tables.ntypes} atom types, got [${masses.join(', ')}]`);
    }
    const md = new Dynamics(engine, dt);
    engine.device.queue.writeBuffer(md.masses, 0, Float32Array.from(masses));
    md.kernels = await MdKernels.create(engine.device, {
      params: md.params,
      velocities: md.velocities,
      positions: engine.state.positions,
      masses: md.masses,
      state: md.state,
      forces: engine.forces,
      boxes: engine.state.boxes,
    });
    return md;
  }

  /** Velocities of one replica, Å/ps, 3 per atom. */
  setVelocities(replica: number, v: Float64Array): void {
    const n = this.engine.natoms;
    if (v.length !== 3 * n) throw new Error(`expected ${3 * n} velocity components, got ${v.length}`);
    const data = new Float32Array(4 * n);
    for (let i = 0; i < n; i++) data.set([v[3 * i], v[3 * i + 1], v[3 * i + 2]], 4 * i);
    this.engine.device.queue.writeBuffer(this.velocities, 16 * n * replica, data);
  }

  async readVelocities(replica: number): Promise<Float64Array> {
    const n = this.engine.natoms;
    const v = new Float32Array(await readBuffer(this.engine.device, this.velocities, 16 * n * replica, 16 * n));
    return Float64Array.from({ length: 3 * n }, (_, k) => v[4 * Math.floor(k / 3) + (k % 3)]);
  }

  /** Runs `steps` steps; each run starts the thermostat chain afresh, as a new LAMMPS fix nvt does. */
  async run(o: MdRunOptions): Promise<MdSample> {
    const { engine } = this;
    const d = engine.device;
    const { natoms: n, nreplicas: r } = engine;
    if (!Number.isInteger(o.steps) || o.steps < 1) throw new Error(`the number of MD steps must be a positive integer, got ${o.steps}`);
    const t = o.thermostat;
    if (t && !(t.tStart >= 0 && t.tStop >= 0 && t.tDamp > 0)) throw new Error('thermostat temperatures must be ≥ 0 K and Tdamp > 0 ps');
    const params = encodeStruct(MD_PARAMS_LAYOUT, {
      natoms: n,
      dt: this.dt,
      tStart: t?.tStart ?? 0,
      tStop: t?.tStop ?? 0,
      tFreq: t ? 1 / t.tDamp : 0,
      tdof: 3 * n - 3,
      steps: o.steps,
      thermostat: t ? 1 : 0,
      boltz: BOLTZ,
      mvv2e: MVV2E,
      ftm2v: FTM2V,
    });
    d.queue.writeBuffer(this.params, 0, params.buffer);
    d.queue.writeBuffer(this.state, 0, new ArrayBuffer(MD_STATE_LAYOUT.size * r));
    engine.activateAll();

    // Forces of the starting positions, then the thermostat's starting state.
    let encoder = d.createCommandEncoder({ label: 'md setup' });
    let pass = encoder.beginComputePass();
    engine.encode(pass);
    this.kernels.encodePrepare(pass, r);
    pass.end();
    d.queue.submit([encoder.finish()]);

    const every = o.reportEvery ?? 100;
    let done = 0;
    let overflows = 0;
    let sample: MdSample | null = null;
    while (done < o.steps) {
      const batch = Math.min(every, o.steps - done);
      encoder = d.createCommandEncoder({ label: 'md steps' });
      pass = encoder.beginComputePass();
      for (let k = 0; k < batch; k++) {
        this.kernels.encodeFirstHalf(pass, n, r);
        engine.encode(pass);
        this.kernels.encodeSecondHalf(pass, n, r);
      }
      engine.totals.encode(pass);
      pass.end();
      d.queue.submit([encoder.finish()]);
      done += batch;
      const lists = await engine.checkLists();
      if (lists.outgrown.length > 0) throw new Error('molecular dynamics needs per-replica neighbour lists: a replica moved beyond the shared ones');
      if (lists.repeat) overflows++;
      sample = await this.sample(overflows);
      o.onSample?.(sample);
      throwIfAborted(o.signal);
    }
    return sample!;
  }

  private async sample(listOverflows: number): Promise<MdSample> {
    const { engine } = this;
    const [stateBuf, totals] = await Promise.all([readBuffer(engine.device, this.state), engine.totals.read()]);
    const view = new DataView(stateBuf);
    const states = Array.from({ length: engine.nreplicas }, (_, r) => decodeStruct(MD_STATE_LAYOUT, view, r * MD_STATE_LAYOUT.size));
    const tdof = 3 * engine.natoms - 3;
    return {
      step: states[0].step,
      temperature: states.map((s) => (2 * s.kinetic) / (tdof * BOLTZ)),
      targetTemperature: states.map((s) => s.tTarget),
      kinetic: states.map((s) => s.kinetic),
      potential: totals.map((t) => t.energy),
      thermostatEnergy: states.map((s) => s.thermostatEnergy),
      listOverflows,
    };
  }

  destroy(): void {
    for (const b of [this.params, this.velocities, this.masses, this.state]) b.destroy();
  }
}
