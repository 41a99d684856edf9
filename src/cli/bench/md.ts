import { Dynamics } from '../../engine/dynamics';
import { ForceEngine } from '../../engine/forceEngine';
import { thermalVelocities } from '../../engine/velocities';
import type { EamTables } from '../../potential/tables';
import type { AtomSystem } from '../../system/system';
import type { LammpsTiming } from '../lammps';
import { formatTable } from '../table';

export const MD_TEMPERATURE = 2000;

export interface MdTiming {
  readonly replicas: number;
  readonly steps: number;
  readonly seconds: number;
}

/** NVT steps of the sample heated to 2000 K, after a short warm-up run that builds everything. */
export async function timeMd(device: GPUDevice, tables: EamTables, system: AtomSystem, replicas: number, steps: number): Promise<MdTiming> {
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

/** `absent`: why there is no LAMMPS comparison, printed where `lammps` is null. */
export function mdTable(rows: readonly MdTiming[], lammps: LammpsTiming | null, absent: string): string {
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
  const note = lammps ? 'LAMMPS (lmp, 1 process): fix nvt, the same steps, one sample at a time.' : absent;
  return `MD, NVT at ${MD_TEMPERATURE} K, time step 1 fs\n\n${table}\n${note}`;
}
