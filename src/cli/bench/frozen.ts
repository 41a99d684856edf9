import { classifyDf, robustCore } from '../../analysis/dfClassify';
import type { EamTables } from '../../potential/tables';
import { CONFIRM_FACTOR, frozenAtomAnalysis, FROZEN_DROP, FROZEN_FMAX, type FrozenLists } from '../../protocols/frozenAtoms';
import type { ShearDirection } from '../../protocols/shear';
import type { AtomSystem } from '../../system/system';
import type { LammpsFrozen, LammpsRelaxation } from '../lammps';
import { resolvedShearStress, resolvedShearStressOfPressure } from '../../protocols/shear';
import { formatTable } from '../table';
import { MIN_DEFAULTS } from '../../engine/minimizer';

/** The first −xy event of the shipped default glass (public/samples/README.md). */
export const DEFAULT_EVENT = { file: 'public/samples/cu50zr50_2000_mxy_event1_pre.data', direction: '-xy', step: 5e-5 };

export interface FrozenTiming {
  readonly lists: FrozenLists;
  /** 1: on a fresh device, pipelines compiled within the time; later runs reuse them. */
  readonly run: number;
  readonly natoms: number;
  readonly replicas: number;
  readonly slots: number;
  readonly seconds: number;
  /** Until the first iteration was submitted: pipelines, lists, buffers. */
  readonly setupSeconds: number;
  /** From the status read that found 95 % of the relaxations done to the end: the slowest few. */
  readonly tailSeconds: number;
  readonly coreSize: number;
  /** Ids (as in the data file) of the core atoms. */
  readonly coreIds: number[];
  readonly dfUnfrozen: number;
  readonly iterationsPerReplica: number;
  /** Of the longest relaxation. */
  readonly mostIterations: number;
  readonly restarts: number;
  /** Every relaxation, for the comparison with LAMMPS: id 0 is the one with nothing frozen. */
  readonly relaxations: readonly { readonly id: number; readonly df: number; readonly eventHappened: boolean; readonly marginal: boolean }[];
  /** Atoms whose relaxation went through the event only when confirmed (FrozenReplica.marginal). */
  readonly marginal: number;
  /** Resolved shear stress of the pre-event state, MPa, which drops are measured from. */
  readonly tauPre: number;
  readonly direction: ShearDirection;
}

export async function timeFrozen(
  device: GPUDevice,
  tables: EamTables,
  event: AtomSystem,
  direction: ShearDirection,
  step: number,
  count: number,
  lists: FrozenLists,
  run: number,
): Promise<FrozenTiming> {
  const atoms = Array.from({ length: count }, (_, i) => i);
  // The analysis reports once before submitting its first iteration.
  let setupSeconds: number | null = null;
  let mostDoneAt: number | null = null;
  const r = await frozenAtomAnalysis(device, tables, event.types, event, tables.masses, { direction, step, atoms, lists }, (p) => {
    setupSeconds ??= p.elapsedS;
    if (mostDoneAt === null && p.done >= 0.95 * p.total) mostDoneAt = p.elapsedS;
  });
  const c = classifyDf(Float64Array.from(r.frozen, (x) => x.df), 'gap', undefined, r.unfrozen.df);
  // The confirming relaxations are work done too.
  const all = [r.unfrozen, ...r.frozen];
  const iterations = all.reduce((a, x) => a + x.iterations + x.confirmIterations, 0);
  return {
    lists,
    run,
    natoms: event.natoms,
    replicas: count + 1,
    slots: r.slots,
    seconds: r.wallS,
    setupSeconds: setupSeconds!,
    tailSeconds: r.wallS - (mostDoneAt ?? r.wallS),
    coreSize: c.core.length,
    coreIds: c.core.map((k) => event.ids[atoms[k]]),
    dfUnfrozen: r.unfrozen.df,
    iterationsPerReplica: iterations / (count + 1),
    mostIterations: all.reduce((m, x) => Math.max(m, x.iterations + x.confirmIterations), 0),
    restarts: r.restarts,
    relaxations: all.map((x) => ({ id: x.atom === null ? 0 : event.ids[x.atom], df: x.df, eventHappened: x.eventHappened, marginal: x.marginal })),
    marginal: all.filter((x) => x.marginal).length,
    tauPre: resolvedShearStress(r.preStress, direction),
    direction,
  };
}

