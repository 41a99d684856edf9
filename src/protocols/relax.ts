import { volume, type Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { evaluateEam, type EamResult } from '../oracle/eam64';
import { ForceEngine } from '../engine/forceEngine';
import { Minimizer, type MinimizeOptions, type MinimizeProgress, type ReplicaStatus } from '../engine/minimizer';
import { BAR_TO_MPA } from '../physics/units';

export interface RelaxOptions {
  readonly minimize?: MinimizeOptions;
  /** Also relax the cell (six degrees of freedom) to the target stress. */
  readonly cell?: boolean;
  /** Target stress in MPa, xx yy zz xy xz yz (stress = −pressure); default zero. */
  readonly targetStress?: readonly number[];
  /** Cell relaxation ends when every stress component is within this of the target, MPa (default 0.1). */
  readonly stressTolerance?: number;
  readonly maxCellSteps?: number;
}

export interface RelaxProgress {
  readonly cellStep: number;
  readonly box: Box;
  /** MPa, from the f64 reference on the atoms relaxed in this cell. */
  readonly stress: readonly number[];
  readonly minimize?: MinimizeProgress;
}

export interface RelaxResult {
  readonly positions: Float64Array;
  readonly box: Box;
  /** The f64 reference evaluated on the final configuration. */
  readonly final: EamResult;
  /** Stress of the final configuration, MPa (virial, = −pressure). */
  readonly stress: readonly number[];
  /** How the last fixed-cell relaxation stopped. */
  readonly atoms: ReplicaStatus;
  readonly cellSteps: number;
  /** False when the cell did not reach the target stress within maxCellSteps. */
  readonly cellConverged: boolean;
}

/** Cell relaxation starts from moduli typical of metals and refines them from each step. */
const BULK_MPA = 100e3;
const SHEAR_MPA = 30e3;

/**
 * Relaxes atoms on the GPU at fixed cell; with `cell`, also the cell: after each fixed-cell
 * relaxation the f64 reference gives the stress of the relaxed atoms, and the cell takes a Newton
 * step towards the target with bulk and shear moduli estimated from the previous steps (as an
 * isotropic solid would respond). Atoms follow the cell affinely, then relax again.
 */
export async function relax(
  device: GPUDevice,
  tables: EamTables,
  types: Int32Array,
  positions: Float64Array,
  box: Box,
  masses: readonly number[],
  options: RelaxOptions = {},
  onProgress?: (p: RelaxProgress) => void,
  signal?: AbortSignal,
): Promise<RelaxResult> {
  const target = options.targetStress ?? [0, 0, 0, 0, 0, 0];
  if (target.length !== 6 || target.some((t) => !Number.isFinite(t))) throw new Error('the target stress needs six finite components (MPa)');
  const tolerance = options.stressTolerance ?? 0.1;
  const maxCellSteps = options.maxCellSteps ?? 50;
  const engine = await ForceEngine.create(device, tables, types, positions, box, 1);
  const minimizer = await Minimizer.create(engine, masses, options.minimize);
  try {
    let x = positions;
    let current = box;
    let bulk = BULK_MPA;
    let shear = SHEAR_MPA;
    let previous: { strain: number[]; stress: number[] } | null = null;
    for (let step = 0; ; step++) {
      const [atoms] = await minimizer.run((m) => onProgress?.({ cellStep: step, box: current, stress: [], minimize: m }), signal);
      x = await engine.readPositions(0, x);
      const final = evaluateEam(tables, current, x, types);
      const stress = final.pressure.map((p) => -p * BAR_TO_MPA);
      onProgress?.({ cellStep: step, box: current, stress });
      const error = stress.map((s, c) => target[c] - s);
      const done = !options.cell || error.every((e) => Math.abs(e) < tolerance);
      if (done || step >= maxCellSteps) {
        return { positions: x, box: current, final, stress, atoms, cellSteps: step, cellConverged: done };
      }
      if (previous) [bulk, shear] = secantModuli(previous, stress, bulk, shear);
      const strain = complianceStep(error, bulk, shear);
      previous = { strain, stress };
      current = strained(current, strain);
      engine.setBoxes([current]);
    }
  } finally {
    minimizer.destroy();
    engine.destroy();
  }
}

/** Strain (xx yy zz, then engineering γ xy xz yz) that an isotropic solid needs for a stress change. */
function complianceStep(dStress: readonly number[], bulk: number, shear: number): number[] {
  const mean = (dStress[0] + dStress[1] + dStress[2]) / 3;
  return [0, 1, 2].map((c) => mean / (3 * bulk) + (dStress[c] - mean) / (2 * shear)).concat([3, 4, 5].map((c) => dStress[c] / shear));
}

/**
 * Moduli seen in the last step (stress change over strain taken, hydrostatic and deviatoric
 * parts), kept within a factor of ten of the previous estimate so a noisy step cannot derail it.
 */
function secantModuli(prev: { strain: number[]; stress: number[] }, stress: readonly number[], bulk: number, shear: number): [number, number] {
  const ds = stress.map((s, c) => s - prev.stress[c]);
  const e = prev.strain;
  const volumetric = e[0] + e[1] + e[2];
  const meanStress = (ds[0] + ds[1] + ds[2]) / 3;
  const clamp = (v: number, ref: number) => (Number.isFinite(v) && v > 0 ? Math.min(10 * ref, Math.max(ref / 10, v)) : ref);
  const newBulk = Math.abs(volumetric) > 1e-9 ? clamp(meanStress / volumetric, bulk) : bulk;
  let num = 0;
  let den = 0;
  for (let c = 0; c < 3; c++) {
    const de = e[c] - volumetric / 3;
    num += (ds[c] - meanStress) * de;
    den += 2 * de * de;
  }
  for (let c = 3; c < 6; c++) {
    num += ds[c] * e[c];
    den += e[c] * e[c];
  }
  return [newBulk, den > 1e-18 ? clamp(num / den, shear) : shear];
}

/** The cell after a small strain, kept upper-triangular: x' = (1 + ε) x with tilts from γ. */
function strained(b: Box, e: readonly number[]): Box {
  const F = [1 + e[0], e[3], e[4], 0, 1 + e[1], e[5], 0, 0, 1 + e[2]];
  const h = [b.lx, b.xy, b.xz, 0, b.ly, b.yz, 0, 0, b.lz];
  const g = (r: number, c: number) => F[3 * r] * h[c] + F[3 * r + 1] * h[3 + c] + F[3 * r + 2] * h[6 + c];
  const lo = b.lo;
  // Keep the cell centred where it was.
  const centre = [lo[0] + (b.lx + b.xy + b.xz) / 2, lo[1] + (b.ly + b.yz) / 2, lo[2] + b.lz / 2];
  const next = { lx: g(0, 0), xy: g(0, 1), xz: g(0, 2), ly: g(1, 1), yz: g(1, 2), lz: g(2, 2) };
  const newLo: [number, number, number] = [
    centre[0] - (next.lx + next.xy + next.xz) / 2,
    centre[1] - (next.ly + next.yz) / 2,
    centre[2] - next.lz / 2,
  ];
  if (!(volume({ ...next, lo: newLo }) > 0)) throw new Error('cell relaxation collapsed the cell');
  return { ...next, lo: newLo };
}
