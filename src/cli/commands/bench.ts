import { ForceEngine } from '../../engine/forceEngine';
import { AQS_FMAX, runAqs } from '../../protocols/aqs';
import { SHEAR_DIRECTIONS } from '../../protocols/shear';
import { MIN_DEFAULTS } from '../../engine/minimizer';
import { lammpsAqs, lammpsAvailable, lammpsFrozen, lammpsNvt, type LammpsSystem, type LammpsTiming } from '../lammps';
import { frozenAtomAnalysis, FROZEN_FMAX } from '../../protocols/frozenAtoms';
import { parseDirection } from '../../protocols/shear';
import { classifyDf } from '../../analysis/dfClassify';
import { join, resolve } from 'node:path';
import { readLammpsData } from '../../io/lammpsData';
import { existsSync, readFileSync } from 'node:fs';
import { Dynamics } from '../../engine/dynamics';
import { thermalVelocities } from '../../engine/velocities';
import { CapacityError } from '../../kernels/neighborList';
import { findPairs } from '../../oracle/pairs';
import { wrapPositions } from '../../system/box';
import type { EamTables } from '../../potential/tables';
import type { AtomSystem } from '../../system/system';
import { numberOption, optional, parseArgs, UsageError } from '../args';
import { bindToSample, INPUT_HELP, INPUT_OPTIONS, loadPotential, loadSample, packageRoot, potentialFiles } from '../inputs';
import { cliDevice } from '../gpu';
import { progress, writeOutput } from '../output';
import { formatTable } from '../table';

/** The first −xy event of the shipped default glass (public/samples/README.md). */
const DEFAULT_EVENT = { file: 'public/samples/cu50zr50_2000_mxy_event1_pre.data', direction: '-xy', step: 5e-5 };

export const BENCH_HELP = `stz-lab bench: speed of the GPU engine

usage: stz-lab bench [--potential FILE] [--data FILE] [--replicas 1,64,512,2001] [--seconds S]
                     [--aqs-steps N] [--md-steps N] [--event PRE.data --event-direction D --event-step S]
                     [--event-atoms N] [--json OUT.json]

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
  --json FILE        the tables as JSON

A force evaluation is the neighbour-list check and the three EAM passes for all replicas, as a
minimiser step runs them. Pair evaluations count each ordered pair within the cutoff once per
pass that reads it (density and force), so one evaluation of N atoms with n neighbours each is
2·N·n·R of them.`;

export interface BenchRow {
  readonly replicas: number;
  readonly skipped?: string;
  readonly msPerEvaluation?: number;
  readonly pairEvaluationsPerSecond?: number;
  readonly firstEvaluationMs?: number;
  readonly listWidth?: number;
}

