import { basename, dirname, extname, join } from 'node:path';
import { writeLammpsData } from '../../io/lammpsData';
import { quench, QUENCH_DEFAULTS } from '../../protocols/quench';
import { bindPotential } from '../../potential/tables';
import { missingQuenchElements, QUENCH_ELEMENTS } from '../../protocols/quenchStart';
import { TENSOR_COMPONENTS } from '../../physics/units';
import { numberOption, optional, parseArgs, UsageError } from '../args';
import { INPUT_OPTIONS, loadPotential, withConfiguration } from '../inputs';
import { cliDevice } from '../gpu';
import { progress, writeOutput } from '../output';

export const QUENCH_HELP = `stz-lab quench: make a Cu–Zr glass by melt–quench molecular dynamics on the GPU

usage: stz-lab quench [--potential FILE] --cells 10 [--cu 0.5] [--seed S] [--melt 3000] [--liquid 2000]
                      [--rate 1e13] [--replicas N] [--out glass.data] [--json glass.json]

  --potential FILE   an EAM potential with Cu and Zr (default: the shipped Cheng-Ma-Sheng file)
  --cells N          N×N×N bcc cells, 2N³ atoms (N = 10: 2000 atoms); at least 5 with the shipped
                     potential, whose boxes must stay wider than twice its 6.5 Å cutoff
  --cu X             Cu fraction (default 0.5: B2 CuZr start; otherwise bcc with Cu placed at random)
  --seed S           velocities and species (default 1)
  --melt K           melt at this temperature (default 3000: B2 superheats at 2000 K) ...
  --melt-ps T        ... for this long (default 5 ps)
  --liquid K         then hold the liquid at this temperature (default 2000) ...
  --liquid-ps T      ... for this long (default 5 ps)
  --rate K/s         then cool to 10 K at this rate (default 1e13; LAMMPS's glass_a used 1e14)
  --replicas N       quench N samples (seeds S, S+1, …) side by side; files get _seed<S> suffixes
  --out FILE         the glass, atoms and cell relaxed to zero stress (default glass.data)
  --json FILE        energies, stresses and cells of the glasses

NVT (Nosé-Hoover chain, Tdamp 0.1 ps, time step 1 fs) at the crystal's volume, as
../shared/lammps/quench.in, then FIRE to 1e-5 eV/Å with the cell relaxed to below 0.1 MPa.
Progress (simulated time, temperature, energy) goes to stderr.`;

export async function quenchCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    potential: INPUT_OPTIONS.potential,
    format: INPUT_OPTIONS.format,
    cells: { value: true },
    cu: { value: true },
    seed: { value: true },
    melt: { value: true },
    'melt-ps': { value: true },
    liquid: { value: true },
    'liquid-ps': { value: true },
    rate: { value: true },
    replicas: { value: true },
    out: { value: true },
    json: { value: true },
  });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  if (optional(args, 'cells') === undefined) throw new UsageError('--cells is required');
  const integer = (name: string, fallback: number, min: number) =>
    numberOption(args, name, fallback, (v) => Number.isInteger(v) && v >= min, `an integer of at least ${min}`);
  const positive = (name: string, fallback: number, what: string) => numberOption(args, name, fallback, (v) => v > 0, what);
  const options = {
    cells: integer('cells', 0, 1),
    cu: numberOption(args, 'cu', QUENCH_DEFAULTS.cu, (v) => v >= 0 && v <= 1, 'a fraction between 0 and 1'),
    seed: integer('seed', QUENCH_DEFAULTS.seed, 0),
    melt: positive('melt', QUENCH_DEFAULTS.melt, 'a positive temperature in K'),
    meltPs: positive('melt-ps', QUENCH_DEFAULTS.meltPs, 'a positive time in ps'),
    liquid: positive('liquid', QUENCH_DEFAULTS.liquid, 'a positive temperature in K'),
    liquidPs: positive('liquid-ps', QUENCH_DEFAULTS.liquidPs, 'a positive time in ps'),
    rate: positive('rate', QUENCH_DEFAULTS.rate, 'a positive cooling rate in K/s'),
    replicas: integer('replicas', 1, 1),
  };
  const pot = loadPotential(args);
  const missing = missingQuenchElements(pot.elements);
  if (missing.length > 0) throw new UsageError(`${pot.source} has no ${missing.join(' or ')}: a Cu–Zr glass needs both`);
  const tables = bindPotential(pot, QUENCH_ELEMENTS);
  const out = optional(args, 'out') ?? 'glass.data';
  const natoms = 2 * options.cells ** 3;
  const gpu = await cliDevice();
  const t0 = performance.now();
  let lastStage = '';
  const result = await quench(gpu.device, tables, options, (p) => {
    if (p.stage !== lastStage) progress(`quench: ${p.stage}`);
    lastStage = p.stage;
    if (p.sample) {
      const s = p.sample;
      const t = s.temperature.map((v) => v.toFixed(0)).join(' ');
      const e = s.potential.map((v) => (v / natoms).toFixed(4)).join(' ');
      progress(`quench: ${p.time.toFixed(1)} / ${p.totalTime.toFixed(1)} ps, T ${t} K (target ${s.targetTemperature[0].toFixed(0)}), PE ${e} eV/atom`);
    }
  });
  gpu.device.destroy();
  const wall = (performance.now() - t0) / 1000;
  const files = result.glasses.map((_, r) =>
    options.replicas === 1 ? out : join(dirname(out), `${basename(out, extname(out))}_seed${options.seed + r}${extname(out) || '.data'}`),
  );
  const summary = result.glasses.map((g, r) => {
    const comment = `stz-lab quench --cells ${options.cells} --cu ${options.cu} --seed ${options.seed + r} --melt ${options.melt} --liquid ${options.liquid} --rate ${options.rate.toExponential()} (${pot.source})`;
    writeOutput(files[r], writeLammpsData(withConfiguration(result.start, g.positions, g.box), { comment }));
    return {
      file: files[r],
      seed: options.seed + r,
      natoms: result.start.natoms,
      energy_per_atom_eV: g.final.energy / result.start.natoms,
      stress_MPa: Object.fromEntries(TENSOR_COMPONENTS.map((c, k) => [c, g.stress[k]])),
      volume_per_atom_A3: g.final.volume / result.start.natoms,
      box: g.box,
      relaxation: g.atoms.stop,
      cell_converged: g.cellConverged,
    };
  });
  const report = { options, potential: pot.source, adapter: gpu.adapterName, wall_s: wall, glasses: summary };
  const json = optional(args, 'json');
  if (json !== undefined) writeOutput(json, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const failed = summary.filter((s) => !s.cell_converged);
  if (failed.length > 0) throw new Error(`the cell of ${failed.map((f) => f.file).join(', ')} did not reach zero stress (written all the same)`);
  return 0;
}