export type CoreAgreement = 'the same' | 'the same but for marginal atoms' | 'not the same';

export interface LammpsComparison {
  /** The largest difference of D_f at fmax where the event outcome there is the same, Å. */
  readonly maxDf: number;
  /** Ids whose outcome at fmax differs, but for those in `differMarginal`, which STZ Lab found marginal: the tolerance, not the held atom, decides there. */
  readonly differ: number[];
  readonly differMarginal: number[];
  /** Ids whose outcome differs once both confirmed the relaxations without the event. */
  readonly differConfirmed: number[];
  /** The core from LAMMPS's D_f at fmax, its size and how STZ Lab's compares with it. */
  readonly lammpsCore: number;
  readonly core: CoreAgreement;
  /** Ids LAMMPS's confirmation found marginal. */
  readonly lammpsMarginal: number[];
  /** LAMMPS's core less its marginal atoms, its size and whether STZ Lab's robust core is the same. */
  readonly lammpsRobustCore: number;
  readonly robustCore: 'the same' | 'not the same';
}

/** How LAMMPS's relaxations, confirmed the same way (LammpsConfirm), compare with these. */
export function compareWithLammps(f: FrozenTiming, lammps: readonly LammpsRelaxation[], drop = FROZEN_DROP): LammpsComparison {
  const byId = new Map(lammps.map((x) => [x.id, x]));
  const event = (pressure: readonly number[]) => f.tauPre - resolvedShearStressOfPressure(pressure, f.direction) > drop;
  let maxDf = 0;
  const differ: number[] = [];
  const differMarginal: number[] = [];
  const differConfirmed: number[] = [];
  // Per relaxation of f.relaxations.
  const theirsMarginal: boolean[] = [];
  for (const mine of f.relaxations) {
    const theirs = byId.get(mine.id);
    if (!theirs) throw new Error(`LAMMPS did not report the relaxation with ${mine.id === 0 ? 'nothing' : `atom ${mine.id}`} held`);
    const theirsEvent = event(theirs.pressure);
    const confirmedEvent = theirs.confirmed !== null && event(theirs.confirmed.pressure);
    theirsMarginal.push(confirmedEvent);
    if (theirsEvent === mine.eventHappened) maxDf = Math.max(maxDf, Math.abs(mine.df - theirs.df));
    else (mine.marginal ? differMarginal : differ).push(mine.id);
    if ((theirsEvent || confirmedEvent) !== (mine.eventHappened || mine.marginal)) differConfirmed.push(mine.id);
  }
  const frozen = f.relaxations.slice(1).map((x) => x.id);
  const c = classifyDf(Float64Array.from(frozen, (id) => byId.get(id)!.df), 'gap', undefined, byId.get(0)!.df);
  const lammpsCore = c.core.map((k) => frozen[k]);
  const lammpsMarginal = frozen.filter((_, k) => theirsMarginal[k + 1]);
  const marginal = f.relaxations.filter((x) => x.marginal).map((x) => x.id);
  const apart = symmetricDifference(lammpsCore, f.coreIds);
  const core: CoreAgreement = apart.length === 0 ? 'the same' : apart.every((id) => marginal.includes(id)) ? 'the same but for marginal atoms' : 'not the same';
  const theirsRobust = robustCore(c.core, theirsMarginal.slice(1)).map((k) => frozen[k]);
  const robustApart = symmetricDifference(theirsRobust, f.coreIds.filter((id) => !marginal.includes(id)));
  return { maxDf, differ, differMarginal, differConfirmed, lammpsCore: lammpsCore.length, core, lammpsMarginal, lammpsRobustCore: theirsRobust.length, robustCore: robustApart.length === 0 ? 'the same' : 'not the same' };
}

function symmetricDifference(a: readonly number[], b: readonly number[]): number[] {
  return a.filter((x) => !b.includes(x)).concat(b.filter((x) => !a.includes(x)));
}

