import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MIN_DEFAULTS } from '../../engine/minimizer';
import { readLammpsData } from '../../io/lammpsData';
import { findPairs } from '../../oracle/pairs';
import { AQS_FMAX } from '../../protocols/aqs';
import { CONFIRM_FACTOR, defaultFrozenLists, FROZEN_DROP, FROZEN_FMAX } from '../../protocols/frozenAtoms';
import { parseDirection, SHEAR_DIRECTIONS } from '../../protocols/shear';
import type { AtomSystem } from '../../system/system';
import { numberOption, optional, parseArgs, UsageError } from '../args';
import { aqsTable, timeAqs } from '../bench/aqs';
import { forceTable, timeReplicas, type BenchRow } from '../bench/forces';
import { DEFAULT_EVENT, frozenTable, timeFrozen, type FrozenTiming } from '../bench/frozen';
import { MD_TEMPERATURE, mdTable, timeMd } from '../bench/md';
import { profileIteration, profileTable, type KernelTiming } from '../bench/profile';
import { cliDevice } from '../gpu';
import { bindToSample, INPUT_HELP, INPUT_OPTIONS, loadPotential, loadSample, packageRoot, potentialFiles } from '../inputs';
import { lammpsAqs, lammpsAvailable, lammpsFrozen, lammpsNvt, type LammpsFrozen, type LammpsSystem, type LammpsTiming } from '../lammps';
import { progress, writeOutput } from '../output';
import { parseListsOption } from './frozen';

export const BENCH_HELP = `stz-lab bench: speed of the GPU engine

usage: stz-lab bench [--potential FILE] [--data FILE] [--replicas 1,64,512,2001] [--seconds S]
                     [--aqs-steps N] [--md-steps N] [--event PRE.data --event-direction D --event-step S]
                     [--event-atoms N] [--frozen-lists shared,per-replica] [--frozen-runs N] [--profile R]
                     [--profile-lists L] [--lammps-processes N] [--no-lammps] [--json OUT.json]

${INPUT_HELP}
  --replicas LIST    replica counts to time (default 1,64,512,2001)
  --seconds S        time spent measuring each size (default 2)
  --aqs-steps N      AQS steps (−xy, 5e-5, fmax ${AQS_FMAX.toExponential(0)}) to time for 1 and 6 directions (default 20;
                     0 skips); where LAMMPS (lmp) is installed, it runs the same steps for a ratio
  --md-steps N       NVT MD steps (2000 K, 1 fs) to time for 1 and 64 replicas (default 1000; 0 skips),
                     and LAMMPS for the same steps where it is installed
  --event FILE       frozen-atom analysis of this pre-event state (default: the shipped first −xy event
                     of the default glass, ${DEFAULT_EVENT.file}); --event-direction and --event-step
                     give its direction and step (default −xy, 5e-5)
  --event-atoms N    analyse the first N atoms (default all: N + 1 replicas); LAMMPS, where installed,
                     runs the same relaxations with fix setforce
  --frozen-lists L   neighbour lists of the frozen-atom analysis to time, one row each: shared,
                     per-replica or both (default: the analysis's own choice for the adapter)
  --frozen-runs N    analyses timed one after the other for each kind of lists (default 1). The first
                     runs on a device of its own, so its time includes compiling the pipelines, as
                     for a first analysis; the next ones reuse them, as a later analysis in the app does
  --profile R        also time each group of kernels of one minimiser iteration at R replicas
  --profile-lists L  the lists of that profile: per-replica (default) or shared
  --lammps-processes N
                     LAMMPS processes the frozen-atom relaxations are dealt out to, run side by side
                     (default: one per core, ${availableParallelism()} here)
  --no-lammps        no LAMMPS comparisons, even where lmp is installed
  --json FILE        the tables as JSON

A force evaluation is the neighbour-list check and the three EAM passes for all replicas, as a
minimiser step runs them. Pair evaluations count each ordered pair within the cutoff once per
pass that reads it (density and force), so one evaluation of N atoms with n neighbours each is
2·N·n·R of them.`;

