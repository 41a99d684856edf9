import type { Accuracy } from '../src/engine/results';

/** One replica's errors: against the f64 oracle always, against LAMMPS for replica 0 only. */
export interface ReplicaCheck {
  readonly replica: number;
  readonly oracle: Accuracy;
  readonly lammps?: Accuracy;
}

export interface EngineCheckResult {
  readonly adapter: string;
  readonly config: string;
  readonly potential: string;
  readonly natoms: number;
  readonly replicas: readonly ReplicaCheck[];
  /** Wall time of one evaluate() of all replicas, ms (after the first). */
  readonly evaluateMs: number;
}

export type EngineCheckOutcome = EngineCheckResult | { readonly error: string };

declare global {
  interface Window {
    /** Set once the check page's module has loaded and navigator.gpu exists. */
    ready?: boolean;
    runEngineCheck?: (config: string, potential: string, replicas: number) => Promise<EngineCheckOutcome>;
  }
}
