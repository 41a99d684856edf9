import { create } from 'zustand';
import { classifyDf, type DfClassification, type DfMethod } from '../analysis/dfClassify';
import type { AqsStep } from '../protocols/aqs';
import { lastStrainStep } from '../protocols/shear';
import { atomData, touchAtomData } from './atomData';
import { EngineClient } from './engineClient';
import type { SavedSession } from './persist';
import { buildSample, type Sample } from './sample';
import type { AnalysisResult, AqsState, AtomChoice, EventInfo, EventStates, QuenchParams, Reply, ShearParams } from './worker/protocol';
import { eventBondFields } from './eventBonds';

export type ColorBy = 'type' | 'nonaffine' | 'df' | 'd2min' | 'vm' | 'bonds';
export type Descriptor = 'df' | 'd2min' | 'vm' | 'bonds';

export interface AppParams extends ShearParams {
  readonly autoAnalyse: boolean;
  readonly atoms: AtomChoice;
}

export const DEFAULT_PARAMS: AppParams = { direction: '-xy', step: 5e-5, maxStrain: 0.15, drop: 0.5, autoAnalyse: false, atoms: { kind: 'all' } };

export interface AnalysisStatus {
  readonly eventIndex: number;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly etaS: number | null;
  readonly etaGuess: boolean;
  /** Atoms found so far whose freezing stops the event: the core assembling while it runs. */
  readonly stopped: readonly number[];
  readonly startedAt: number;
}

export interface AppState {
  readonly phase: 'starting' | 'ready' | 'no-webgpu' | 'lost';
  readonly adapter: string;
  readonly status: string;
  readonly error: string | null;
  readonly noWebGpuReason: string;
  /** Which shipped sample (the URL's `sample`), or 'custom' for the user's own files. */
  readonly sampleKey: string;
  readonly sample: { readonly name: string; readonly potentialName: string; readonly natoms: number; readonly typeNames: readonly (string | null)[] } | null;
  readonly params: AppParams;
  readonly aqs: { readonly state: AqsState; readonly step: number; readonly strain: number; readonly last: AqsStep | null };
  readonly events: readonly EventInfo[];
  readonly selectedEvent: number | null;
  readonly analysis: AnalysisStatus | null;
  readonly method: DfMethod;
  readonly userThreshold: number | null;
  /** Classification of the shown event's D_f, recomputed when the method or threshold changes. */
  readonly classification: DfClassification | null;
  readonly colorBy: ColorBy;
  readonly coreOnly: boolean;
  readonly highlight: { readonly descriptor: Descriptor; readonly range: readonly [number, number] } | null;
  readonly selectedAtom: number | null;
  readonly worlds: { readonly state: 'running' | 'done'; readonly atom: number } | null;
  readonly quench: { readonly state: 'running' | 'done'; readonly params: QuenchParams; readonly stage: string; readonly progress: number } | null;
}

export interface AppActions {
  setParams(p: Partial<AppParams>): void;
  run(): void;
  pause(): void;
  step(): void;
  reset(): void;
  /** `note`: said with the ready status once the engine has the sample (what made it, say). */
  loadSample(sample: Sample, key: string, note?: string): void;
  restore(saved: SavedSession): void;
  selectEvent(index: number | null): void;
  analyse(index: number): void;
  cancel(): void;
  setMethod(method: DfMethod, userThreshold?: number | null): void;
  setColorBy(c: ColorBy): void;
  setCoreOnly(on: boolean): void;
  setHighlight(h: AppState['highlight']): void;
  selectAtom(i: number | null): void;
  freezeSelected(): void;
  makeGlass(p: QuenchParams): void;
  resumeAfterLoss(): void;
  dismissError(): void;
}

/**
 * An analysis saved before bond changes were computed gets them now, from its event's states:
 * they depend on nothing else, and a long analysis is not lost or rerun for them. One saved before
 * relaxations were confirmed says so: none of its atoms is known to be marginal.
 */
function upToDate(a: AnalysisResult, events: readonly EventStates[]): AnalysisResult {
  const confirmed = a.marginal ? a : { ...a, marginal: new Uint8Array(a.atoms.length), confirmFmax: null };
  if (confirmed.bondsBroken) return confirmed;
  const event = events.find((e) => e.info.index === a.eventIndex)!;
  const { system, tables } = loadedSample!;
  return { ...confirmed, ...eventBondFields(event, system.types, tables.typeElements) };
}

