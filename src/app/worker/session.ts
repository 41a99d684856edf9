import { AqsRun, type AqsEvent } from '../../protocols/aqs';
import { frozenAtomAnalysis } from '../../protocols/frozenAtoms';
import { parallelWorlds } from '../../protocols/parallelWorlds';
import { quench } from '../../protocols/quench';
import { QUENCH_ELEMENTS } from '../../protocols/quenchStart';
import { resolvedShearStress, shearedBox } from '../../protocols/shear';
import { eventDescriptors, strainedPre } from '../../analysis/eventDescriptors';
import { bondFields } from '../eventBonds';
import { writeLammpsData } from '../../io/lammpsData';
import { affineInto, minimumImage, type Box, type Vec3 } from '../../system/box';
import type { AtomSystem } from '../../system/system';
import { bindPotential, type EamTables } from '../../potential/tables';
import type { AqsStep } from '../../protocols/aqs';
import type { AnalysisResult, AqsState, AtomChoice, Epochs, EventStates, QuenchParams, Reply, ShearParams } from './protocol';

type Post = (reply: Reply, transfer: Transferable[], epochs: Epochs) => void;
type Send = (reply: Reply, transfer?: Transferable[]) => void;

/**
 * The engine side of the app, DOM-free: one loaded sample, at most one AQS run, and one job
 * (analysis, parallel worlds or quench) at a time. Every long job reports through `send` and
 * stops at the next status read when cancelled.
 */
export class Session {
  private system: AtomSystem | null = null;
  private tables: EamTables | null = null;
  private run: AqsRun | null = null;
  private runParams: ShearParams | null = null;
  private state: AqsState = 'idle';
  private lastPositions: Float64Array | null = null;
  private lastBox: Box | null = null;
  private job: { readonly what: string; readonly control: AbortController; readonly done: Promise<void> } | null = null;
  private stepping: Promise<void> = Promise.resolve();
  private epochs: Epochs = { load: 0, reset: 0 };

  constructor(
    private readonly device: GPUDevice,
    private readonly post: Post,
  ) {}

  /** Replies of work begun now: the page drops them once a later load or reset supersedes it. */
  private sender(): Send {
    const epochs = this.epochs;
    return (reply, transfer = []) => this.post(reply, transfer, epochs);
  }

  private send(reply: Reply, transfer: Transferable[] = []): void {
    this.post(reply, transfer, this.epochs);
  }

  /** Any job is cancelled and any step in flight finishes before the sample changes under them. */
  async load(system: AtomSystem, tables: EamTables): Promise<void> {
    this.epochs = { ...this.epochs, load: this.epochs.load + 1 };
    const job = this.job;
    job?.control.abort(new DOMException('cancelled', 'AbortError'));
    await job?.done;
    await this.reset();
    this.system = system;
    this.tables = tables;
    this.send({ type: 'loaded', natoms: system.natoms });
  }

  /** Steps until paused, finished or failed; a second call while running does nothing. */
  async runAqs(params: ShearParams): Promise<void> {
    if (this.busy) return;
    this.setState('running');
    const epochs = this.epochs;
    try {
      while (this.running) {
        await this.oneStep(params);
        if (this.run?.finished) this.setState('finished');
      }
    } catch (e) {
      if (this.epochs === epochs) this.setState('paused');
      throw e;
    }
  }

  /** One strain step; on a new run the relaxation of the start (step 0) comes first. */
  async stepAqs(params: ShearParams): Promise<void> {
    if (this.busy) return;
    this.setState('stepping');
    const epochs = this.epochs;
    try {
      const done = await this.oneStep(params);
      if (done === 0 && this.epochs === epochs) await this.oneStep(params);
    } finally {
      // After a reset or a load the run is idle, not paused.
      if (this.epochs === epochs) this.setState(this.run?.finished ? 'finished' : 'paused');
    }
  }

  private get running(): boolean {
    return this.state === 'running';
  }

  private get busy(): boolean {
    return this.state === 'running' || this.state === 'stepping';
  }

  pause(): void {
    if (this.state === 'running') this.setState('paused');
  }

  /** An analysis or parallel worlds of the run's events is cancelled; a quench goes on. */
  async reset(): Promise<void> {
    this.epochs = { ...this.epochs, reset: this.epochs.reset + 1 };
    if (this.job && this.job.what !== 'quench') this.cancel();
    this.state = 'idle';
    const old = this.run;
    this.run = null;
    this.runParams = null;
    this.lastPositions = null;
    this.lastBox = null;
    this.send({ type: 'aqs-state', state: 'idle' });
    // A step in flight still uses the old run's buffers.
    await this.stepping;
    old?.destroy();
  }

