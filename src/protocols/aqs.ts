import { deformationBetween, type Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { ForceEngine } from '../engine/forceEngine';
import { Minimizer, type MinimizeOptions, type MinimizeProgress, type StopReason } from '../engine/minimizer';
import { totalsPressure } from '../engine/results';
import { fromFixedPoint, unwrapNear } from '../engine/positions';
import { DisplacementMeter } from '../kernels/displacement';
import { readBuffer, storageBuffer } from '../gpu/buffers';
import { BAR_TO_MPA } from '../physics/units';
import { resolvedShearStress, shearedBox, type ShearDirection } from './shear';

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

/**
 * Athermal quasi-static shear: every step the cells of all directions tilt by one strain step with
 * the atoms carried affinely, then all replicas relax together at fixed cell.
 */
export async function runAqs(
  device: GPUDevice,
  tables: EamTables,
  types: Int32Array,
  start: Configuration,
  masses: readonly number[],
  options: AqsOptions,
  callbacks: AqsCallbacks = {},
): Promise<AqsResult> {
  const { directions, step } = options;
  if (directions.length === 0) throw new Error('no shear direction given');
  if (!(step > 0) || !(options.maxStrain > 0)) throw new Error('the strain step and the maximum strain must be positive');
  const nsteps = Math.round(options.maxStrain / step);
  const R = directions.length;
  const engine = await ForceEngine.create(device, tables, types, start.positions, start.box, R);
  const minimizer = await Minimizer.create(engine, masses, { fmax: AQS_FMAX, ...options.minimize });
  const meter = await DisplacementMeter.create(device, engine.state);
  const previous = storageBuffer(device, 'previous relaxed positions', 16 * engine.natoms * R);
  const steps: AqsStep[][] = directions.map(() => []);
  const events: AqsEvent[][] = directions.map(() => []);
  const done = directions.map(() => false);
  let stepsRun = 0;
  const previousConfiguration = async (r: number, box: Box): Promise<Configuration> => {
    const n = engine.natoms;
    const data = new Uint32Array(await readBuffer(device, previous, 16 * n * r, 16 * n));
    return { positions: unwrapNear(box, fromFixedPoint(box, data), affinely(start, box)), box };
  };

  const relaxAndRecord = async (k: number) => {
    meter.markNow();
    const statuses = await minimizer.run(callbacks.onRelax, callbacks.signal);
    const totals = await engine.evaluate();
    const moved = await meter.measure();
    return directions.map((_, r) => {
      const box = engine.box(r);
      const stress = totalsPressure(totals[r], box).map((p) => -p * BAR_TO_MPA);
      return {
        step: k,
        strain: k * step,
        stress,
        pePerAtom: totals[r].energy / engine.natoms,
        nonaffine: moved[r].norm,
        iterations: statuses[r].iterations,
        stop: statuses[r].stop ?? 'max-iterations',
        fmax: statuses[r].fmax,
        windowDisp: statuses[r].windowDisp,
      } satisfies AqsStep;
    });
  };

  try {
    const first = await relaxAndRecord(0);
    first.forEach((s, r) => {
      steps[r].push(s);
      callbacks.onStep?.(r, s);
    });
    for (let k = 1; k <= nsteps && !done.every(Boolean); k++) {
      copy(device, engine.state.positions, previous);
      const boxes = directions.map((d, r) => (done[r] ? engine.box(r) : shearedBox(start.box, d, k * step)));
      engine.setBoxes(boxes);
      const records = await relaxAndRecord(k);
      stepsRun = k;
      for (let r = 0; r < R; r++) {
        if (done[r]) continue;
        const rec = records[r];
        const before = steps[r][steps[r].length - 1];
        steps[r].push(rec);
        callbacks.onStep?.(r, rec);
        const drop = resolvedShearStress(before.stress, directions[r]) - resolvedShearStress(rec.stress, directions[r]);
        if (drop > options.drop) {
          const event: AqsEvent = {
            index: events[r].length + 1,
            direction: directions[r],
            step: k,
            strain: rec.strain,
            dropMPa: drop,
            pre: await previousConfiguration(r, shearedBox(start.box, directions[r], (k - 1) * step)),
            post: { positions: await engine.readPositions(r, affinely(start, engine.box(r))), box: engine.box(r) },
          };
          events[r].push(event);
          callbacks.onEvent?.(event);
          if (options.maxEvents !== undefined && events[r].length >= options.maxEvents) done[r] = true;
        }
      }
    }
  } finally {
    previous.destroy();
    meter.destroy();
    minimizer.destroy();
    engine.destroy();
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
  const F = deformationBetween(start.box, box);
  const x = start.positions;
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k += 3) {
    const d = [x[k] - start.box.lo[0], x[k + 1] - start.box.lo[1], x[k + 2] - start.box.lo[2]];
    for (let r = 0; r < 3; r++) out[k + r] = box.lo[r] + F[3 * r] * d[0] + F[3 * r + 1] * d[1] + F[3 * r + 2] * d[2];
  }
  return out;
}
