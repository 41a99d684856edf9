import { join, resolve } from 'node:path';
import { writeExtXyz } from '../../io/extxyz';
import { classifyDf, coreWithEvent, robustCore, type DfMethod } from '../../analysis/dfClassify';
import { CONFIRM_FACTOR, frozenAtomAnalysis, FROZEN_FMAX, FROZEN_SKIN, NoEventError, type FrozenLists, type FrozenReplica } from '../../protocols/frozenAtoms';
import { numberOption, optional, parseArgs, UsageError } from '../args';
import { EVENT_HELP, EVENT_OPTIONS, eventStep } from '../eventOptions';
import { eventDescriptors, type EventDescriptors } from '../../analysis/eventDescriptors';
import { descriptorProperties, descriptorSummary, manyBondChanges } from '../descriptorOutput';
import { sameAtoms } from './descriptors';
import { bindToSample, inputHelp, INPUT_OPTIONS, loadPotential, loadSample, potentialFiles } from '../inputs';
import { cliDevice } from '../gpu';
import { progress, writeOutput } from '../output';
import { MINIMIZE_OPTIONS, minimizeHelp, minimizeOptions } from '../minimizeOptions';
import { parseAtomList } from '../atomList';
import { formatDuration } from '../../protocols/timeLeft';
import { dfCsv, DfFile, type DfRow } from '../dfRows';

export const FROZEN_HELP = `stz-lab frozen: frozen-atom analysis of a plastic event, every atom frozen in its own replica

usage: stz-lab frozen [--potential FILE] --data PRE.data --direction -xy --step 5e-5 [--atoms LIST]
                      [--fmax X] [--confirm-fmax X|none] [--drop 0.5] [--threshold gap|paper|D]
                      [--post POST.data] [--resume] --out DIR

${inputHelp(`  --data FILE        the relaxed state one step before the event (aqs writes it as event_K_pre.data),
                     a LAMMPS data file or extended XYZ`)}
${EVENT_HELP}
  --atoms LIST       atom ids to analyse, e.g. 1,7,20-40 (default: every atom)
${minimizeHelp(FROZEN_FMAX)}
  --confirm-fmax X   a relaxation that converged without the event goes on to X eV/Å (default
                     fmax × ${CONFIRM_FACTOR}); an atom whose relaxation has the event then is marginal: it
                     slowed the event down below fmax rather than stopping it. none: no confirmation
  --drop MPa         a relaxation whose shear stress falls below the pre-event state by more than this
                     had the event (default 0.5)
  --threshold T      the STZ core: gap (default: below the widest gap under the bulk peak of the
                     log-histogram), paper (D_f < 0.5 Å) or a D_f in Å
  --slots N          replicas relaxing side by side (default: all, or as many as the adapter holds);
                     a finished slot takes the next atom at once
  --skin S           Verlet skin in Å (default ${FROZEN_SKIN.shared} with shared lists, ${FROZEN_SKIN['per-replica']} with per-replica
                     ones): larger means fewer list rebuilds while atoms move in the event, more
                     pairs per force evaluation
  --lists L          shared: one candidate list per atom for every replica, each replica with its
                     own mask over it; per-replica: Verlet lists of its own for each replica. Both
                     are exact; the default is the faster one on the adapter: shared on a GPU,
                     per-replica on a CPU one such as SwiftShader (stz-lab bench --frozen-lists)
  --out DIR          df.csv (id,type,df,event_happened,converged,iterations,marginal), summary.json
                     and df.extxyz (the pre-event state with D_f, core and marginal columns, for OVITO). While it runs,
                     df.partial.csv gets each row as its relaxation ends, so a cancelled or killed
                     run keeps them; a finished run removes it
  --post FILE        the relaxed state after the event (aqs's event_K_post.data): df.extxyz then also
                     has D²min, von Mises stress and bond changes (as stz-lab descriptors writes
                     them) and summary.json a "descriptors" part, with the core atoms among those
                     with three or more bond changes
  --resume           go on with the interrupted run in --out: the atoms in its df.partial.csv are
                     not analysed again (the inputs must be those of df.partial.json there)

D_f(i) = sqrt(Σ_j |x_j(relaxed) − x_j(affine)|²) of the relaxation with atom i held at its affinely
strained position. Progress (replicas done, time left) goes to stderr; Ctrl-C cancels.`;

export function parseListsOption(text: string, option: string): FrozenLists {
  if (text !== 'shared' && text !== 'per-replica') throw new UsageError(`${option} takes shared or per-replica, got '${text}'`);
  return text;
}