export async function benchCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { ...INPUT_OPTIONS, replicas: { value: true }, seconds: { value: true }, 'aqs-steps': { value: true }, 'md-steps': { value: true }, event: { value: true }, 'event-direction': { value: true }, 'event-step': { value: true }, 'event-atoms': { value: true }, json: { value: true } });
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
  let frozen: FrozenTiming | null = null;
  let event: AtomSystem | null = null;
  if (existsSync(eventFile)) {
    event = readLammpsData(readFileSync(eventFile, 'utf8'), eventFile);
    const count = eventAtomsText === undefined ? event.natoms : numberOption(args, 'event-atoms', 0, (v) => Number.isInteger(v) && v > 0 && v <= event!.natoms, `an atom count from 1 to ${event.natoms}`);
    progress(`bench: frozen-atom analysis of ${count} atoms…`);
    frozen = await timeFrozen(gpu.device, bindToSample(pot, event, eventFile), event, eventDirection, eventStep, count);
  } else {
    progress(`bench: no event file ${eventFile}: no frozen-atom analysis`);
  }
  gpu.device.destroy();
  const withLammps = lammpsAvailable() && !/\.(ext)?xyz$/i.test(path);
  const lammpsSystem: LammpsSystem = { dataFile: path, potentialFiles: potentialFiles(args), potential: pot, elements: system.typeNames.map((e) => e ?? '?') };
  let lammps: LammpsTiming | null = null;
  if (withLammps && aqsSteps > 0) {
    progress(`bench: LAMMPS, the same ${aqsSteps} AQS steps…`);
    lammps = lammpsAqs(lammpsSystem, { direction: '-xy', step: 5e-5, steps: aqsSteps, fmax: AQS_FMAX, maxIterations: MIN_DEFAULTS.maxIterations });
  }
  let lammpsFrozenTiming: LammpsTiming | null = null;
  if (withLammps && frozen && event) {
    progress(`bench: LAMMPS, the same ${frozen.replicas} frozen-atom relaxations…`);
    lammpsFrozenTiming = lammpsFrozen(
      { ...lammpsSystem, dataFile: eventFile, elements: event.typeNames.map((e) => e ?? '?') },
      { direction: eventDirection, step: eventStep, atomIds: Array.from(event.ids.slice(0, frozen.replicas - 1)), fmax: FROZEN_FMAX, maxIterations: MIN_DEFAULTS.maxIterations },
    );
  }
  let lammpsMd: LammpsTiming | null = null;
  if (withLammps && mdSteps > 0) {
    progress(`bench: LAMMPS, ${mdSteps} NVT steps…`);
    lammpsMd = lammpsNvt(lammpsSystem, { temperature: MD_TEMPERATURE, steps: mdSteps, seed: 1 });
  }

  const header = ['replicas', 'atoms', 'ms/evaluation', 'pair evals/s', 'first eval ms', 'list width'];
  const table = formatTable(
    header,
    rows.map((row) =>
      row.skipped
        ? [String(row.replicas), String(row.replicas * system.natoms), 'skipped', '', '', '']
        : [
            String(row.replicas),
            String(row.replicas * system.natoms),
            row.msPerEvaluation!.toPrecision(4),
            row.pairEvaluationsPerSecond!.toExponential(2),
            row.firstEvaluationMs!.toFixed(0),
            String(row.listWidth),
          ],
    ),
  );
  const notes = rows.filter((r) => r.skipped).map((r) => `skipped ${r.replicas} replicas: ${r.skipped}`);
  process.stdout.write(
    `EAM force evaluation, ${system.natoms} atoms (${path}), ${pot.source}\nadapter: ${gpu.adapterName}\n\n${table}\n` +
      notes.map((n) => `${n}\n`).join(''),
  );
  if (aqs.length > 0) process.stdout.write(`\n${aqsTable(aqs, lammps)}\n`);
  if (md.length > 0) process.stdout.write(`\n${mdTable(md, lammpsMd)}\n`);
  if (frozen) process.stdout.write(`\n${frozenTable(frozen, eventFile, lammpsFrozenTiming)}\n`);
  const json = optional(args, 'json');
  if (json !== undefined) {
    const report = { adapter: gpu.adapterName, natoms: system.natoms, sample: path, potential: pot.source, rows, aqs, lammps, md, lammpsMd, frozen, lammpsFrozen: lammpsFrozenTiming };
    writeOutput(json, `${JSON.stringify(report, null, 2)}\n`);
  }
  return 0;
}

interface AqsTiming {
  readonly directions: number;
  readonly steps: number;
  readonly seconds: number;
  readonly iterationsPerStep: number;
}

/** Strain steps after the first relaxation, timed from the first step's start to the last step's end. */
async function timeAqs(device: GPUDevice, tables: EamTables, system: AtomSystem, directions: typeof SHEAR_DIRECTIONS, steps: number): Promise<AqsTiming> {
  let start = 0;
  let iterations = 0;
  await runAqs(device, tables, system.types, { positions: system.positions, box: system.box }, tables.masses, { directions, step: 5e-5, maxStrain: steps * 5e-5, drop: 0.5 }, {
    onStep: (_, s) => {
      if (s.step === 0) start = performance.now();
      else iterations += s.iterations;
    },
  });
  return { directions: directions.length, steps, seconds: (performance.now() - start) / 1000, iterationsPerStep: iterations / (steps * directions.length) };
}