export async function benchCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { ...INPUT_OPTIONS, replicas: { value: true }, seconds: { value: true }, 'aqs-steps': { value: true }, 'md-steps': { value: true }, event: { value: true }, 'event-direction': { value: true }, 'event-step': { value: true }, 'event-atoms': { value: true }, 'frozen-lists': { value: true }, 'frozen-runs': { value: true }, profile: { value: true }, 'profile-lists': { value: true }, 'lammps-processes': { value: true }, 'no-lammps': { value: false }, json: { value: true } });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const replicaCounts = (optional(args, 'replicas') ?? '1,64,512,2001').split(',').map((w) => {
    const r = Number(w);
    if (!Number.isInteger(r) || r < 1 || r > 65535) throw new UsageError(`--replicas takes integers from 1 to 65535, got '${w}'`);
    return r;
  });
  const seconds = numberOption(args, 'seconds', 2, (v) => v > 0, 'a positive number of seconds');
  const aqsSteps = numberOption(args, 'aqs-steps', 20, (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer');
  const mdSteps = numberOption(args, 'md-steps', 1000, (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer');
  const eventFile = resolve(optional(args, 'event') ?? join(packageRoot(), DEFAULT_EVENT.file));
  const eventDirection = parseDirection(optional(args, 'event-direction') ?? DEFAULT_EVENT.direction);
  const eventStep = numberOption(args, 'event-step', DEFAULT_EVENT.step, (v) => v > 0 && v < 0.1, 'a strain step between 0 and 0.1');
  const eventAtomsText = optional(args, 'event-atoms');
  const frozenListsText = optional(args, 'frozen-lists');
  const frozenLists = frozenListsText?.split(',').map((w) => parseListsOption(w, '--frozen-lists'));
  const frozenRuns = numberOption(args, 'frozen-runs', 1, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const profileLists = parseListsOption(optional(args, 'profile-lists') ?? 'per-replica', '--profile-lists');
  const lammpsProcesses = numberOption(args, 'lammps-processes', availableParallelism(), (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const pot = loadPotential(args);
  const { system, path } = loadSample(args);
  const tables = bindToSample(pot, system, path);
  const gpu = await cliDevice();
  const pairsPerReplica = 2 * 2 * findPairs(system.box, system.positions, tables.cutoff).count;

  const rows: BenchRow[] = [];
  for (const r of replicaCounts) {
    progress(`bench: ${r} replica${r === 1 ? '' : 's'}…`);
    rows.push(await timeReplicas(gpu.device, tables, system, r, pairsPerReplica, seconds));
  }
  const profileText = optional(args, 'profile');
  let profile: KernelTiming[] = [];
  if (profileText !== undefined) {
    const r = numberOption(args, 'profile', 0, (v) => Number.isInteger(v) && v >= 1 && v <= 65535, 'a replica count from 1 to 65535');
    progress(`bench: profiling one minimiser iteration at ${r} replicas…`);
    profile = await profileIteration(gpu.device, tables, system, r, profileLists);
  }
  const aqs = [];
  if (aqsSteps > 0) {
    for (const count of [1, 6]) {
      progress(`bench: AQS, ${count} direction${count === 1 ? '' : 's'}, ${aqsSteps} steps…`);
      aqs.push(await timeAqs(gpu.device, tables, system, SHEAR_DIRECTIONS.slice(0, count), aqsSteps));
    }
  }
  const md = [];
  if (mdSteps > 0) {
    for (const replicas of [1, 64]) {
      progress(`bench: MD, ${replicas} replica${replicas === 1 ? '' : 's'}, ${mdSteps} steps…`);
      md.push(await timeMd(gpu.device, tables, system, replicas, mdSteps));
    }
  }
  const frozen: FrozenTiming[] = [];
  let event: AtomSystem | null = null;
  if (existsSync(eventFile)) {
    event = readLammpsData(readFileSync(eventFile, 'utf8'), eventFile);
    const count = eventAtomsText === undefined ? event.natoms : numberOption(args, 'event-atoms', 0, (v) => Number.isInteger(v) && v > 0 && v <= event!.natoms, `an atom count from 1 to ${event.natoms}`);
    const eventTables = bindToSample(pot, event, eventFile);
    for (const lists of frozenLists ?? [defaultFrozenLists(gpu.device)]) {
      // The timings above compiled pipelines on `gpu`: a device of its own starts cold.
      const own = await cliDevice();
      try {
        for (let run = 1; run <= frozenRuns; run++) {
          progress(`bench: frozen-atom analysis of ${count} atoms, ${lists} lists, run ${run}…`);
          frozen.push(await timeFrozen(own.device, eventTables, event, eventDirection, eventStep, count, lists, run));
        }
      } finally {
        own.device.destroy();
      }
    }
  } else {
    progress(`bench: no event file ${eventFile}: no frozen-atom analysis`);
  }
  gpu.device.destroy();
  const absent = args.flags.has('no-lammps')
    ? 'LAMMPS comparisons are off (--no-lammps).'
    : !lammpsAvailable()
      ? 'LAMMPS (lmp) is not installed: no comparison.'
      : /\.(ext)?xyz$/i.test(path)
        ? 'LAMMPS reads LAMMPS data files, not extended XYZ: no comparison.'
        : null;
  const withLammps = absent === null;
  const lammpsSystem: LammpsSystem = { dataFile: path, potentialFiles: potentialFiles(args), potential: pot, elements: system.typeNames.map((e) => e ?? '?') };
  let lammps: LammpsTiming | null = null;
  if (withLammps && aqsSteps > 0) {
    progress(`bench: LAMMPS, the same ${aqsSteps} AQS steps…`);
    lammps = await lammpsAqs(lammpsSystem, { direction: '-xy', step: 5e-5, steps: aqsSteps, fmax: AQS_FMAX, maxIterations: MIN_DEFAULTS.maxIterations });
  }
  let lammpsFrozenTiming: LammpsFrozen | null = null;
  if (withLammps && frozen.length > 0 && event) {
    const total = frozen[0].replicas;
    progress(`bench: LAMMPS, the same ${total} frozen-atom relaxations in ${lammpsProcesses} process${lammpsProcesses === 1 ? '' : 'es'}…`);
    let lastReport = 0;
    lammpsFrozenTiming = await lammpsFrozen(
      { ...lammpsSystem, dataFile: eventFile, elements: event.typeNames.map((e) => e ?? '?') },
      {
        direction: eventDirection,
        step: eventStep,
        atomIds: Array.from(event.ids.slice(0, total - 1)),
        fmax: FROZEN_FMAX,
        maxIterations: MIN_DEFAULTS.maxIterations,
        processes: lammpsProcesses,
        // Drops measured from STZ Lab's f64 pre-event stress, as its own are.
        confirm: { fmax: FROZEN_FMAX * CONFIRM_FACTOR, tauPre: frozen[0].tauPre, drop: FROZEN_DROP },
      },
      (done) => {
        if (done === total || performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          progress(`bench: LAMMPS ${done} / ${total} relaxations`);
        }
      },
    );
  }
  let lammpsMd: LammpsTiming | null = null;
  if (withLammps && mdSteps > 0) {
    progress(`bench: LAMMPS, ${mdSteps} NVT steps…`);
    lammpsMd = await lammpsNvt(lammpsSystem, { temperature: MD_TEMPERATURE, steps: mdSteps, seed: 1 });
  }

  process.stdout.write(`EAM force evaluation, ${system.natoms} atoms (${path}), ${pot.source}\nadapter: ${gpu.adapterName}\n\n${forceTable(rows, system.natoms)}\n`);
  if (profile.length > 0) process.stdout.write(`\n${profileTable(profile, Number(profileText), system.natoms, profileLists)}\n`);
  if (aqs.length > 0) process.stdout.write(`\n${aqsTable(aqs, lammps, absent ?? '')}\n`);
  if (md.length > 0) process.stdout.write(`\n${mdTable(md, lammpsMd, absent ?? '')}\n`);
  if (frozen.length > 0) process.stdout.write(`\n${frozenTable(frozen, eventFile, lammpsFrozenTiming, absent ?? '')}\n`);
  const json = optional(args, 'json');
  if (json !== undefined) {
    const report = { adapter: gpu.adapterName, natoms: system.natoms, sample: path, potential: pot.source, rows, profile, aqs, lammps, md, lammpsMd, frozen, lammpsFrozen: lammpsFrozenTiming };
    writeOutput(json, `${JSON.stringify(report, null, 2)}\n`);
  }
  return 0;
}