export async function frozenCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    ...INPUT_OPTIONS,
    ...MINIMIZE_OPTIONS,
    ...EVENT_OPTIONS,
    atoms: { value: true },
    drop: { value: true },
    threshold: { value: true },
    slots: { value: true },
    skin: { value: true },
    lists: { value: true },
    'confirm-fmax': { value: true },
    out: { value: true },
    resume: { value: false },
    post: { value: true },
  });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const { direction, step } = eventStep(args);
  const drop = numberOption(args, 'drop', 0.5, (v) => v > 0, 'a positive stress drop in MPa');
  const out = optional(args, 'out');
  if (out === undefined) throw new UsageError('--out is required');
  const thresholdText = optional(args, 'threshold') ?? 'gap';
  let method: DfMethod = 'gap';
  let userThreshold: number | undefined;
  if (thresholdText === 'paper') method = 'fixed';
  else if (thresholdText !== 'gap') {
    method = 'user';
    userThreshold = numberOption(args, 'threshold', 0, (v) => v > 0, "gap, paper or a positive D_f in Å");
  }
  const minimize = minimizeOptions(args, FROZEN_FMAX);
  const fmax = minimize.fmax!;
  const confirmText = optional(args, 'confirm-fmax');
  const confirmFmax =
    confirmText === 'none'
      ? null
      : confirmText === undefined
        ? fmax * CONFIRM_FACTOR
        : numberOption(args, 'confirm-fmax', 0, (v) => v > 0 && v < fmax, `none or a force below --fmax (${fmax} eV/Å)`);
  const slotsText = optional(args, 'slots');
  const slots = slotsText === undefined ? undefined : numberOption(args, 'slots', 0, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const skin = optional(args, 'skin') === undefined ? undefined : numberOption(args, 'skin', 0, (v) => v > 0 && v < 3, 'a skin between 0 and 3 Å');
  const listsText = optional(args, 'lists');
  const lists = listsText === undefined ? undefined : parseListsOption(listsText, '--lists');
  const pot = loadPotential(args);
  const { system, path } = loadSample(args);
  const tables = bindToSample(pot, system, path);
  // Computed before the relaxations, so that a post-event file that does not fit fails at once.
  let descriptors: EventDescriptors | undefined;
  if (optional(args, 'post') !== undefined) {
    const post = loadSample(args, 'post');
    sameAtoms(system, post.system, path, post.path);
    descriptors = eventDescriptors(tables, system.types, system, post.system, direction, step);
  }
  const atomsText = optional(args, 'atoms');
  const atoms = atomsText === undefined ? undefined : parseAtomList(atomsText, system.ids);

  // What the rows of df.csv depend on: a resumed run must have the same.
  const inputs = {
    data: resolve(path),
    potential: potentialFiles(args).map((f) => resolve(f)),
    direction,
    step,
    drop,
    fmax,
    confirm_fmax: confirmFmax,
    method: minimize.method,
    max_iterations: minimize.maxIterations,
  };
  const requested = atoms ?? Array.from({ length: system.natoms }, (_, i) => i);
  const file = args.flags.has('resume') ? DfFile.resume(out, inputs, system.ids) : DfFile.start(out, inputs);
  const indexOfId = new Map(Array.from(system.ids, (id, i) => [id, i]));
  const earlier = [...file.earlier.keys()].map((id) => indexOfId.get(id)!);
  const todo = requested.filter((i) => !file.earlier.has(system.ids[i]));
  if (file.earlier.size > 0) progress(`frozen: resuming, ${file.earlier.size} atoms already in ${join(out, 'df.partial.csv')}, ${todo.length} to analyse`);
  const rowOf = (r: FrozenReplica): DfRow => ({
    id: system.ids[r.atom!],
    type: system.types[r.atom!] + 1,
    df: r.df,
    eventHappened: r.eventHappened,
    converged: r.converged,
    iterations: r.iterations,
    marginal: r.marginal,
  });

  const gpu = await cliDevice();
  const controller = new AbortController();
  const cancel = () => controller.abort(new Error(`cancelled; the finished relaxations are in ${join(out, 'df.partial.csv')} (--resume goes on from there)`));
  process.once('SIGINT', cancel);
  let lastReport = 0;
  try {
    const result = await frozenAtomAnalysis(
      gpu.device,
      tables,
      system.types,
      system,
      tables.masses,
      { direction, step, atoms: todo, drop, minimize, confirmFmax, slots, skin, lists },
      (p) => {
        file.append(p.finished.filter((r) => r.atom !== null).map(rowOf));
        if (p.done === p.total || performance.now() - lastReport > 1000) {
          lastReport = performance.now();
          progress(`frozen: ${p.done} / ${p.total} replicas, ${p.elapsedS.toFixed(1)} s${p.etaS === null ? '' : `, about ${formatDuration(p.etaS)} left${p.etaGuess ? ' (a first guess)' : ''}`}`);
        }
      },
      controller.signal,
    ).catch((e: unknown) => {
      // Rows of relaxations that had no event to stop mean nothing.
      if (e instanceof NoEventError) file.remove();
      throw e;
    });
    const computed = new Map(result.frozen.map((r) => [r.atom!, rowOf(r)]));
    // The order asked for, then atoms of the earlier run that were not asked for this time.
    const asked = new Set(requested);
    const analysed = [...requested, ...earlier.filter((i) => !asked.has(i))];
    const rows = analysed.map((i) => computed.get(i) ?? file.earlier.get(system.ids[i])!);
    writeOutput(join(out, 'df.csv'), dfCsv(rows));
    const df = Float64Array.from(rows, (r) => r.df);
    const c = classifyDf(df, method, userThreshold, result.unfrozen.df);
    const dfColumn = new Float64Array(system.natoms).fill(-1);
    analysed.forEach((i, k) => (dfColumn[i] = rows[k].df));
    const coreColumn = new Int32Array(system.natoms);
    for (const k of c.core) coreColumn[analysed[k]] = 1;
    const marginalColumn = new Int32Array(system.natoms);
    analysed.forEach((i, k) => (marginalColumn[i] = Number(rows[k].marginal)));
    const idsOf = (ks: readonly number[]) => ks.map((k) => rows[k].id);
    const robust = robustCore(c.core, rows.map((r) => r.marginal));
    const coreIdsWithEvent = idsOf(coreWithEvent(c.core, rows.map((r) => r.eventHappened)));
    writeOutput(
      join(out, 'df.extxyz'),
      writeExtXyz(system, {
        properties: [
          { name: 'df', components: 1, kind: 'real', values: dfColumn },
          { name: 'stz_core', components: 1, kind: 'int', values: coreColumn },
          { name: 'marginal', components: 1, kind: 'int', values: marginalColumn },
          ...(descriptors ? descriptorProperties(descriptors) : []),
        ],
      }),
    );
    const unconverged = rows.filter((r) => !r.converged).length + (result.unfrozen.converged ? 0 : 1);
    const summary = {
      natoms: system.natoms,
      analysed: analysed.length,
      rows_from_earlier_run: file.earlier.size,
      df_unfrozen: result.unfrozen.df,
      drop_unfrozen_MPa: result.unfrozen.dropMPa,
      threshold: c.threshold,
      threshold_method: method,
      gap: c.gap,
      core_ids: idsOf(c.core),
      core_size: c.core.length,
      marginal_ids: rows.filter((r) => r.marginal).map((r) => r.id),
      robust_core_ids: idsOf(robust),
      confirm_fmax: confirmFmax,
      peak_df: c.peak,
      peak_range: c.peakRange,
      groups: c.groups,
      events_stopped: rows.filter((r) => !r.eventHappened).length,
      core_ids_with_event: coreIdsWithEvent,
      unconverged,
      direction,
      step,
      fmax,
      slots: result.slots,
      lists: result.lists,
      skin: result.skin,
      restarts: result.restarts,
      wall_s: result.wallS,
      adapter: gpu.adapterName,
      ...(descriptors && {
        descriptors: {
          ...descriptorSummary(descriptors, system.ids),
          core_ids_with_3_or_more_bond_changes: manyBondChanges(descriptors).filter((i) => coreColumn[i] === 1).map((i) => system.ids[i]),
        },
      }),
    };
    writeOutput(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    file.remove();
    progress(
      `frozen: core ${c.core.length} atom${c.core.length === 1 ? '' : 's'} (threshold ${c.threshold.toFixed(4)} Å, ${c.gap ? `gap ${c.gap[0].toFixed(4)}–${c.gap[1].toFixed(4)} Å` : 'no gap'}), ` +
        (confirmFmax === null ? '' : `${marginalPhrase(c.core.length - robust.length, confirmFmax)}, `) +
        `D_f unfrozen ${result.unfrozen.df.toFixed(4)} Å, ${result.wallS.toFixed(2)} s`,
    );
    if (coreIdsWithEvent.length > 0) {
      progress(
        `frozen: warning: the event happened with ${coreIdsWithEvent.length === 1 ? 'core atom' : `${coreIdsWithEvent.length} of the core atoms`} ${coreIdsWithEvent.join(' ')} held, ` +
          `so the threshold of ${c.threshold.toPrecision(3)} Å separates no STZ core (too high, or a subset of atoms without core atoms); core_ids_with_event in summary.json`,
      );
    }
    if (unconverged > 0) throw new Error(`${unconverged} relaxation(s) did not converge (converged=0 in df.csv); the results are written`);
    return 0;
  } finally {
    process.off('SIGINT', cancel);
    gpu.device.destroy();
  }
}

/** How many core atoms the confirmation at `confirmFmax` found marginal, for the closing line. */
function marginalPhrase(marginal: number, confirmFmax: number): string {
  if (marginal === 0) return `none marginal (the event stopped again at ${confirmFmax} eV/Å)`;
  return `${marginal} of them marginal (the event happens with ${marginal === 1 ? 'it' : 'them'} held at ${confirmFmax} eV/Å)`;
}