/** `absent`: why there is no LAMMPS comparison, printed where `lammps` is null. */
export function frozenTable(timings: readonly FrozenTiming[], file: string, lammps: LammpsFrozen | null, absent: string): string {
  const header = ['lists', 'run', 'atoms', 'replicas', 'slots', 's', 'setup s', 'last 5 % s', 'iterations/replica', 'most iterations', 'restarts', 'core', 'marginal', 'D_f unfrozen Å', 'LAMMPS s', 'LAMMPS iterations/replica', 'speed-up', 'per iteration', 'D_f vs LAMMPS Å', 'outcome differs', 'LAMMPS core', 'LAMMPS marginal', 'confirmed outcome differs', 'LAMMPS robust core'];
  const table = formatTable(
    header,
    timings.map((f) => {
      const vs = lammps ? compareWithLammps(f, lammps.relaxations) : null;
      return [
      f.lists,
      String(f.run),
      String(f.natoms),
      String(f.replicas),
      String(f.slots),
      f.seconds.toFixed(2),
      f.setupSeconds.toFixed(2),
      f.tailSeconds.toFixed(2),
      f.iterationsPerReplica.toFixed(0),
      String(f.mostIterations),
      String(f.restarts),
      String(f.coreSize),
      String(f.marginal),
      f.dfUnfrozen.toFixed(3),
      lammps ? lammps.seconds.toFixed(2) : 'n/a',
      lammps ? (lammps.iterations / lammps.relaxations.length).toFixed(0) : 'n/a',
      lammps ? `${(lammps.seconds / f.seconds).toFixed(2)}x` : 'n/a',
      lammps ? `${(lammps.seconds / lammps.iterations / (f.seconds / (f.iterationsPerReplica * f.replicas))).toFixed(2)}x` : 'n/a',
      vs ? vs.maxDf.toExponential(1) : 'n/a',
      vs ? outcomesDiffering(vs.differ, vs.differMarginal) : 'n/a',
      vs ? `${vs.lammpsCore}, ${vs.core}` : 'n/a',
      vs ? String(vs.lammpsMarginal.length) : 'n/a',
      vs ? (vs.differConfirmed.length > 0 ? vs.differConfirmed.join(' ') : 'none') : 'n/a',
      vs ? `${vs.lammpsRobustCore}, ${vs.robustCore}` : 'n/a',
    ];
    }),
  );
  const note = lammps
    ? `LAMMPS (lmp): the same relaxations dealt out to ${lammps.processes} process${lammps.processes === 1 ? '' : 'es'} side by side (its time is the slowest one's), ` +
      'fix setforce on the frozen atom, FIRE, min_modify norm inf.\n' +
      `LAMMPS has no stall rule: ${lammps.capped} of its ${lammps.runs} minimisations (relaxations and confirmations) ran to the ${MIN_DEFAULTS.maxIterations}-iteration cap on the cutoff kink ` +
      `and ${lammps.uphill} ended on FIRE's limit of consecutive uphill steps, ` +
      'so "per iteration" also compares the time of one relaxation iteration.\n' +
      '"D_f vs LAMMPS": the largest difference of D_f over the relaxations with the same outcome; "outcome differs": the held atoms (0: none held) whose relaxation has the event in one and not the other, at fmax.\n' +
      `"marginal": relaxations that stopped the event at fmax and went through it when continued to fmax × ${CONFIRM_FACTOR}; LAMMPS's are continued the same way (a second minimize from where the first stopped), and its time includes them. ` +
      '"confirmed outcome differs": the held atoms whose relaxation has the event, at fmax or when confirmed, in one and not the other; "robust core": the core less its marginal atoms.'
    : absent;
  return `Frozen-atom analysis of ${file}, fmax ${FROZEN_FMAX.toExponential(0)} eV/Å (whole analysis, setup included; run 1 on a fresh device, compiling its pipelines; "last 5 %": from the status read that found 95 % of the relaxations done to the end)\n\n${table}\n${note}`;
}

function outcomesDiffering(differ: readonly number[], marginal: readonly number[]): string {
  const parts = [...(differ.length > 0 ? [differ.join(' ')] : []), ...(marginal.length > 0 ? [`marginal ${marginal.join(' ')}`] : [])];
  return parts.length === 0 ? 'none' : parts.join('; ');
}
