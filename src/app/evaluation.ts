import { ForceEngine } from '../engine/forceEngine';
import { toEamResult } from '../engine/results';
import { BAR_TO_MPA } from '../physics/units';
import type { Sample } from './sample';

/** What the panel shows of one evaluation. */
export interface EvaluationSummary {
  readonly natoms: number;
  /** eV. */
  readonly energyPerAtom: number;
  /** Pressure tensor, MPa, xx yy zz xy xz yz; the stress is its negative. */
  readonly pressureMPa: readonly number[];
  /** Largest |F| of any atom, eV/Å. */
  readonly maxForce: number;
  /** Mean wall time of one evaluate() (GPU passes plus the read-back of totals), ms. */
  readonly evalMs: number;
  readonly timedEvaluations: number;
}

export function createEngine(device: GPUDevice, sample: Sample): Promise<ForceEngine> {
  const { system, tables } = sample;
  return ForceEngine.create(device, tables, system.types, system.positions, system.box, 1);
}

/** One warm-up evaluation, then `repeats` timed ones; the summary comes from the last. */
export async function evaluateAndTime(engine: ForceEngine, repeats = 5): Promise<EvaluationSummary> {
  await engine.evaluate();
  const t0 = performance.now();
  for (let k = 0; k < repeats; k++) await engine.evaluate();
  const evalMs = (performance.now() - t0) / repeats;

  const box = engine.box(0);
  const result = toEamResult(await engine.readAtoms(0), box);
  const n = engine.natoms;
  let maxForce = 0;
  for (let i = 0; i < n; i++) {
    const f = result.forces;
    maxForce = Math.max(maxForce, Math.hypot(f[3 * i], f[3 * i + 1], f[3 * i + 2]));
  }
  return {
    natoms: n,
    energyPerAtom: result.energy / n,
    pressureMPa: result.pressure.map((p) => p * BAR_TO_MPA),
    maxForce,
    evalMs,
    timedEvaluations: repeats,
  };
}
