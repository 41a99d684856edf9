import { useSyncExternalStore } from 'react';
import { atomData, onAtomData } from '../atomData';
import { currentSample, useApp } from '../store';
import type { AnalysisResult } from '../worker/protocol';

export interface SelectedAtom {
  readonly index: number;
  /** "Atom 202 (Zr), STZ core, marginal" */
  readonly title: string;
  /** The shown event's analysis, if it has one. */
  readonly analysis: AnalysisResult | undefined;
  /** Undefined where not analysed. */
  readonly df: number | undefined;
  readonly marginal: boolean;
}

/** The picked atom as the atom panel and the view's card describe it; null when none is. */
export function useSelectedAtom(): SelectedAtom | null {
  useSyncExternalStore(onAtomData, () => atomData.version);
  const i = useApp((s) => s.selectedAtom);
  const selectedEvent = useApp((s) => s.selectedEvent);
  const c = useApp((s) => s.classification);
  const sample = currentSample();
  if (i === null || !sample) return null;
  const { system } = sample;
  const r = selectedEvent === null ? undefined : atomData.analyses.get(selectedEvent);
  const k = r ? Array.prototype.indexOf.call(r.atoms, i) : -1;
  const inCore = k >= 0 && c !== null && c.core.includes(k);
  const marginal = k >= 0 && r!.marginal[k] === 1;
  const element = system.typeNames[system.types[i]] ?? `type ${system.types[i] + 1}`;
  return {
    index: i,
    title: `Atom ${system.ids[i]} (${element})${inCore ? ', STZ core' : ''}${marginal ? ', marginal' : ''}`,
    analysis: r,
    df: k >= 0 ? r!.df[k] : undefined,
    marginal,
  };
}