  /** Continues a run on a fresh device from the last step the page kept. */
  async resume(params: ShearParams, last: AqsStep, positions: Float64Array, eventCount: number): Promise<void> {
    const { system, tables } = this.loaded();
    this.run?.destroy();
    this.runParams = params;
    this.run = await AqsRun.create(this.device, tables, system.types, { positions: system.positions, box: system.box }, tables.masses, { directions: [params.direction], ...params }, {
      step: last.step,
      last: [last],
      positions: [positions],
      eventCounts: [eventCount],
    });
    this.lastPositions = positions;
    this.lastBox = shearedBox(system.box, params.direction, last.step * params.step);
    this.setState('paused');
  }

  async analyse(event: EventStates, choice: AtomChoice): Promise<void> {
    const { system, tables } = this.loaded();
    const atoms = chooseAtoms(choice, strainedPre(event.pre, event.direction, event.step), event.post);
    await this.asJob('analysis', async (signal, send) => {
      const r = await frozenAtomAnalysis(
        this.device,
        tables,
        system.types,
        event.pre,
        tables.masses,
        { direction: event.direction, step: event.step, atoms: Array.from(atoms) },
        (p) =>
          send({
            type: 'analysis-progress',
            done: p.done,
            total: p.total,
            etaS: p.etaS,
            etaGuess: p.etaGuess,
            stopped: p.finished.flatMap((x) => (x.atom !== null && !x.eventHappened ? [x.atom] : [])),
          }),
        signal,
      );
      const d = eventDescriptors(tables, system.types, event.pre, event.post, event.direction, event.step);
      const result: AnalysisResult = {
        eventIndex: event.info.index,
        atoms,
        df: Float64Array.from(r.frozen, (x) => x.df),
        eventHappened: Uint8Array.from(r.frozen, (x) => Number(x.eventHappened)),
        converged: Uint8Array.from(r.frozen, (x) => Number(x.converged)),
        iterations: Int32Array.from(r.frozen, (x) => x.iterations),
        marginal: Uint8Array.from(r.frozen, (x) => Number(x.marginal)),
        confirmFmax: r.confirmFmax,
        unfrozen: { df: r.unfrozen.df, dropMPa: r.unfrozen.dropMPa, iterations: r.unfrozen.iterations },
        d2min: d.d2min,
        d2minCutoff: d.d2minCutoff,
        vonMisesBefore: d.vonMises.before,
        vonMisesAfter: d.vonMises.after,
        vonMisesChange: d.vonMises.change,
        ...bondFields(d),
        wallS: r.wallS,
        slots: r.slots,
      };
      send({ type: 'analysis', result });
    });
  }

  async parallel(event: EventStates, atom: number): Promise<void> {
    const { system, tables } = this.loaded();
    await this.asJob('parallel worlds', async (signal, send) => {
      const r = await parallelWorlds(this.device, tables, system.types, event.pre, tables.masses, { direction: event.direction, step: event.step, atom }, signal);
      const [a, b] = r.worlds;
      send({
        type: 'parallel',
        worlds: { eventIndex: event.info.index, atom, frames: [a.frames, b.frames], df: [a.df, b.df], dropMPa: [a.dropMPa, b.dropMPa], box: r.box },
      });
    });
  }

  async quench(params: QuenchParams): Promise<void> {
    // The loaded sample's types may be in any order (Zr first, or one element only); the glass is Cu, Zr.
    const tables = bindPotential(this.loaded().tables.potential, QUENCH_ELEMENTS);
    const natoms = 2 * params.cells ** 3;
    await this.asJob('quench', async (signal, send) => {
      const r = await quench(
        this.device,
        tables,
        params,
        (p) => send({ type: 'quench-progress', stage: p.stage, time: p.time, totalTime: p.totalTime, temperature: p.sample?.temperature[0] ?? null, pePerAtom: p.sample ? p.sample.potential[0] / natoms : null }),
        signal,
      );
      const g = r.glasses[0];
      const glass: AtomSystem = { ...r.start, positions: g.positions, box: g.box };
      send({ type: 'quench', dataText: writeLammpsData(glass, { comment: `STZ Lab glass: ${params.cells}³ bcc cells, Cu ${params.cu}, ${params.rate.toExponential(1)} K/s, seed ${params.seed}` }), pePerAtom: g.final.energy / glass.natoms });
    });
  }

  cancel(): void {
    this.job?.control.abort(new DOMException('cancelled', 'AbortError'));
  }

