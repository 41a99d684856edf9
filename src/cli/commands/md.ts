import { writeLammpsData, VELOCITIES } from '../../io/lammpsData';
import { ForceEngine } from '../../engine/forceEngine';
import { Dynamics } from '../../engine/dynamics';
import { thermalVelocities } from '../../engine/velocities';
import { numberOption, optional, parseArgs, UsageError } from '../args';
import { bindToSample, INPUT_HELP, INPUT_OPTIONS, loadPotential, loadSample, withConfiguration } from '../inputs';
import { cliDevice } from '../gpu';
import { progress, writeOutput } from '../output';

export const MD_HELP = `stz-lab md: molecular dynamics on the GPU, NVE or NVT

usage: stz-lab md [--potential FILE] [--data FILE] --steps N [--temperature T [--tdamp 0.1]]
                  [--velocity T] [--seed S] [--dt 0.001] [--every 100] [--log LOG.csv] [--out OUT.data]

${INPUT_HELP}
  --steps N          time steps
  --temperature T    NVT with a Nosé-Hoover chain at T K (LAMMPS fix nvt, Tdamp --tdamp ps, default
                     0.1); without it the run is NVE
  --velocity T       start from Gaussian velocities at T K (zero total momentum) drawn with --seed;
                     without it the data file's Velocities are used (NVT at T > 0 needs some)
  --dt PS            time step, ps (default 0.001)
  --every N          record every N steps (default 100)
  --log FILE         step,time_ps,temperature_K,kinetic_eV,potential_eV,total_eV,conserved_eV per
                     record (conserved adds the thermostat's energy: constant in NVT too)
  --out FILE         the final state as a LAMMPS data file, with Velocities`;

export async function mdCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    ...INPUT_OPTIONS,
    steps: { value: true },
    temperature: { value: true },
    tdamp: { value: true },
    velocity: { value: true },
    seed: { value: true },
    dt: { value: true },
    every: { value: true },
    log: { value: true },
    out: { value: true },
  });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  if (optional(args, 'steps') === undefined) throw new UsageError('--steps is required');
  const steps = numberOption(args, 'steps', 0, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const every = numberOption(args, 'every', 100, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const dt = numberOption(args, 'dt', 0.001, (v) => v > 0 && v < 0.1, 'a time step between 0 and 0.1 ps');
  const nvt = optional(args, 'temperature') !== undefined;
  const temperature = numberOption(args, 'temperature', 0, (v) => v >= 0, 'a temperature in K');
  const tDamp = numberOption(args, 'tdamp', 0.1, (v) => v > 0, 'a positive damping time in ps');
  const pot = loadPotential(args);
  const { system, path } = loadSample(args);
  const tables = bindToSample(pot, system, path);
  const masses = Array.from(system.types, (t) => tables.masses[t]);
  let velocities: Float64Array;
  if (optional(args, 'velocity') !== undefined) {
    const t = numberOption(args, 'velocity', 0, (v) => v >= 0, 'a temperature in K');
    velocities = thermalVelocities(masses, t, numberOption(args, 'seed', 1, (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer'));
  } else {
    const v = system.properties.find((p) => p.name === VELOCITIES)?.values;
    velocities = v instanceof Float64Array ? v : new Float64Array(3 * system.natoms);
    // A Nosé–Hoover thermostat only rescales velocities: from none it would run at 0 K throughout.
    if (nvt && temperature > 0 && velocities.every((x) => x === 0)) {
      throw new UsageError(`--temperature ${temperature}: ${path} has no velocities to thermostat, so the run would stay at 0 K; add --velocity ${temperature} to start from velocities at ${temperature} K`);
    }
  }

  const gpu = await cliDevice();
  const engine = await ForceEngine.create(gpu.device, tables, system.types, system.positions, system.box, 1);
  const md = await Dynamics.create(engine, tables.masses, dt);
  md.setVelocities(0, velocities);
  const log = optional(args, 'log');
  const rows = ['step,time_ps,temperature_K,kinetic_eV,potential_eV,total_eV,conserved_eV'];
  const t0 = performance.now();
  const last = await md.run({
    steps,
    thermostat: nvt ? { tStart: temperature, tStop: temperature, tDamp } : null,
    reportEvery: every,
    onSample: (s) => {
      const total = s.kinetic[0] + s.potential[0];
      rows.push([s.step, s.step * dt, s.temperature[0], s.kinetic[0], s.potential[0], total, total + s.thermostatEnergy[0]].join(','));
      progress(`md: step ${s.step}, ${(s.step * dt).toFixed(3)} ps, T ${s.temperature[0].toFixed(1)} K, PE ${(s.potential[0] / system.natoms).toFixed(5)} eV/atom`);
    },
  });
  const wall = (performance.now() - t0) / 1000;
  if (log !== undefined) writeOutput(log, `${rows.join('\n')}\n`);
  const out = optional(args, 'out');
  if (out !== undefined) {
    const v = await md.readVelocities(0);
    const final = { ...withConfiguration(system, await engine.readPositions(0, system.positions), system.box), properties: [{ name: VELOCITIES, components: 3, kind: 'real' as const, values: v }] };
    writeOutput(out, writeLammpsData(final, { comment: `stz-lab md, ${steps} steps of ${dt} ps from ${path}` }));
  }
  md.destroy();
  engine.destroy();
  gpu.device.destroy();
  progress(`md: ${steps} steps in ${wall.toFixed(2)} s (${(steps / wall).toFixed(0)} steps/s) on ${gpu.adapterName}`);
  if (last.listOverflows > 0) throw new Error(`${last.listOverflows} report periods had more neighbours than the lists held (widened since)`);
  return 0;
}