let client: EngineClient | null = null;
let loadedSample: Sample | null = null;
let readyNote: string | null = null;

export const currentSample = (): Sample | null => loadedSample;
const engine = () => {
  if (!client) throw new Error('the engine worker has not started');
  return client;
};

export const useApp = create<AppState & AppActions>()((set, get) => {
  const shear = (): ShearParams => {
    const { direction, step, maxStrain, drop } = get().params;
    return { direction, step, maxStrain, drop };
  };
  const classify = (eventIndex: number | null, method = get().method, user = get().userThreshold): DfClassification | null => {
    const r = eventIndex === null ? undefined : atomData.analyses.get(eventIndex);
    if (!r) return null;
    if (method === 'user' && user === null) return classifyDf(r.df, 'gap', undefined, r.unfrozen.df);
    return classifyDf(r.df, method, user ?? undefined, r.unfrozen.df);
  };
  const resetRun = () => {
    atomData.curve = { strain: [], stress: [] };
    atomData.events.clear();
    atomData.analyses.clear();
    atomData.nonaffine = null;
    atomData.worlds = null;
    if (loadedSample) {
      atomData.positions = loadedSample.system.positions;
      atomData.box = loadedSample.system.box;
    }
    touchAtomData();
    set({ aqs: { state: 'idle', step: 0, strain: 0, last: null }, events: [], selectedEvent: null, analysis: null, classification: null, highlight: null, worlds: null, colorBy: 'type', coreOnly: false });
  };

  const onReply = (r: Reply): void => {
    switch (r.type) {
      case 'ready':
        set({ phase: 'ready', adapter: r.adapter });
        if (loadedSample) engine().send({ type: 'load', system: loadedSample.system, tables: loadedSample.tables });
        return;
      case 'no-webgpu':
        set({ phase: 'no-webgpu', noWebGpuReason: r.reason });
        return;
      case 'loaded': {
        const { aqs, events } = get();
        if (aqs.last && aqs.last.step > 0 && atomData.box) {
          // A restored or interrupted run continues from the last step the page kept.
          engine().send({ type: 'aqs-resume', params: shear(), last: aqs.last, positions: atomData.positions, events: events.length });
        } else {
          set({ status: `${readyNote ? `${readyNote} ` : ''}Ready: ${r.natoms} atoms. Press Run (or Space) to shear.` });
          readyNote = null;
        }
        return;
      }
      case 'aqs-state':
        set((s) => ({ aqs: { ...s.aqs, state: r.state }, status: statusFor(r.state, s) }));
        return;
      case 'aqs-step': {
        atomData.positions = r.positions;
        atomData.box = r.box;
        atomData.nonaffine = r.nonaffine;
        atomData.curve.strain.push(r.record.strain);
        atomData.curve.stress.push(r.resolvedStress);
        touchAtomData();
        set((s) => ({
          aqs: { ...s.aqs, step: r.record.step, strain: r.record.strain, last: r.record },
          colorBy: s.colorBy === 'type' && r.record.step > 0 && s.selectedEvent === null ? 'nonaffine' : s.colorBy,
        }));
        return;
      }
      case 'aqs-event': {
        atomData.events.set(r.event.info.index, r.event);
        set((s) => ({ events: [...s.events, r.event.info] }));
        const { index, strain, dropMPa } = r.event.info;
        if (get().params.autoAnalyse && get().analysis?.state !== 'running') get().analyse(index);
        else set({ status: `Event ${index} at strain ${(100 * strain).toFixed(3)} %: the shear stress fell by ${dropMPa.toFixed(1)} MPa. Press A (or Analyse) to find its STZ core.` });
        return;
      }
      case 'analysis-progress':
        set((s) =>
          s.analysis
            ? { analysis: { ...s.analysis, done: r.done, total: r.total, etaS: r.etaS, etaGuess: r.etaGuess, stopped: r.stopped.length > 0 ? [...s.analysis.stopped, ...r.stopped] : s.analysis.stopped } }
            : {},
        );
        return;
      case 'analysis': {
        atomData.analyses.set(r.result.eventIndex, r.result);
        touchAtomData();
        set((s) => ({
          analysis: s.analysis ? { ...s.analysis, state: 'done', done: s.analysis.total } : null,
          classification: classify(r.result.eventIndex),
          selectedEvent: r.result.eventIndex,
          colorBy: 'df',
          status: `Frozen-atom analysis of event ${r.result.eventIndex} done in ${r.result.wallS.toFixed(1)} s.`,
        }));
        return;
      }
      case 'parallel': {
        atomData.worlds = r.worlds;
        touchAtomData();
        const id = loadedSample?.system.ids[r.worlds.atom];
        const drop = r.worlds.dropMPa[1];
        const happened = drop > get().params.drop;
        set({ worlds: { state: 'done', atom: r.worlds.atom }, status: `With atom ${id} frozen the event ${happened ? 'still happens' : 'does not happen'} (stress drop ${drop.toFixed(1)} MPa, ${r.worlds.dropMPa[0].toFixed(1)} MPa with nothing frozen).` });
        return;
      }
      case 'quench-progress':
        if (r.temperature !== null) {
          atomData.quenchCurve.time.push(r.time);
          atomData.quenchCurve.temperature.push(r.temperature);
          touchAtomData();
        }
        set((s) => (s.quench ? { quench: { ...s.quench, stage: r.stage, progress: r.time / r.totalTime } } : {}));
        return;
      case 'quench': {
        const q = get().quench;
        const pot = loadedSample!;
        const name = q ? `glass_${2 * q.params.cells ** 3}_cu${q.params.cu}_rate${q.params.rate.toExponential(0)}_seed${q.params.seed}.data` : 'glass.data';
        const note = `New glass ${name}: ${r.pePerAtom.toFixed(4)} eV/atom, relaxed to zero stress.`;
        get().loadSample(buildSample({ name, text: r.dataText }, { name: pot.potentialName, text: pot.potentialText }), 'custom', note);
        set((s) => ({ quench: s.quench && { ...s.quench, state: 'done', stage: 'done', progress: 1 }, status: note }));
        return;
      }
      case 'cancelled':
        set((s) => ({
          analysis: s.analysis && s.analysis.state === 'running' ? { ...s.analysis, state: 'cancelled' } : s.analysis,
          worlds: null,
          quench: null,
          status: `Cancelled the ${r.what}.`,
        }));
        return;
      case 'device-lost':
        set({ phase: 'lost', error: `The GPU device was lost (${r.message}). Your results are kept; press Resume to continue from the last completed step.` });
        return;
      case 'error':
        set((s) => ({
          error: r.message,
          analysis: s.analysis && s.analysis.state === 'running' ? { ...s.analysis, state: 'failed' } : s.analysis,
          worlds: null,
          quench: null,
        }));
        return;
    }
  };

  return {
    phase: 'starting',
    adapter: '',
    status: 'Starting the GPU engine…',
    error: null,
    noWebGpuReason: '',
    sampleKey: 'default',
    sample: null,
    params: DEFAULT_PARAMS,
    aqs: { state: 'idle', step: 0, strain: 0, last: null },
    events: [],
    selectedEvent: null,
    analysis: null,
    method: 'gap',
    userThreshold: null,
    classification: null,
    colorBy: 'type',
    coreOnly: false,
    highlight: null,
    selectedAtom: null,
    worlds: null,
    quench: null,

    setParams(p) {
      const shearChanged = ['direction', 'step', 'drop'].some((k) => k in p && p[k as keyof AppParams] !== get().params[k as keyof AppParams]);
      set((s) => ({ params: { ...s.params, ...p } }));
      const { aqs, params } = get();
      if (shearChanged && aqs.state !== 'idle') {
        engine().send({ type: 'aqs-reset' });
        resetRun();
      } else if (p.maxStrain !== undefined && (aqs.state === 'paused' || aqs.state === 'finished')) {
        // The run keeps its steps: the worker takes the new limit with the next step.
        const state: AqsState = aqs.step >= lastStrainStep(params.maxStrain, params.step) ? 'finished' : 'paused';
        set((s) => ({ aqs: { ...s.aqs, state }, status: statusFor(state, s) }));
      }
    },
    run: () => engine().send({ type: 'aqs-run', params: shear() }),
    pause: () => engine().send({ type: 'aqs-pause' }),
    step: () => engine().send({ type: 'aqs-step', params: shear() }),
    reset() {
      engine().send({ type: 'aqs-reset' });
      resetRun();
    },
    loadSample(sample, key, note) {
      loadedSample = sample;
      readyNote = note ?? null;
      const { system } = sample;
      // The per-atom arrays first: views redraw as soon as the sample changes.
      resetRun();
      set({ sampleKey: key, sample: { name: sample.name, potentialName: sample.potentialName, natoms: system.natoms, typeNames: system.typeNames }, selectedAtom: null });
      if (!client) client = new EngineClient(onReply);
      else if (get().phase === 'ready') client.send({ type: 'load', system, tables: sample.tables });
    },
    restore(saved) {
      atomData.curve = { strain: [...saved.curve.strain], stress: [...saved.curve.stress] };
      for (const e of saved.events) atomData.events.set(e.info.index, e);
      for (const a of saved.analyses) atomData.analyses.set(a.eventIndex, upToDate(a, saved.events));
      if (saved.box) {
        atomData.positions = saved.positions;
        atomData.box = saved.box;
      }
      touchAtomData();
      const last = saved.last;
      const lastAnalysed = saved.analyses.length > 0 ? saved.analyses[saved.analyses.length - 1].eventIndex : null;
      set({
        params: saved.params,
        events: saved.events.map((e) => e.info),
        aqs: { state: last ? 'paused' : 'idle', step: last?.step ?? 0, strain: last?.strain ?? 0, last },
        selectedEvent: lastAnalysed,
        classification: classify(lastAnalysed),
        colorBy: lastAnalysed !== null ? 'df' : 'type',
        status: last ? `Restored the saved session at strain ${(100 * last.strain).toFixed(3)} %.` : 'Restored the saved session.',
      });
    },
    selectEvent(index) {
      set({ selectedEvent: index, classification: classify(index), highlight: null });
      if (index !== null && atomData.analyses.has(index)) set({ colorBy: 'df' });
      touchAtomData();
      // Selecting an event that has no analysis yet starts one, unless another is running.
      if (index !== null && !atomData.analyses.has(index) && get().analysis?.state !== 'running') get().analyse(index);
    },
    analyse(index) {
      const event = atomData.events.get(index);
      if (!event) return;
      set({ selectedEvent: index, analysis: { eventIndex: index, state: 'running', done: 0, total: 0, etaS: null, etaGuess: true, stopped: [], startedAt: performance.now() }, status: `Frozen-atom analysis of event ${index}…` });
      engine().send({ type: 'analyse', event, atoms: get().params.atoms });
    },
    cancel: () => engine().send({ type: 'cancel' }),
    setMethod(method, userThreshold = get().userThreshold) {
      set({ method, userThreshold, classification: classify(get().selectedEvent, method, userThreshold) });
      touchAtomData();
    },
    setColorBy: (colorBy) => set({ colorBy }),
    setCoreOnly: (coreOnly) => set({ coreOnly }),
    setHighlight: (highlight) => set({ highlight }),
    selectAtom: (selectedAtom) => set({ selectedAtom }),
    freezeSelected() {
      const { selectedAtom, selectedEvent } = get();
      const event = selectedEvent === null ? undefined : atomData.events.get(selectedEvent);
      if (selectedAtom === null || !event) return;
      atomData.worlds = null;
      set({ worlds: { state: 'running', atom: selectedAtom }, status: `Relaxing event ${event.info.index} with and without atom ${loadedSample?.system.ids[selectedAtom]} frozen…` });
      engine().send({ type: 'parallel', event, atom: selectedAtom });
    },
    makeGlass(p) {
      atomData.quenchCurve = { time: [], temperature: [] };
      set({ quench: { state: 'running', params: p, stage: 'melt', progress: 0 }, status: `Quenching a new glass of ${2 * p.cells ** 3} atoms…` });
      engine().send({ type: 'quench', params: p });
    },
    resumeAfterLoss() {
      set({ phase: 'starting', error: null, status: 'Restarting the GPU engine…' });
      // The new worker reports 'ready', gets the sample again, and 'loaded' resumes the run.
      engine().restart();
    },
    dismissError: () => set({ error: null }),
  };
});

function statusFor(state: AqsState, s: AppState): string {
  switch (state) {
    case 'running':
      return `Shearing ${s.params.direction}…`;
    case 'stepping':
      return `One ${s.params.direction} step…`;
    case 'paused':
      return `Paused at strain ${(100 * s.aqs.strain).toFixed(3)} %.`;
    case 'finished':
      return `Reached the maximum strain (${+(100 * s.params.maxStrain).toPrecision(4)} %) or the end of the run.`;
    case 'idle':
      return s.status;
  }
}
