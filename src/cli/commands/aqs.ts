import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeLammpsData } from '../../io/lammpsData';
import { AQS_FMAX, runAqs, type AqsEvent, type AqsStep } from '../../protocols/aqs';
import { parseDirection, type ShearDirection } from '../../protocols/shear';
import { numberOption, optional, parseArgs, required, UsageError } from '../args';
import { bindToSample, INPUT_HELP, INPUT_OPTIONS, loadPotential, loadSample, withConfiguration } from '../inputs';
import { cliDevice } from '../gpu';
import { progress, writeOutput } from '../output';
import { MINIMIZE_OPTIONS, minimizeHelp, minimizeOptions } from '../minimizeOptions';

export const AQS_HELP = `stz-lab aqs: athermal quasi-static shear with plastic-event detection

usage: stz-lab aqs [--potential FILE] [--data FILE] --direction -xy [--direction +xz ...] --step 5e-5
                   --max-strain 0.15 [--max-events K] [--drop 0.5] [--fmax X] --out DIR

${INPUT_HELP}
  --direction D      +xy, -xy, +xz, -xz, +yz or -yz (xy = +xy; --direction=-xy works too); repeat
                     it to shear several directions at once, side by side on the GPU
  --step S           strain per step: the tilt changes by S·ly (xy) or S·lz (xz, yz) (default 5e-5)
  --max-strain E     stop at this strain (default 0.15)
  --max-events K     stop a direction after K events
  --drop MPa         an event is a step whose relaxation lowers the shear stress by more than this
                     (default 0.5)
${minimizeHelp(AQS_FMAX)}
  --out DIR          results; with several directions, one folder per direction (pxy, mxy, pxz, …)

Writes DIR/stress_strain.csv (step,strain,sxx,syy,szz,sxy,sxz,syz,pe_per_atom,nonaffine,iterations,
converged,stop; stresses in MPa = −pressure, virial only; step 0 is the relaxed start), DIR/events.csv
(event,step,strain,drop_MPa) and, per event K, DIR/event_K_pre.data (relaxed state of the step
before: where frozen-atom analysis starts) and DIR/event_K_post.data. Rows are written as steps
finish, so an interrupted run keeps what it did. Progress goes to stderr.`;

const FOLDER: Record<ShearDirection, string> = { '+xy': 'pxy', '-xy': 'mxy', '+xz': 'pxz', '-xz': 'mxz', '+yz': 'pyz', '-yz': 'myz' };

export async function aqsCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    ...INPUT_OPTIONS,
    ...MINIMIZE_OPTIONS,
    direction: { value: true, repeat: true },
    step: { value: true },
    'max-strain': { value: true },
    'max-events': { value: true },
    drop: { value: true },
    out: { value: true },
  });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const directions = (args.options.get('direction') ?? []).map((d) => {
    try {
      return parseDirection(d);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
  if (directions.length === 0) throw new UsageError('--direction is required');
  if (new Set(directions).size !== directions.length) throw new UsageError('a --direction is given twice');
  const step = numberOption(args, 'step', 5e-5, (v) => v > 0 && v < 0.1, 'a strain step between 0 and 0.1');
  const maxStrain = numberOption(args, 'max-strain', 0.15, (v) => v >= step && v <= 2, 'a strain at least one step and at most 2');
  const maxEventsText = optional(args, 'max-events');
  const maxEvents = maxEventsText === undefined ? undefined : numberOption(args, 'max-events', 0, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const drop = numberOption(args, 'drop', 0.5, (v) => v > 0, 'a positive stress drop in MPa');
  const out = required(args, 'out');
  const minimize = minimizeOptions(args, AQS_FMAX);
  const pot = loadPotential(args);
  const { system, path } = loadSample(args);
  const tables = bindToSample(pot, system, path);

  const dirs = directions.map((d) => (directions.length === 1 ? out : join(out, FOLDER[d])));
  for (const dir of dirs) {
    writeOutput(join(dir, 'stress_strain.csv'), 'step,strain,sxx,syy,szz,sxy,sxz,syz,pe_per_atom,nonaffine,iterations,converged,stop\n');
    writeOutput(join(dir, 'events.csv'), 'event,step,strain,drop_MPa\n');
  }
  const gpu = await cliDevice();
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted; the rows written so far are kept'));
  process.once('SIGINT', stop);
  const t0 = performance.now();
  // Unwrapped as read, so the event files stay consistent with the input's image flags.
  const start = { positions: system.positions, box: system.box };
  try {
    const result = await runAqs(gpu.device, tables, system.types, start, tables.masses, { directions, step, maxStrain, maxEvents, drop, minimize }, {
      signal: controller.signal,
      onStep: (r, s) => {
        appendFileSync(join(dirs[r], 'stress_strain.csv'), `${stepRow(s)}\n`);
        if (s.stop === 'max-iterations' && s.windowDisp > 1e-3) {
          progress(
            `aqs ${directions[r]}: step ${s.step} hit the iteration cap still moving (${s.windowDisp.toExponential(1)} Å over the last ` +
              `window, fmax ${s.fmax.toExponential(1)} eV/Å): near an instability the lowest mode softens; raise --max-iterations or lower --step`,
          );
        }
        progress(
          `aqs ${directions[r]}: step ${s.step} strain ${s.strain.toFixed(6)} stress ${s.stress.map((v) => v.toFixed(2)).join(' ')} MPa, ` +
            `${s.iterations} iterations (${s.stop})`,
        );
      },
      onEvent: (e) => writeEvent(dirs[directions.indexOf(e.direction)], e, system, path),
    });
    const wall = (performance.now() - t0) / 1000;
    const events = result.events.map((e) => e.length);
    progress(`aqs: ${result.stepsRun} steps in ${wall.toFixed(1)} s on ${gpu.adapterName}; events: ${directions.map((d, r) => `${d} ${events[r]}`).join(', ')}`);
    const unconverged = result.steps.flat().filter((s) => s.stop === 'max-iterations' || s.stop === 'uphill').length;
    if (unconverged > 0) throw new Error(`${unconverged} relaxation(s) hit the iteration cap or the uphill limit (marked converged=0 in stress_strain.csv)`);
    return 0;
  } finally {
    process.off('SIGINT', stop);
    gpu.device.destroy();
  }
}

function stepRow(s: AqsStep): string {
  const converged = s.stop === 'converged' || s.stop === 'stalled' ? 1 : 0;
  return [s.step, s.strain, ...s.stress, s.pePerAtom, s.nonaffine, s.iterations, converged, s.stop].join(',');
}

function writeEvent(dir: string, e: AqsEvent, system: Parameters<typeof withConfiguration>[0], path: string): void {
  appendFileSync(join(dir, 'events.csv'), `${e.index},${e.step},${e.strain},${e.dropMPa}\n`);
  for (const [which, c] of [['pre', e.pre], ['post', e.post]] as const) {
    writeOutput(
      join(dir, `event_${e.index}_${which}.data`),
      writeLammpsData(withConfiguration(system, c.positions, c.box), {
        comment: `stz-lab aqs ${e.direction} event ${e.index} (${which}): step ${which === 'pre' ? e.step - 1 : e.step}, drop ${e.dropMPa.toFixed(3)} MPa, from ${path}`,
      }),
    );
  }
  progress(`aqs ${e.direction}: event ${e.index} at step ${e.step} (strain ${e.strain.toFixed(6)}), shear stress drop ${e.dropMPa.toFixed(3)} MPa`);
}