interface FrozenTiming {
  readonly natoms: number;
  readonly replicas: number;
  readonly slots: number;
  readonly seconds: number;
  readonly coreSize: number;
  readonly dfUnfrozen: number;
  readonly iterationsPerReplica: number;
}

async function timeFrozen(device: GPUDevice, tables: EamTables, event: AtomSystem, direction: ReturnType<typeof parseDirection>, step: number, count: number): Promise<FrozenTiming> {
  const atoms = Array.from({ length: count }, (_, i) => i);
  const r = await frozenAtomAnalysis(device, tables, event.types, event, tables.masses, { direction, step, atoms });
  const c = classifyDf(Float64Array.from(r.frozen, (x) => x.df));
  const iterations = r.frozen.reduce((a, x) => a + x.iterations, r.unfrozen.iterations);
  return {
    natoms: event.natoms,
    replicas: count + 1,
    slots: r.slots,
    seconds: r.wallS,
    coreSize: c.core.length,
    dfUnfrozen: r.unfrozen.df,
    iterationsPerReplica: iterations / (count + 1),
  };
}

function frozenTable(f: FrozenTiming, file: string, lammps: LammpsTiming | null): string {
  const header = ['atoms', 'replicas', 'slots', 's', 'iterations/replica', 'core', 'D_f unfrozen Å', 'LAMMPS s', 'speed-up'];
  const table = formatTable(header, [[
    String(f.natoms),
    String(f.replicas),
    String(f.slots),
    f.seconds.toFixed(2),
    f.iterationsPerReplica.toFixed(0),
    String(f.coreSize),
    f.dfUnfrozen.toFixed(3),
    lammps ? lammps.seconds.toFixed(2) : 'n/a',
    lammps ? `${(lammps.seconds / f.seconds).toFixed(2)}x` : 'n/a',
  ]]);
  const note = lammps
    ? 'LAMMPS (lmp, 1 process): the same relaxations one after another, fix setforce on the frozen atom, FIRE, min_modify norm max.'
    : 'LAMMPS (lmp) is not installed: no comparison.';
  return `Frozen-atom analysis of ${file}, fmax ${FROZEN_FMAX.toExponential(0)} eV/Å (whole analysis, setup included)\n\n${table}\n${note}`;
}

const MD_TEMPERATURE = 2000;

interface MdTiming {
  readonly replicas: number;
  readonly steps: number;
  readonly seconds: number;
}

/** NVT steps of the sample heated to 2000 K, after a short warm-up run that builds everything. */
async function timeMd(device: GPUDevice, tables: EamTables, system: AtomSystem, replicas: number, steps: number): Promise<MdTiming> {
  const engine = await ForceEngine.create(device, tables, system.types, system.positions, system.box, replicas);
  const md = await Dynamics.create(engine, tables.masses);
  const masses = Array.from(system.types, (t) => tables.masses[t]);
  for (let r = 0; r < replicas; r++) md.setVelocities(r, thermalVelocities(masses, MD_TEMPERATURE, r + 1));
  const thermostat = { tStart: MD_TEMPERATURE, tStop: MD_TEMPERATURE, tDamp: 0.1 };
  await md.run({ steps: 10, thermostat });
  const t0 = performance.now();
  await md.run({ steps, thermostat, reportEvery: Math.min(steps, 500) });
  const seconds = (performance.now() - t0) / 1000;
  md.destroy();
  engine.destroy();
  return { replicas, steps, seconds };
}

