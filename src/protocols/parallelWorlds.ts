import type { EamTables } from '../potential/tables';
import { affineInto, type Box } from '../system/box';
import { ForceEngine } from '../engine/forceEngine';
import { Minimizer, throwIfAborted } from '../engine/minimizer';
import { evaluateEam } from '../oracle/eam64';
import { BAR_TO_MPA } from '../physics/units';
import { FROZEN_FMAX } from './frozenAtoms';
import { resolvedShearStress, shearedBox, type ShearDirection } from './shear';

export interface World {
  /** Positions every `every` iterations, the affinely strained start first and the relaxed state last. */
  readonly frames: Float32Array[];
  /** sqrt(Σ|x_relaxed − x_affine|²), Å. */
  readonly df: number;
  /** Resolved shear stress before the step minus after the relaxation, MPa (f64 oracle). */
  readonly dropMPa: number;
}

/**
 * One event relaxed twice side by side: with nothing frozen and with one atom held, recording
 * frames so the two outcomes can be played back together. A lecturer shows with it why freezing a
 * core atom stops the event.
 */
export async function parallelWorlds(
  device: GPUDevice,
  tables: EamTables,
  types: Int32Array,
  pre: { positions: Float64Array; box: Box },
  masses: readonly number[],
  options: { direction: ShearDirection; step: number; atom: number; every?: number },
  signal?: AbortSignal,
): Promise<{ worlds: [World, World]; box: Box }> {
  const n = types.length;
  if (!Number.isInteger(options.atom) || options.atom < 0 || options.atom >= n) throw new Error(`atom index ${options.atom} is not one of the ${n} atoms`);
  const box = shearedBox(pre.box, options.direction, options.step);
  const start = affineInto(pre.positions, pre.box, box);
  const engine = await ForceEngine.create(device, tables, types, start, box, 2);
  const minimizer = await Minimizer.create(engine, masses, { fmax: FROZEN_FMAX });
  const every = options.every ?? 25;
  const frames: [Float32Array[], Float32Array[]] = [[Float32Array.from(start)], [Float32Array.from(start)]];
  try {
    minimizer.setFrozen(1, [options.atom]);
    minimizer.start();
    // A world that has stopped gets no more frames: its last one is its relaxed state.
    const stopped = [false, false];
    while (!stopped[0] || !stopped[1]) {
      const statuses = await minimizer.advance(every);
      for (const r of [0, 1] as const) {
        if (stopped[r]) continue;
        frames[r].push(Float32Array.from(await engine.readPositions(r, start)));
        stopped[r] = statuses[r].stop !== null;
      }
      throwIfAborted(signal);
    }
    const tauPre = resolvedShearStress(stressMPa(tables, pre.box, pre.positions, types), options.direction);
    const worlds = await Promise.all(
      ([0, 1] as const).map(async (r) => {
        const x = await engine.readPositions(r, start);
        let sum = 0;
        for (let k = 0; k < x.length; k++) sum += (x[k] - start[k]) ** 2;
        const tau = resolvedShearStress(stressMPa(tables, box, x, types), options.direction);
        return { frames: frames[r], df: Math.sqrt(sum), dropMPa: tauPre - tau };
      }),
    );
    return { worlds: [worlds[0], worlds[1]], box };
  } finally {
    minimizer.destroy();
    engine.destroy();
  }
}

function stressMPa(tables: EamTables, box: Box, x: Float64Array, types: Int32Array): number[] {
  return evaluateEam(tables, box, x, types).pressure.map((p) => -p * BAR_TO_MPA);
}
