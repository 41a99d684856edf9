import type { Box } from '../system/box';
import type { EamTables } from '../potential/tables';
import { evaluateEam } from '../oracle/eam64';
import { ForceEngine, type ForceEngineOptions } from '../engine/forceEngine';
import { fromFixedPoint, toFixedPoint } from '../engine/positions';
import { Minimizer, throwIfAborted, type MinimizeOptions, type StopReason } from '../engine/minimizer';
import { totalsPressure } from '../engine/results';
import { CapacityError } from '../kernels/neighborList';
import { DisplacementMeter } from '../kernels/displacement';
import { BAR_TO_MPA } from '../physics/units';
import { tuningFor } from '../gpu/tuning';
import { secondsLeft } from './timeLeft';
import { resolvedShearStress, resolvedShearStressOfPressure, shearedBox, type ShearDirection } from './shear';

export interface FrozenOptions {
  readonly direction: ShearDirection;
  /** The strain step that triggered the event. */
  readonly step: number;
  /** Atom indices (0-based) to freeze one at a time; default every atom. */
  readonly atoms?: readonly number[];
  /** A replica whose resolved shear stress falls below the pre-event state by more than this (MPa) had the event; default FROZEN_DROP. */
  readonly drop?: number;
  /** Minimiser settings; fmax defaults to FROZEN_FMAX. */
  readonly minimize?: MinimizeOptions;
  /**
   * A relaxation that converged without the event goes on to this tighter tolerance (eV/Å), and
   * is marginal if the event happens then (it ends as soon as a status read finds the stress
   * fallen); null: none. Default: fmax · CONFIRM_FACTOR.
   */
  readonly confirmFmax?: number | null;
  /** Replicas relaxing side by side (default: all, or as many as the adapter holds). */
  readonly slots?: number;
  /** Iterations between status reads (default 100: most relaxations end by the stall rule, checked every 100). */
  readonly checkEvery?: number;
  /** Verlet skin, Å (default FROZEN_SKIN for the lists chosen). */
  readonly skin?: number;
  /**
   * 'shared': one candidate list per atom for all replicas, each replica with its own mask over
   * it; 'per-replica': Verlet lists of its own for every replica. Both are exact; the default is
   * the faster on the device (defaultFrozenLists), as `stz-lab bench --frozen-lists` measures.
   */
  readonly lists?: FrozenLists;
}

export type FrozenLists = 'shared' | 'per-replica';

/**
 * Shared lists on a GPU (H100, 2001 replicas: 5.3 s against 12.8 s); per-replica ones on a CPU
 * adapter, where reading the wider candidate rows costs more than coalescing saves (SwiftShader,
 * 251 replicas of 250 atoms: 0.92 s against 0.73 s per iteration).
 */
export function defaultFrozenLists(device: GPUDevice): FrozenLists {
  return tuningFor(device).cpu ? 'per-replica' : 'shared';
}

/**
 * As tight as AQS relaxes: after the strain step an unstable state still has tiny forces, and a
 * looser tolerance stops the unfrozen relaxation before the event has begun (measured on glass_a:
 * at 1e-4 eV/Å its first −xy event does not happen at all).
 */
export const FROZEN_FMAX = 1e-5;

/**
 * Where the frozen system has no minimum near the strained state, only a flat stretch the event
 * crosses slowly, the relaxation can stop there at fmax and seem to stop the event: which atoms do
 * depends on the tolerance, and on f32 against f64 rounding. Measured with LAMMPS (FIRE, norm inf)
 * on the 250-atom event's 17 core atoms: 14 stop the event at 1e-5 eV/Å, 7 at 5e-6, 5 at 2.5e-6,
 * and the f32 GPU's three extra at 1e-5 go through at 5e-6. Continuing every no-event relaxation
 * to half the tolerance names those atoms, at the cost of the few replicas that stopped the event.
 */
export const CONFIRM_FACTOR = 0.5;

/** A relaxation whose resolved shear stress fell below the pre-event state's by more than this (MPa) had the event. */
export const FROZEN_DROP = 0.5;

/**
 * Verlet skins measured fastest (stz-lab frozen --skin). Shared lists on an H100, the first −xy
 * event of the default glass: 0.3 Å (5.78 s; 0.2: 5.81 s, 0.5: 6.13 s). Per-replica lists on
 * SwiftShader, where they are the default: 0.1 Å, since a relaxation moves most atoms far less
 * than that and the pair work grows as (cutoff + skin)³, while a rebuild costs about one pass
 * (first 60 atoms of the 250-atom event: 160 s; 0.05: 162 s, 0.2: 176 s, 0.5: 193 s; first 5 of
 * the 2000-atom event: 158 s against 217 s at 0.5).
 */
