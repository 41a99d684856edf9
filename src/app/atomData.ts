import type { Box } from '../system/box';
import type { AnalysisResult, EventStates, ParallelWorlds } from './worker/protocol';

/**
 * Per-atom and per-step arrays, kept out of React state: the 3-D view and the charts read them when
 * `version` changes, so an AQS step costs one small store update, not a copy of every array.
 */
export const atomData = {
  version: 0,
  positions: new Float64Array(0) as Float64Array,
  box: null as Box | null,
  /** |x − x_affine| of the last AQS step per atom, Å. */
  nonaffine: null as Float32Array | null,
  curve: { strain: [] as number[], stress: [] as number[] },
  /** The configurations around each event, by event index. */
  events: new Map<number, EventStates>(),
  analyses: new Map<number, AnalysisResult>(),
  worlds: null as ParallelWorlds | null,
  quenchCurve: { time: [] as number[], temperature: [] as number[] },
};

const listeners = new Set<() => void>();

export function touchAtomData(): void {
  atomData.version++;
  for (const l of listeners) l();
}

export function onAtomData(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
