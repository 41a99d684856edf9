import type { AqsStep } from '../../protocols/aqs';
import type { QuenchStage } from '../../protocols/quench';
import type { ShearDirection } from '../../protocols/shear';
import type { EamTables } from '../../potential/tables';
import type { Box } from '../../system/box';
import type { ShellRadius } from '../../analysis/eventDescriptors';
import type { AtomSystem } from '../../system/system';

/** The shear the user set up; the AQS run and every event analysis use it. */
export interface ShearParams {
  readonly direction: ShearDirection;
  /** Strain per step (change of tilt over height). */
  readonly step: number;
  readonly maxStrain: number;
  /** Event threshold: drop of the resolved shear stress in one step, MPa. */
  readonly drop: number;
}

/** One plastic event as the UI lists it; its configurations travel separately. */
export interface EventInfo {
  readonly index: number;
  readonly step: number;
  readonly strain: number;
  readonly dropMPa: number;
  /** Resolved shear stress of the step before and of the event step, MPa. */
  readonly stressBefore: number;
  readonly stressAfter: number;
}

/** What an analysis or a resumed run needs of an event: the relaxed states around it. */
export interface EventStates {
  readonly info: EventInfo;
  readonly direction: ShearDirection;
  readonly step: number;
  readonly pre: { readonly positions: Float64Array; readonly box: Box };
  readonly post: { readonly positions: Float64Array; readonly box: Box };
}

/** Which atoms to freeze: all of them, or the `count` that moved most in the event. */
export type AtomChoice = { readonly kind: 'all' } | { readonly kind: 'most-displaced'; readonly count: number };

export interface AnalysisResult {
  readonly eventIndex: number;
  /** 0-based indices of the analysed atoms, in the order of the per-replica arrays. */
  readonly atoms: Int32Array;
  readonly df: Float64Array;
  readonly eventHappened: Uint8Array;
  readonly converged: Uint8Array;
  readonly iterations: Int32Array;
  /** 1 where the relaxation stopped the event at fmax and went through it at confirmFmax (FrozenReplica.marginal). */
  readonly marginal: Uint8Array;
  /** The tolerance relaxations without the event were confirmed at, eV/Å; null: not confirmed. */
  readonly confirmFmax: number | null;
  readonly unfrozen: { readonly df: number; readonly dropMPa: number; readonly iterations: number };
  /** Per atom of the system, comparing the affinely strained pre-event state with the relaxed one. */
  readonly d2min: Float64Array;
  readonly d2minCutoff: number;
  /** Atomic von Mises stress of those two states and its change, MPa. */
  readonly vonMisesBefore: Float64Array;
  readonly vonMisesAfter: Float64Array;
  readonly vonMisesChange: Float64Array;
  /** First-shell bonds each atom lost and gained between those two states (the paper's LCE). */
  readonly bondsBroken: Int32Array;
  readonly bondsFormed: Int32Array;
  readonly shells: readonly ShellRadius[];
  readonly bondThreshold: number;
  readonly wallS: number;
  readonly slots: number;
}

/** Relaxation of one event twice, with nothing and with one atom frozen, as animation frames. */
export interface ParallelWorlds {
  readonly eventIndex: number;
  readonly atom: number;
  /** Per world: frames of positions (f32, 3 per atom), the first being the affinely strained pre-event state. */
  readonly frames: readonly [Float32Array[], Float32Array[]];
  readonly df: readonly [number, number];
  readonly dropMPa: readonly [number, number];
  readonly box: Box;
}

export interface QuenchParams {
  readonly cells: number;
  readonly cu: number;
  readonly rate: number;
  readonly seed: number;
}

export type Request =
  | { readonly type: 'load'; readonly system: AtomSystem; readonly tables: EamTables }
  | { readonly type: 'aqs-run'; readonly params: ShearParams }
  | { readonly type: 'aqs-step'; readonly params: ShearParams }
  | { readonly type: 'aqs-pause' }
  | { readonly type: 'aqs-reset' }
  | { readonly type: 'aqs-resume'; readonly params: ShearParams; readonly last: AqsStep; readonly positions: Float64Array; readonly events: number }
  | { readonly type: 'analyse'; readonly event: EventStates; readonly atoms: AtomChoice }
  | { readonly type: 'parallel'; readonly event: EventStates; readonly atom: number }
  | { readonly type: 'quench'; readonly params: QuenchParams }
  | { readonly type: 'cancel' };

/** 'stepping': one Step in progress; 'running': stepping until paused. */
export type AqsState = 'idle' | 'stepping' | 'running' | 'paused' | 'finished';

export type Reply =
  | { readonly type: 'ready'; readonly adapter: string }
  | { readonly type: 'no-webgpu'; readonly reason: string }
  | { readonly type: 'loaded'; readonly natoms: number }
  | { readonly type: 'aqs-state'; readonly state: AqsState }
  | {
      readonly type: 'aqs-step';
      readonly record: AqsStep;
      readonly resolvedStress: number;
      readonly positions: Float64Array;
      /** |x_relaxed − x_affine| of this step per atom, Å. */
      readonly nonaffine: Float32Array;
      readonly box: Box;
    }
  | { readonly type: 'aqs-event'; readonly event: EventStates }
  | {
      readonly type: 'analysis-progress';
      readonly done: number;
      readonly total: number;
      readonly etaS: number | null;
      /** The estimate rests on typical iterations: no relaxation has finished yet. */
      readonly etaGuess: boolean;
      /** Atoms (indices) whose frozen relaxation ended since the last report without the event. */
      readonly stopped: readonly number[];
    }
  | { readonly type: 'analysis'; readonly result: AnalysisResult }
  | { readonly type: 'parallel'; readonly worlds: ParallelWorlds }
  | { readonly type: 'quench-progress'; readonly stage: QuenchStage; readonly time: number; readonly totalTime: number; readonly temperature: number | null; readonly pePerAtom: number | null }
  | { readonly type: 'quench'; readonly dataText: string; readonly pePerAtom: number }
  | { readonly type: 'cancelled'; readonly what: string }
  | { readonly type: 'device-lost'; readonly message: string }
  | { readonly type: 'error'; readonly message: string };

/**
 * How many loads and resets (a load resets too) the page had asked for when the work behind a
 * reply began. Page and worker count the same requests, so a reply from work that a later load
 * or reset superseded (an AQS step in flight, an analysis of an event that is gone) is known.
 */
export interface Epochs {
  readonly load: number;
  readonly reset: number;
}

export interface Stamped {
  readonly reply: Reply;
  readonly epochs: Epochs;
}