function mdTable(rows: readonly MdTiming[], lammps: LammpsTiming | null): string {
  const header = ['replicas', 'steps', 's', 'steps/s', 'replica-steps/s', 'LAMMPS s', 'speed-up'];
  const table = formatTable(
    header,
    rows.map((r) => {
      // LAMMPS runs one sample at a time.
      const lammpsSeconds = lammps ? lammps.seconds * r.replicas : null;
      return [
        String(r.replicas),
        String(r.steps),
        r.seconds.toFixed(2),
        (r.steps / r.seconds).toFixed(1),
        ((r.steps * r.replicas) / r.seconds).toFixed(1),
        lammpsSeconds === null ? 'n/a' : lammpsSeconds.toFixed(2),
        lammpsSeconds === null ? 'n/a' : `${(lammpsSeconds / r.seconds).toFixed(2)}x`,
      ];
    }),
  );
  const note = lammps ? 'LAMMPS (lmp, 1 process): fix nvt, the same steps, one sample at a time.' : 'LAMMPS (lmp) is not installed: no comparison.';
  return `MD, NVT at ${MD_TEMPERATURE} K, time step 1 fs\n\n${table}\n${note}`;
}

function aqsTable(rows: readonly AqsTiming[], lammps: LammpsTiming | null): string {
  const lammpsPerStep = lammps ? lammps.seconds / lammps.runs : null;
  const header = ['directions', 'steps', 's', 'steps/s', 'direction-steps/s', 'iterations/step', 'LAMMPS s', 'speed-up'];
  const table = formatTable(
    header,
    rows.map((r) => {
      // LAMMPS runs one direction at a time: the six take six times as long.
      const lammpsSeconds = lammpsPerStep === null ? null : lammpsPerStep * r.steps * r.directions;
      return [
        String(r.directions),
        String(r.steps),
        r.seconds.toFixed(2),
        (r.steps / r.seconds).toFixed(2),
        ((r.steps * r.directions) / r.seconds).toFixed(2),
        r.iterationsPerStep.toFixed(0),
        lammpsSeconds === null ? 'n/a' : lammpsSeconds.toFixed(2),
        lammpsSeconds === null ? 'n/a' : `${(lammpsSeconds / r.seconds).toFixed(2)}x`,
      ];
    }),
  );
  const note = lammps
    ? `LAMMPS (lmp, 1 process): FIRE, min_modify norm max, the same steps one direction at a time; ${lammps.runs} minimisations timed.`
    : 'LAMMPS (lmp) is not installed: no comparison.';
  return `AQS, −xy first (then +xy, ±xz, ±yz), strain step 5e-5, fmax ${AQS_FMAX.toExponential(0)} eV/Å\n\n${table}\n${note}`;
}

async function timeReplicas(
  device: GPUDevice,
  tables: EamTables,
  system: AtomSystem,
  replicas: number,
  pairsPerReplica: number,
  seconds: number,
): Promise<BenchRow> {
  let engine: ForceEngine;
  try {
    engine = await ForceEngine.create(device, tables, system.types, wrapPositions(system.box, system.positions), system.box, replicas);
  } catch (e) {
    if (e instanceof CapacityError) return { replicas, skipped: e.message };
    throw e;
  }
  const t0 = performance.now();
  await engine.evaluate();
  const first = performance.now() - t0;
  // Batches of evaluations in one submission, as the minimiser records them, doubled until a batch
  // is long enough to time.
  const run = async (count: number) => {
    const start = performance.now();
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    for (let k = 0; k < count; k++) engine.encode(pass);
    pass.end();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    return performance.now() - start;
  };
  let batch = 1;
  let elapsed = await run(batch);
  while (elapsed < (seconds * 1000) / 4 && batch < 1 << 16) {
    batch *= 2;
    elapsed = await run(batch);
  }
  let total = elapsed;
  let count = batch;
  while (total < seconds * 1000) {
    total += await run(batch);
    count += batch;
  }
  const ms = total / count;
  const row = {
    replicas,
    msPerEvaluation: ms,
    pairEvaluationsPerSecond: (pairsPerReplica * replicas) / (ms / 1000),
    firstEvaluationMs: first,
    listWidth: engine.lists.maxNeighbors,
  };
  engine.destroy();
  return row;
}