export const FROZEN_SKIN = { shared: 0.3, 'per-replica': 0.1 } as const;

/**
 * Iterations a frozen relaxation takes on average in the analyses measured (the 250-atom event:
 * 952; the 2000-atom default event: 1374 on the H100, 1546 for its first 50 atoms on SwiftShader):
 * the time left before any has finished, which on a slow adapter is a long while.
 */
export const FROZEN_TYPICAL_ITERATIONS = 1300;

export interface FrozenReplica {
  /** The frozen atom's index, or null for the relaxation with nothing frozen. */
  readonly atom: number | null;
  /** sqrt(Σ_j |x_j(relaxed) − x_j(affine)|²), Å. */
  readonly df: number;
  /** The largest single displacement, Å. */
  readonly dfMax: number;
  readonly eventHappened: boolean;
  /** Resolved shear stress of the pre-event state minus that of the relaxed replica, MPa. */
  readonly dropMPa: number;
  readonly stop: StopReason;
  readonly converged: boolean;
  readonly iterations: number;
  /** f32 GPU sum, eV. */
  readonly energy: number;
  /**
   * No event at fmax, but the event when relaxed on towards the confirmation tolerance (its stress
   * fell by more than `drop` at a status read, or where it converged): this atom only slowed the
   * event down. The fields above are those of the relaxation to fmax.
   */
  readonly marginal: boolean;
  /** Iterations of the confirming relaxation after the one to fmax (0: none ran), to the status read that ended it. */
  readonly confirmIterations: number;
}

export interface FrozenProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedS: number;
  /** Estimated seconds left (secondsLeft), null until the first status read. */
  readonly etaS: number | null;
  /** No relaxation has finished yet: the estimate rests on FROZEN_TYPICAL_ITERATIONS. */
  readonly etaGuess: boolean;
  /** The relaxations that ended since the last report, so a caller can keep them as they come. */
  readonly finished: readonly FrozenReplica[];
}

export interface FrozenResult {
  readonly unfrozen: FrozenReplica;
  /** In the order of options.atoms. */
  readonly frozen: readonly FrozenReplica[];
  /** Stress of the pre-event state (f64 reference), MPa. */
  readonly preStress: readonly number[];
  readonly strainedBox: Box;
  readonly slots: number;
  /** Relaxations started again because an atom strayed beyond the shared lists. */
  readonly restarts: number;
  /** The Verlet skin used, Å. */
  readonly skin: number;
  /** The neighbour lists used. */
  readonly lists: FrozenLists;
  /** The tolerance no-event relaxations were confirmed at, eV/Å; null: not confirmed. */
  readonly confirmFmax: number | null;
  readonly wallS: number;
}

export class NoEventError extends Error {}

/**
 * Frozen-atom analysis: the pre-event state strained by one step, then one relaxation with nothing
 * frozen and one per analysed atom with that atom held at its affinely strained position, all on
 * the GPU side by side. Replicas run in slots: a slot that finishes takes the next atom at once, so
 * the GPU stays busy and finished relaxations cost nothing.
 */
