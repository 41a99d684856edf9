import { writeLammpsDump } from '../../io/dump';
import { evaluateEam, type EamResult } from '../../oracle/eam64';
import { ForceEngine } from '../../engine/forceEngine';
import { toEamResult } from '../../engine/results';
import { wrapPositions, type Box } from '../../system/box';
import { TENSOR_COMPONENTS } from '../../physics/units';
import { optional, parseArgs, UsageError } from '../args';
import { bindToSample, INPUT_HELP, INPUT_OPTIONS, loadPotential, loadSample } from '../inputs';
import { cliDevice } from '../gpu';
import { writeOutput } from '../output';

export const EVAL_HELP = `stz-lab eval: energy, forces and per-atom stress of one configuration

usage: stz-lab eval [--potential FILE] [--data FILE] [--elements Cu,Zr] [--dump OUT.dump] [--json OUT.json] [--cpu]

${INPUT_HELP}
  --dump FILE        LAMMPS custom dump sorted by id: id type x y z fx fy fz pe sxx syy szz sxy sxz syz
                     (pe in eV; s = per-atom stress × volume in bar·Å³, virial only, as LAMMPS
                     compute stress/atom NULL)
  --json FILE        summary: natoms, energy_eV, pressure_bar {xx,yy,zz,xy,xz,yz}, volume_A3, adapter
  --cpu              use the double-precision CPU reference instead of the GPU

Prints the same summary on stdout.`;

export async function evalCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { ...INPUT_OPTIONS, dump: { value: true }, json: { value: true }, cpu: { value: false } });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const pot = loadPotential(args);
  const { system } = loadSample(args);
  const tables = bindToSample(pot, system, optional(args, 'data') ?? 'the default sample');

  let result: EamResult;
  let adapter: string;
  if (args.flags.has('cpu')) {
    result = evaluateEam(tables, system.box, system.positions, system.types);
    adapter = 'CPU (f64 reference)';
  } else {
    const gpu = await cliDevice();
    // Positions go to the GPU wrapped into the cell, where f32 resolves them best.
    const wrapped = wrapPositions(system.box, system.positions);
    const engine = await ForceEngine.create(gpu.device, tables, system.types, wrapped, system.box, 1);
    await engine.evaluate();
    result = toEamResult(await engine.readAtoms(0), system.box);
    engine.destroy();
    gpu.device.destroy();
    adapter = gpu.adapterName;
  }

  const summary = {
    natoms: system.natoms,
    energy_eV: result.energy,
    pressure_bar: Object.fromEntries(TENSOR_COMPONENTS.map((c, k) => [c, result.pressure[k]])),
    volume_A3: result.volume,
    adapter,
  };
  const dump = optional(args, 'dump');
  if (dump !== undefined) writeOutput(dump, dumpText(system.ids, system.types, system.positions, result, system.box));
  const json = optional(args, 'json');
  if (json !== undefined) writeOutput(json, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}

function dumpText(ids: Int32Array, types: Int32Array, x: Float64Array, r: EamResult, box: Box): string {
  const n = ids.length;
  const per = (a: Float64Array, stride: number, c: number) => Float64Array.from({ length: n }, (_, i) => a[stride * i + c]);
  const columns = ['id', 'type', 'x', 'y', 'z', 'fx', 'fy', 'fz', 'pe', 'sxx', 'syy', 'szz', 'sxy', 'sxz', 'syz'];
  const rows = [
    ids,
    Int32Array.from(types, (t) => t + 1),
    per(x, 3, 0), per(x, 3, 1), per(x, 3, 2),
    per(r.forces, 3, 0), per(r.forces, 3, 1), per(r.forces, 3, 2),
    r.peAtom,
    ...[0, 1, 2, 3, 4, 5].map((c) => per(r.stressAtom, 6, c)),
  ];
  return writeLammpsDump({ timestep: 0, box, columns, rows });
}
