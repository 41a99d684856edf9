import { writeLammpsData } from '../../io/lammpsData';
import { relax } from '../../protocols/relax';
import { TENSOR_COMPONENTS } from '../../physics/units';
import { MIN_DEFAULTS } from '../../engine/minimizer';
import { optional, parseArgs, required, UsageError } from '../args';
import { bindToSample, INPUT_HELP, INPUT_OPTIONS, loadPotential, loadSample, withConfiguration } from '../inputs';
import { cliDevice } from '../gpu';
import { progress, writeOutput } from '../output';
import { MINIMIZE_OPTIONS, minimizeHelp, minimizeOptions } from '../minimizeOptions';

export const RELAX_HELP = `stz-lab relax: energy minimisation on the GPU, at fixed cell or with the cell

usage: stz-lab relax [--potential FILE] [--data FILE] --out OUT.data [--fmax X] [--cell] [--json OUT.json]

${INPUT_HELP}
  --out FILE         the relaxed configuration as a LAMMPS data file
${minimizeHelp(MIN_DEFAULTS.fmax)}
  --cell             also relax the cell (all six components) to zero stress, within 0.1 MPa as the
                     double-precision reference measures it on the result
  --json FILE        summary: energy, stress (MPa), box, iterations, how the relaxation stopped

Progress goes to stderr. The exit status is 1 when the relaxation did not converge (iteration cap,
or the cell did not reach zero stress); the output is written all the same.`;

export async function relaxCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { ...INPUT_OPTIONS, ...MINIMIZE_OPTIONS, out: { value: true }, cell: { value: false }, json: { value: true } });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const out = required(args, 'out');
  const minimize = minimizeOptions(args, MIN_DEFAULTS.fmax);
  const pot = loadPotential(args);
  const { system, path } = loadSample(args);
  const tables = bindToSample(pot, system, path);
  const gpu = await cliDevice();
  const t0 = performance.now();
  const result = await relax(gpu.device, tables, system.types, system.positions, system.box, tables.masses, { minimize, cell: args.flags.has('cell') }, (p) => {
    if (p.minimize) {
      const s = p.minimize.replicas[0];
      progress(`relax: ${args.flags.has('cell') ? `cell step ${p.cellStep}, ` : ''}iteration ${s.iterations}, fmax ${s.fmax.toExponential(2)} eV/Å, energy ${s.energy.toFixed(4)} eV`);
    } else if (args.flags.has('cell')) {
      progress(`relax: cell step ${p.cellStep}: stress ${p.stress.map((s) => s.toFixed(3)).join(' ')} MPa`);
    }
  });
  const wall = (performance.now() - t0) / 1000;
  gpu.device.destroy();

  writeOutput(out, writeLammpsData(withConfiguration(system, result.positions, result.box), { comment: `relaxed by stz-lab relax from ${path}` }));
  const summary = {
    natoms: system.natoms,
    energy_eV: result.final.energy,
    energy_per_atom_eV: result.final.energy / system.natoms,
    stress_MPa: Object.fromEntries(TENSOR_COMPONENTS.map((c, k) => [c, result.stress[k]])),
    box: result.box,
    stop: result.atoms.stop,
    iterations: result.atoms.iterations,
    fmax_eV_per_A: result.atoms.fmax,
    cell_steps: args.flags.has('cell') ? result.cellSteps : undefined,
    cell_converged: args.flags.has('cell') ? result.cellConverged : undefined,
    adapter: gpu.adapterName,
    wall_s: wall,
  };
  const json = optional(args, 'json');
  if (json !== undefined) writeOutput(json, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (result.atoms.stop === 'max-iterations' || result.atoms.stop === 'uphill') {
    throw new Error(`the relaxation did not converge: it stopped at ${result.atoms.stop} after ${result.atoms.iterations} iterations with fmax ${result.atoms.fmax.toExponential(2)} eV/Å (output written to ${out})`);
  }
  if (!result.cellConverged) throw new Error(`the cell did not reach zero stress in ${result.cellSteps} steps (output written to ${out})`);
  return 0;
}
