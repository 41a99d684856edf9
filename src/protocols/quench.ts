import type { EamTables } from '../potential/tables';
import { ForceEngine } from '../engine/forceEngine';
import { Dynamics, type MdSample } from '../engine/dynamics';
import { thermalVelocities } from '../engine/velocities';
import type { AtomSystem } from '../system/system';
import { relax, type RelaxResult } from './relax';
import { AQS_FMAX } from './aqs';
import { fewestQuenchCells, QUENCH_ELEMENTS, quenchStart } from './quenchStart';

export interface QuenchOptions {
  /** n×n×n bcc cells: 2n³ atoms. */
  readonly cells: number;
  /** Fraction of Cu (default 0.5: B2 CuZr; otherwise bcc with species at random from the seed). */
  readonly cu?: number;
  readonly seed?: number;
  /** Quench this many independent samples (seeds seed, seed+1, …) side by side. */
  readonly replicas?: number;
  /** Melt (K, ps), equilibrate the liquid (K, ps), then cool at `rate` (K/s) to `final` (K). */
  readonly melt?: number;
  readonly meltPs?: number;
  readonly liquid?: number;
  readonly liquidPs?: number;
  readonly rate?: number;
  readonly final?: number;
  /** Thermostat damping time, ps (default 0.1), and MD time step, ps (default 0.001). */
  readonly tDamp?: number;
  readonly dt?: number;
}

export const QUENCH_DEFAULTS = { cu: 0.5, seed: 1, replicas: 1, melt: 3000, meltPs: 5, liquid: 2000, liquidPs: 5, rate: 1e13, final: 10, tDamp: 0.1, dt: 0.001 };

export type QuenchStage = 'melt' | 'liquid' | 'quench' | 'relax';

export interface QuenchProgress {
  readonly stage: QuenchStage;
  /** Simulated time since the start, ps. */
  readonly time: number;
  readonly totalTime: number;
  readonly sample?: MdSample;
}

export interface QuenchResult {
  readonly start: AtomSystem;
  /** One cell-relaxed glass per replica (seed, seed+1, …). */
  readonly glasses: RelaxResult[];
}

/**
 * Melt–quench MD on the GPU as ../shared/lammps/quench.in does it (NVT at the crystal's volume:
 * melt, liquid, linear cooling), then atoms and cell relaxed to zero stress. Replicas quench
 * independent samples together.
 */
export async function quench(
  device: GPUDevice,
  tables: EamTables,
  options: QuenchOptions,
  onProgress?: (p: QuenchProgress) => void,
  signal?: AbortSignal,
): Promise<QuenchResult> {
  const o = { ...QUENCH_DEFAULTS, ...options };
  if (!Number.isInteger(o.cells) || o.cells < 1) throw new Error(`--cells must be a positive integer, got ${o.cells}`);
  if (!(o.rate > 0) || !(o.melt > 0) || !(o.liquid > o.final) || !(o.final >= 0)) {
    throw new Error('the quench needs melt > 0 K, liquid above final ≥ 0 K and a positive rate');
  }
  if (tables.typeElements.join(' ') !== QUENCH_ELEMENTS.join(' ')) {
    throw new Error(`the quench makes atom types ${QUENCH_ELEMENTS.join(', ')}: bind the potential to them, not to ${tables.typeElements.join(', ')}`);
  }
  const fewest = fewestQuenchCells(tables.cutoff, o.cu);
  if (o.cells < fewest) {
    throw new Error(
      `${o.cells}³ cells are too few for this potential: its cutoff of ${tables.cutoff} Å needs boxes wider than ${(2 * tables.cutoff).toFixed(2)} Å ` +
        `throughout, and the cell relaxation at the end can narrow a small glass's box; use ${fewest} cells per side or more (${2 * fewest ** 3} atoms)`,
    );
  }
  const masses = tables.masses;
  const start = quenchStart(o.cells, o.cu, o.seed, masses);
  const atomMasses = Array.from(start.types, (t) => masses[t]);
  const engine = await ForceEngine.create(device, tables, start.types, start.positions, start.box, o.replicas);
  const md = await Dynamics.create(engine, masses, o.dt);
  const steps = (ps: number) => Math.max(1, Math.round(ps / o.dt));
  const quenchPs = ((o.liquid - o.final) / o.rate) * 1e12;
  const stages: [QuenchStage, number, number, number][] = [
    ['melt', steps(o.meltPs), o.melt, o.melt],
    ['liquid', steps(o.liquidPs), o.liquid, o.liquid],
    ['quench', steps(quenchPs), o.liquid, o.final],
  ];
  const totalTime = (o.meltPs + o.liquidPs + quenchPs);
  const glasses: RelaxResult[] = [];
  try {
    for (let r = 0; r < o.replicas; r++) md.setVelocities(r, thermalVelocities(atomMasses, o.melt, o.seed + r));
    let elapsed = 0;
    for (const [stage, n, t0, t1] of stages) {
      const before = elapsed;
      await md.run({
        steps: n,
        thermostat: { tStart: t0, tStop: t1, tDamp: o.tDamp },
        reportEvery: Math.min(1000, n),
        signal,
        onSample: (s) => onProgress?.({ stage, time: before + s.step * o.dt, totalTime, sample: s }),
      });
      elapsed += n * o.dt;
    }
    for (let r = 0; r < o.replicas; r++) {
      onProgress?.({ stage: 'relax', time: totalTime, totalTime });
      const quenched = await engine.readPositions(r);
      // Relaxed as tightly as AQS will relax it, so the first AQS step starts from a true minimum.
      glasses.push(await relax(device, tables, start.types, quenched, start.box, masses, { cell: true, minimize: { fmax: AQS_FMAX } }, undefined, signal));
    }
  } finally {
    md.destroy();
    engine.destroy();
  }
  return { start, glasses };
}
