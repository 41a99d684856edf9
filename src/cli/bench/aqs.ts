import type { EamTables } from '../../potential/tables';
import { AQS_FMAX, runAqs } from '../../protocols/aqs';
import type { ShearDirection } from '../../protocols/shear';
import type { AtomSystem } from '../../system/system';
import type { LammpsTiming } from '../lammps';
import { formatTable } from '../table';

export interface AqsTiming {
  readonly directions: number;
  readonly steps: number;
  readonly seconds: number;
  readonly iterationsPerStep: number;
}

/** Strain steps after the first relaxation, timed from the first step's start to the last step's end. */
export async function timeAqs(device: GPUDevice, tables: EamTables, system: AtomSystem, directions: readonly ShearDirection[], steps: number): Promise<AqsTiming> {
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

/** `absent`: why there is no LAMMPS comparison, printed where `lammps` is null. */
export function aqsTable(rows: readonly AqsTiming[], lammps: LammpsTiming | null, absent: string): string {
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
    ? `LAMMPS (lmp, 1 process): FIRE, min_modify norm inf, the same steps one direction at a time; ${lammps.runs} minimisations timed.`
    : absent;
  return `AQS, −xy first (then +xy, ±xz, ±yz), strain step 5e-5, fmax ${AQS_FMAX.toExponential(0)} eV/Å\n\n${table}\n${note}`;
}