  private async asJob(what: string, work: (signal: AbortSignal, send: Send) => Promise<void>): Promise<void> {
    if (this.job) throw new Error(`another job is running; cancel it before starting the ${what}`);
    const control = new AbortController();
    let finish = () => {};
    this.job = { what, control, done: new Promise<void>((resolve) => (finish = resolve)) };
    try {
      await work(control.signal, this.sender());
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') this.send({ type: 'cancelled', what });
      else throw e;
    } finally {
      this.job = null;
      finish();
    }
  }

  private loaded(): { system: AtomSystem; tables: EamTables } {
    if (!this.system || !this.tables) throw new Error('no sample is loaded');
    return { system: this.system, tables: this.tables };
  }

  private async ensureRun(params: ShearParams): Promise<void> {
    if (this.run && this.runParams && sameShear(this.runParams, params)) {
      this.run.setMaxStrain(params.maxStrain);
      this.runParams = params;
      return;
    }
    const { system, tables } = this.loaded();
    this.run?.destroy();
    this.runParams = params;
    this.run = await AqsRun.create(this.device, tables, system.types, { positions: system.positions, box: system.box }, tables.masses, { directions: [params.direction], ...params });
    this.lastPositions = system.positions;
    this.lastBox = system.box;
  }

  /**
   * Steps, and the creation of the run they need, are serialised: one never overtakes another.
   * Resolves to the step taken (0: the start relaxed), or null where none was.
   */
  private oneStep(params: ShearParams): Promise<number | null> {
    const next = this.stepping.then(async () => {
      await this.ensureRun(params);
      return this.stepNow();
    });
    this.stepping = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private async stepNow(): Promise<number | null> {
    const run = this.run;
    const params = this.runParams;
    if (!run || !params || run.finished) return null;
    const { records, events } = await run.next();
    const record = records[0];
    if (!record) return null;
    const positions = await run.positions(0);
    // Reset while this step ran: its run and the states it measures from are gone, and the page
    // drops what it already sent of them (Epochs).
    if (this.run !== run) return null;
    const box = run.box(0);
    const nonaffine = nonaffineStep(this.lastPositions!, this.lastBox!, positions, box);
    this.lastPositions = positions;
    this.lastBox = box;
    const tau = resolvedShearStress(record.stress, params.direction);
    this.send({ type: 'aqs-step', record, resolvedStress: tau, positions: positions.slice(), nonaffine, box }, [nonaffine.buffer]);
    for (const e of events) this.send({ type: 'aqs-event', event: eventStates(e, params, tau) });
    return record.step;
  }

  private setState(state: AqsState): void {
    this.state = state;
    this.send({ type: 'aqs-state', state });
  }
}

/** The same run, up to its maximum strain, which a run can change as it goes. */
function sameShear(a: ShearParams, b: ShearParams): boolean {
  return a.direction === b.direction && a.step === b.step && a.drop === b.drop;
}

/** Per atom |x − x_affine| of one step: the previous relaxed state carried into the new cell. */
function nonaffineStep(prev: Float64Array, prevBox: Box, x: Float64Array, box: Box): Float32Array {
  const affine = affineInto(prev, prevBox, box);
  const out = new Float32Array(x.length / 3);
  const d: Vec3 = [0, 0, 0];
  for (let i = 0; i < out.length; i++) {
    for (let c = 0; c < 3; c++) d[c] = x[3 * i + c] - affine[3 * i + c];
    minimumImage(box, d);
    out[i] = Math.hypot(d[0], d[1], d[2]);
  }
  return out;
}

function eventStates(e: AqsEvent, params: ShearParams, stressAfter: number): EventStates {
  return {
    info: { index: e.index, step: e.step, strain: e.strain, dropMPa: e.dropMPa, stressBefore: stressAfter + e.dropMPa, stressAfter },
    direction: e.direction,
    step: params.step,
    pre: e.pre,
    post: e.post,
  };
}

/** The analysed atoms: every one, or those that moved most between the strained pre-event state and the relaxed one. */
function chooseAtoms(choice: AtomChoice, before: { positions: Float64Array; box: Box }, after: { positions: Float64Array }): Int32Array {
  const n = before.positions.length / 3;
  if (choice.kind === 'all') return Int32Array.from({ length: n }, (_, i) => i);
  if (!Number.isInteger(choice.count) || choice.count < 1) throw new Error(`the number of atoms to analyse must be a positive integer, got ${choice.count}`);
  const moved = Float64Array.from({ length: n }, (_, i) => {
    const d: Vec3 = [0, 1, 2].map((c) => after.positions[3 * i + c] - before.positions[3 * i + c]) as Vec3;
    minimumImage(before.box, d);
    return d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => moved[b] - moved[a]);
  return Int32Array.from(order.slice(0, Math.min(n, choice.count)));
}