export async function frozenAtomAnalysis(
  device: GPUDevice,
  tables: EamTables,
  types: Int32Array,
  pre: { positions: Float64Array; box: Box },
  masses: readonly number[],
  options: FrozenOptions,
  onProgress?: (p: FrozenProgress) => void,
  signal?: AbortSignal,
): Promise<FrozenResult> {
  const t0 = performance.now();
  const natoms = types.length;
  const atoms = options.atoms ?? Array.from({ length: natoms }, (_, i) => i);
  for (const i of atoms) {
    if (!Number.isInteger(i) || i < 0 || i >= natoms) throw new Error(`atom index ${i} is not one of the ${natoms} atoms`);
  }
  if (new Set(atoms).size !== atoms.length) throw new Error('an atom is listed twice');
  if (!(options.step > 0 && options.step < 0.1)) throw new Error(`the strain step must be between 0 and 0.1, got ${options.step}`);
  const drop = options.drop ?? FROZEN_DROP;
  const fmax = options.minimize?.fmax ?? FROZEN_FMAX;
  const confirmFmax = options.confirmFmax === undefined ? fmax * CONFIRM_FACTOR : options.confirmFmax;
  if (confirmFmax !== null && !(confirmFmax > 0 && confirmFmax < fmax)) {
    throw new Error(`the confirmation tolerance must be positive and below fmax (${fmax} eV/Å), got ${confirmFmax}`);
  }
  const jobs: (number | null)[] = [null, ...atoms];
  const strainedBox = shearedBox(pre.box, options.direction, options.step);
  // Every slot starts from the affinely strained pre-event state, which D_f is measured from.
  const strained = { positions: fromFixedPoint(strainedBox, toFixedPoint(pre.box, pre.positions, types)), box: strainedBox };

  const wanted = Math.min(options.slots ?? jobs.length, jobs.length);
  const lists = options.lists ?? defaultFrozenLists(device);
  const { engine, minimizer } = await relaxerWithRoom(device, tables, types, strained, masses, wanted, {
    skin: options.skin ?? FROZEN_SKIN[lists],
    lists,
    minimize: { ...options.minimize, fmax },
  });
  const slots = engine.nreplicas;
  const meter = await DisplacementMeter.create(device, engine.state);
  let restarts = 0;
  let preStress: number[] | undefined;
  try {
    meter.markNow();
    const slotJob: (number | null | undefined)[] = new Array(slots).fill(undefined);
    // The relaxation to fmax of a slot now confirming it.
    const firstPass: (FrozenReplica | undefined)[] = new Array(slots).fill(undefined);
    let next = 0;
    for (let s = 0; s < slots; s++) {
      slotJob[s] = jobs[next];
      minimizer.setFrozen(s, jobs[next] === null ? [] : [jobs[next]!]);
      next++;
    }
    minimizer.start();
    const relaxStart = performance.now();
    // Say at once what is coming: the first status read is a whole batch away.
    onProgress?.({ done: 0, total: jobs.length, elapsedS: (performance.now() - t0) / 1000, etaS: null, etaGuess: true, finished: [] });
    const results = new Map<number | null, FrozenReplica>();
    const every = options.checkEvery ?? 100;
    const submit = () =>
      minimizer.submit(
        every,
        (pass) => {
          engine.totals.encode(pass);
          meter.encode(pass);
        },
        [engine.totals.range(), meter.range()],
      );
    // Batch k + 1 runs while batch k is read, so the GPU never waits for the host. What the host
    // writes after reading batch k (a refilled slot) takes effect in batch k + 2: slot s reports
    // from batch since[s] on, and earlier reports of it are stale.
    const since = new Array<number>(slots).fill(0);
    let pending = submit();
    for (let batch = 0; results.size < jobs.length; batch++) {
      const following = submit();
      // The f64 pre-event stress, which drops are measured from, while the GPU runs the first batches.
      preStress ??= evaluateEam(tables, pre.box, pre.positions, types).pressure.map((p) => -p * BAR_TO_MPA);
      const tauPre = resolvedShearStress(preStress, options.direction);
      const { statuses, extra, repeat } = await pending.result().catch((e: unknown) => {
        following.discard();
        throw e;
      });
      pending = following;
      if (repeat) since.fill(batch + 2);
      const totals = engine.totals.decode(extra[0]);
      const moved = meter.decode(extra[1]);
      const current = (s: number) => slotJob[s] !== undefined && since[s] <= batch;
      const dropOf = (s: number) => tauPre - resolvedShearStressOfPressure(totalsPressure(totals[s], strainedBox), options.direction);
      // A confirming relaxation whose stress has fallen is having the event: that is all it was for.
      const eventUnderWay = (s: number) => firstPass[s] !== undefined && statuses[s].stop === null && dropOf(s) > drop;
      const finished = statuses.map((st, s) => (current(s) && (st.stop !== null || eventUnderWay(s)) ? s : -1)).filter((s) => s >= 0);
      const ended: FrozenReplica[] = [];
      if (finished.length > 0) {
        const encoder = device.createCommandEncoder({ label: 'refill slots' });
        const refills: number[] = [];
        const confirming: number[] = [];
        const halted: number[] = [];
        for (const s of finished) {
          if (statuses[s].stop === 'outgrown') {
            restarts++;
            meter.restore(encoder, s, s);
            firstPass[s] = undefined;
            refills.push(s);
            continue;
          }
          const dropMPa = dropOf(s);
          const st = statuses[s];
          if (st.stop === null) halted.push(s);
          const job = slotJob[s]!;
          const first = firstPass[s];
          firstPass[s] = undefined;
          const replica: FrozenReplica = first
            ? { ...first, marginal: dropMPa > drop, confirmIterations: st.iterations }
            : {
                atom: job,
                df: moved[s].norm,
                dfMax: moved[s].max,
                eventHappened: dropMPa > drop,
                dropMPa,
                stop: st.stop!,
                converged: st.stop === 'converged' || st.stop === 'stalled',
                iterations: st.iterations,
                energy: totals[s].energy,
                marginal: false,
                confirmIterations: 0,
              };
          // A stalled relaxation is as tight as f32 allows already.
          if (!first && confirmFmax !== null && st.stop === 'converged' && !replica.eventHappened) {
            firstPass[s] = replica;
            confirming.push(s);
            continue;
          }
          results.set(job, replica);
          ended.push(replica);
          if (job === null && !replica.eventHappened) {
            pending.discard();
            throw new NoEventError(
              `the relaxation with nothing frozen shows no event: its ${options.direction} shear stress ${replica.dropMPa >= 0 ? 'fell' : 'rose'} by ${Math.abs(replica.dropMPa).toFixed(3)} MPa ` +
                `(an event needs more than ${drop} MPa)` +
                (replica.marginal
                  ? ` at fmax ${fmax} eV/Å, but relaxed on towards ${confirmFmax} eV/Å it has the event: the event needs a tighter tolerance, use an fmax of ${confirmFmax} or below`
                  : '; start from the relaxed state one step before an event, with that event\'s direction and step'),
            );
          }
          if (next < jobs.length) {
            slotJob[s] = jobs[next++];
            meter.restore(encoder, s, s);
            refills.push(s);
          } else {
            slotJob[s] = undefined;
          }
        }
        device.queue.submit([encoder.finish()]);
        for (const s of refills) {
          const job = slotJob[s]!;
          minimizer.setFrozen(s, job === null ? [] : [job]);
          minimizer.restart(s);
          since[s] = batch + 2;
        }
        // From where the relaxation to fmax stopped.
        for (const s of confirming) {
          minimizer.restart(s, confirmFmax!);
          since[s] = batch + 2;
        }
        for (const s of halted) if (slotJob[s] === undefined) minimizer.halt(s);
        engine.visitOnly(slotJob.flatMap((job, s) => (job !== undefined && (statuses[s].stop === null || since[s] > batch) ? [s] : [])));
      }
      const etaS = secondsLeft({
        finished: [...results.values()].map((r) => r.iterations),
        running: slotJob.flatMap((job, s) => (job === undefined ? [] : [current(s) ? statuses[s].iterations : 0])),
        queued: jobs.length - next,
        elapsedS: (performance.now() - relaxStart) / 1000,
        typical: FROZEN_TYPICAL_ITERATIONS,
      });
      onProgress?.({ done: results.size, total: jobs.length, elapsedS: (performance.now() - t0) / 1000, etaS, etaGuess: results.size === 0, finished: ended });
      if (signal?.aborted) pending.discard();
      throwIfAborted(signal);
    }
    pending.discard();
    return {
      unfrozen: results.get(null)!,
      frozen: atoms.map((i) => results.get(i)!),
      preStress: preStress!,
      strainedBox,
      slots,
      restarts,
      skin: engine.skin,
      lists,
      confirmFmax,
      wallS: (performance.now() - t0) / 1000,
    };
  } finally {
    meter.destroy();
    minimizer.destroy();
    engine.destroy();
  }
}

/** An engine and its minimiser with as many replica slots as asked, or as many as the adapter's buffers hold. */
async function relaxerWithRoom(
  device: GPUDevice,
  tables: EamTables,
  types: Int32Array,
  start: { positions: Float64Array; box: Box },
  masses: readonly number[],
  slots: number,
  options: ForceEngineOptions & { minimize: MinimizeOptions },
): Promise<{ engine: ForceEngine; minimizer: Minimizer }> {
  for (let n = slots; ; n = Math.floor(n / 2)) {
    let engine: ForceEngine | undefined;
    try {
      engine = await ForceEngine.create(device, tables, types, start.positions, start.box, n, options);
      return { engine, minimizer: await Minimizer.create(engine, masses, options.minimize) };
    } catch (e) {
      engine?.destroy();
      if (!(e instanceof CapacityError) || n <= 1) throw e;
    }
  }
}
