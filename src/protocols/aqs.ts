import { affineInto, type Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { ForceEngine } from '../engine/forceEngine';
import { Minimizer, type MinimizeOptions, type MinimizeProgress, type StopReason } from '../engine/minimizer';
import { totalsPressure } from '../engine/results';
import { fromFixedPoint, unwrapNear } from '../engine/positions';
import { DisplacementMeter } from '../kernels/displacement';
import { readBuffer, storageBuffer } from '../gpu/buffers';
import { BAR_TO_MPA } from '../physics/units';
import { lastStrainStep, resolvedShearStress, shearedBox, type ShearDirection } from './shear';

export interface AqsOptions {
  /** One replica per direction, all sheared together from the same start. */
  readonly directions: readonly ShearDirection[];
  /** Strain per step (change of tilt over height). */
  readonly step: number;
  readonly maxStrain: number;
  /** Stop a direction after this many events (default: never). */
  readonly maxEvents?: number;
  /** A step whose relaxation lowers the resolved shear stress by more than this (MPa) is an event. */
  readonly drop: number;
  /** Minimiser settings; fmax defaults to AQS_FMAX here. */
  readonly minimize?: MinimizeOptions;
}

/**
 * AQS relaxes to 1e-5 eV/Å unless told otherwise: at the minimiser's general 1e-4 the soft modes
 * of a glass leave each step ~0.8 MPa short of relaxed and the modulus ~5 % off (measured on
 * glass_a against LAMMPS); at 1e-5 both agree within 0.1 MPa and 0.5 %.
 */
export const AQS_FMAX = 1e-5;

/** One relaxed AQS step of one direction. */
export interface AqsStep {
  readonly step: number;
  readonly strain: number;
  /** Stress tensor (virial, = −pressure) in MPa: xx yy zz xy xz yz. */
  readonly stress: readonly number[];
  readonly pePerAtom: number;
  /** sqrt(Σ|x_relaxed − x_affine|²) of this step's relaxation, Å. */
  readonly nonaffine: number;
  readonly iterations: number;
  readonly stop: StopReason;
  readonly fmax: number;
  /** Largest displacement over the last stall window, Å: large at the cap means still sliding. */
  readonly windowDisp: number;
}

export interface Configuration {
  readonly positions: Float64Array;
  readonly box: Box;
}

export interface AqsEvent {
  /** 1, 2, … within its direction. */
  readonly index: number;
  readonly direction: ShearDirection;
  readonly step: number;
  readonly strain: number;
  readonly dropMPa: number;
  /** Relaxed state of the step before: where frozen-atom analysis starts. */
  readonly pre: Configuration;
  readonly post: Configuration;
}

export interface AqsCallbacks {
  readonly onStep?: (direction: number, step: AqsStep) => void;
  readonly onEvent?: (event: AqsEvent) => void;
  readonly onRelax?: (progress: MinimizeProgress) => void;
  readonly signal?: AbortSignal;
}

export interface AqsResult {
  readonly steps: AqsStep[][];
  readonly events: AqsEvent[][];
  /** Strain steps taken (fewer than max-strain/step when every direction reached its event limit). */
  readonly stepsRun: number;
}

/** Where a run picks up again: the last completed step's record and relaxed positions per direction. */
export interface AqsResume {
  readonly step: number;
  readonly last: readonly AqsStep[];
  readonly positions: readonly Float64Array[];
  readonly eventCounts: readonly number[];
}

/**
 * Athermal quasi-static shear one step at a time: every step the cells of all directions tilt by
 * one strain step with the atoms carried affinely, then all replicas relax together at fixed cell.
 * Stepping (rather than one long call) lets the app pause, show every step, and resume on a new
 * device from the last completed step.
 */
export class AqsRun {
  private readonly last: (AqsStep | null)[];
  private readonly eventCounts: number[];
  private readonly done: boolean[];
  private k: number;
  private maxStrain: number;

  private constructor(
    private readonly engine: ForceEngine,
    private readonly minimizer: Minimizer,
    private readonly meter: DisplacementMeter,
    private readonly previous: GPUBuffer,
    private readonly start: Configuration,
    private readonly options: AqsOptions,
    resume: AqsResume | undefined,
  ) {
    const R = options.directions.length;
    this.last = resume ? [...resume.last] : new Array<AqsStep | null>(R).fill(null);
    this.eventCounts = resume ? [...resume.eventCounts] : new Array<number>(R).fill(0);
    this.done = this.eventCounts.map((c) => options.maxEvents !== undefined && c >= options.maxEvents);
    this.k = resume ? resume.step + 1 : 0;
    this.maxStrain = options.maxStrain;
    if (resume) {
      engine.setBoxes(options.directions.map((d) => shearedBox(start.box, d, resume.step * options.step)));
      resume.positions.forEach((x, r) => engine.setPositions(x, r));
    }
  }

  static async create(
    device: GPUDevice,
    tables: EamTables,
    types: Int32Array,
    start: Configuration,
    masses: readonly number[],
    options: AqsOptions,
    resume?: AqsResume,
  ): Promise<AqsRun> {
    const { directions, step } = options;
    if (directions.length === 0) throw new Error('no shear direction given');
    if (new Set(directions).size !== directions.length) throw new Error(`a shear direction is given twice: ${directions.join(', ')}`);
    if (!(step > 0) || !(options.maxStrain > 0)) throw new Error('the strain step and the maximum strain must be positive');
    if (resume && (resume.last.length !== directions.length || resume.positions.length !== directions.length)) {
      throw new Error(`resuming needs one last step and one configuration per direction (${directions.length})`);
    }
    const R = directions.length;
    const engine = await ForceEngine.create(device, tables, types, start.positions, start.box, R);
    const minimizer = await Minimizer.create(engine, masses, { fmax: AQS_FMAX, ...options.minimize });
    const meter = await DisplacementMeter.create(device, engine.state);
    const previous = storageBuffer(device, 'previous relaxed positions', 16 * engine.natoms * R);
    return new AqsRun(engine, minimizer, meter, previous, start, options, resume);
  }

  /** The next step to run: 0 relaxes the start, k tilts the cell to k strain steps. */
  get nextStep(): number {
    return this.k;
  }

  /** True when the maximum strain is reached or every direction has its events. */
  get finished(): boolean {
    return this.k > lastStrainStep(this.maxStrain, this.options.step) || this.done.every(Boolean);
  }

  /** A run that reached its maximum strain goes on to a higher one; a lower one ends it sooner. */
  setMaxStrain(maxStrain: number): void {
    if (!(maxStrain > 0)) throw new Error('the maximum strain must be positive');
    this.maxStrain = maxStrain;
  }

  /** Runs one step of every direction still shearing; returns its records (null for a stopped direction) and events. */
  async next(callbacks: AqsCallbacks = {}): Promise<{ records: (AqsStep | null)[]; events: AqsEvent[] }> {
    if (this.finished) throw new Error('the AQS run is finished');
    const { engine, options } = this;
    const { directions, step } = options;
    const k = this.k;
    if (k > 0) {
      copy(engine.device, engine.state.positions, this.previous);
      engine.setBoxes(directions.map((d, r) => (this.done[r] ? engine.box(r) : shearedBox(this.start.box, d, k * step))));
    }
    const all = await this.relaxAndRecord(k, callbacks);
    const records = all.map((rec, r) => (this.done[r] ? null : rec));
    const events: AqsEvent[] = [];
    for (let r = 0; r < directions.length; r++) {
      const rec = records[r];
      if (rec === null) continue;
      const before = this.last[r];
      this.last[r] = rec;
      callbacks.onStep?.(r, rec);
      if (before === null) continue;
      const drop = resolvedShearStress(before.stress, directions[r]) - resolvedShearStress(rec.stress, directions[r]);
      if (drop > options.drop) {
        const event: AqsEvent = {
          index: ++this.eventCounts[r],
          direction: directions[r],
          step: k,
          strain: rec.strain,
          dropMPa: drop,
          pre: await this.previousConfiguration(r, shearedBox(this.start.box, directions[r], (k - 1) * step)),
          post: { positions: await this.positions(r), box: engine.box(r) },
        };
        events.push(event);
        callbacks.onEvent?.(event);
        if (options.maxEvents !== undefined && this.eventCounts[r] >= options.maxEvents) this.done[r] = true;
      }
    }
    this.k++;
    return { records, events };
  }

  /** Relaxed positions of one direction, unwrapped near the start carried affinely into its cell. */
  positions(r: number): Promise<Float64Array> {
    return this.engine.readPositions(r, affinely(this.start, this.engine.box(r)));
  }

  box(r: number): Box {
    return this.engine.box(r);
  }

  destroy(): void {
    this.previous.destroy();
    this.meter.destroy();
    this.minimizer.destroy();
    this.engine.destroy();
  }

  private async relaxAndRecord(k: number, callbacks: AqsCallbacks): Promise<AqsStep[]> {
    const { engine, meter } = this;
    meter.markNow();
    const statuses = await this.minimizer.run(callbacks.onRelax, callbacks.signal);
    const totals = await engine.evaluate();
    const moved = await meter.measure();
    return this.options.directions.map((_, r) => ({
      step: k,
      strain: k * this.options.step,
      stress: totalsPressure(totals[r], engine.box(r)).map((p) => -p * BAR_TO_MPA),
      pePerAtom: totals[r].energy / engine.natoms,
      nonaffine: moved[r].norm,
      iterations: statuses[r].iterations,
      stop: statuses[r].stop ?? 'max-iterations',
      fmax: statuses[r].fmax,
      windowDisp: statuses[r].windowDisp,
    }));
  }

  private async previousConfiguration(r: number, box: Box): Promise<Configuration> {
    const { engine } = this;
    const n = engine.natoms;
    const data = new Uint32Array(await readBuffer(engine.device, this.previous, 16 * n * r, 16 * n));
    return { positions: unwrapNear(box, fromFixedPoint(box, data), affinely(this.start, box)), box };
  }
}

/** A whole AQS run: every step of every direction until the maximum strain or the event limit. */
export async function runAqs(
  device: GPUDevice,
  tables: EamTables,
  types: Int32Array,
  start: Configuration,
  masses: readonly number[],
  options: AqsOptions,
  callbacks: AqsCallbacks = {},
): Promise<AqsResult> {
  const run = await AqsRun.create(device, tables, types, start, masses, options);
  const steps: AqsStep[][] = options.directions.map(() => []);
  const events: AqsEvent[][] = options.directions.map(() => []);
  let stepsRun = 0;
  try {
    while (!run.finished) {
      stepsRun = run.nextStep;
      const out = await run.next(callbacks);
      out.records.forEach((rec, r) => rec && steps[r].push(rec));
      for (const e of out.events) events[options.directions.indexOf(e.direction)].push(e);
    }
  } finally {
    run.destroy();
  }
  return { steps, events, stepsRun };
}

function copy(device: GPUDevice, from: GPUBuffer, to: GPUBuffer): void {
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(from, 0, to, 0, to.size);
  device.queue.submit([encoder.finish()]);
}

/** The start configuration carried affinely into another cell: the image each atom is unwrapped near. */
function affinely(start: Configuration, box: Box): Float64Array {
  return affineInto(start.positions, start.box, box);
}
