import { ForceEngine } from '../../engine/forceEngine';
import { CapacityError } from '../../kernels/neighborList';
import { findPairs } from '../../oracle/pairs';
import { wrapPositions } from '../../system/box';
import type { EamTables } from '../../potential/tables';
import type { AtomSystem } from '../../system/system';
import { numberOption, optional, parseArgs, UsageError } from '../args';
import { bindToSample, INPUT_HELP, INPUT_OPTIONS, loadPotential, loadSample } from '../inputs';
import { cliDevice } from '../gpu';
import { progress, writeOutput } from '../output';
import { formatTable } from '../table';

export const BENCH_HELP = `stz-lab bench: speed of the GPU engine

usage: stz-lab bench [--potential FILE] [--data FILE] [--replicas 1,64,512,2001] [--seconds S] [--json OUT.json]

${INPUT_HELP}
  --replicas LIST    replica counts to time (default 1,64,512,2001)
  --seconds S        time spent measuring each size (default 2)
  --json FILE        the table as JSON

A force evaluation is the neighbour-list check and the three EAM passes for all replicas, as a
minimiser step runs them. Pair evaluations count each ordered pair within the cutoff once per
pass that reads it (density and force), so one evaluation of N atoms with n neighbours each is
2·N·n·R of them.`;

export interface BenchRow {
  readonly replicas: number;
  readonly skipped?: string;
  readonly msPerEvaluation?: number;
  readonly pairEvaluationsPerSecond?: number;
  readonly firstEvaluationMs?: number;
  readonly listWidth?: number;
}

export async function benchCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { ...INPUT_OPTIONS, replicas: { value: true }, seconds: { value: true }, json: { value: true } });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const replicaCounts = (optional(args, 'replicas') ?? '1,64,512,2001').split(',').map((w) => {
    const r = Number(w);
    if (!Number.isInteger(r) || r < 1 || r > 65535) throw new UsageError(`--replicas takes integers from 1 to 65535, got '${w}'`);
    return r;
  });
  const seconds = numberOption(args, 'seconds', 2, (v) => v > 0, 'a positive number of seconds');
  const pot = loadPotential(args);
  const { system, path } = loadSample(args);
  const tables = bindToSample(pot, system, path);
  const gpu = await cliDevice();
  const pairsPerReplica = 2 * 2 * findPairs(system.box, system.positions, tables.cutoff).count;

  const rows: BenchRow[] = [];
  for (const r of replicaCounts) {
    progress(`bench: ${r} replica${r === 1 ? '' : 's'}…`);
    rows.push(await timeReplicas(gpu.device, tables, system, r, pairsPerReplica, seconds));
  }
  gpu.device.destroy();

  const header = ['replicas', 'atoms', 'ms/evaluation', 'pair evals/s', 'first eval ms', 'list width'];
  const table = formatTable(
    header,
    rows.map((row) =>
      row.skipped
        ? [String(row.replicas), String(row.replicas * system.natoms), 'skipped', '', '', '']
        : [
            String(row.replicas),
            String(row.replicas * system.natoms),
            row.msPerEvaluation!.toPrecision(4),
            row.pairEvaluationsPerSecond!.toExponential(2),
            row.firstEvaluationMs!.toFixed(0),
            String(row.listWidth),
          ],
    ),
  );
  const notes = rows.filter((r) => r.skipped).map((r) => `skipped ${r.replicas} replicas: ${r.skipped}`);
  process.stdout.write(
    `EAM force evaluation, ${system.natoms} atoms (${path}), ${pot.source}\nadapter: ${gpu.adapterName}\n\n${table}\n` +
      notes.map((n) => `${n}\n`).join(''),
  );
  const json = optional(args, 'json');
  if (json !== undefined) {
    writeOutput(json, `${JSON.stringify({ adapter: gpu.adapterName, natoms: system.natoms, sample: path, potential: pot.source, rows }, null, 2)}\n`);
  }
  return 0;
}

async function timeReplicas(
  device: GPUDevice,
  tables: EamTables,
  system: AtomSystem,
  replicas: number,
  pairsPerReplica: number,
  seconds: number,
): Promise<BenchRow> {
  let engine: ForceEngine;
  try {
    engine = await ForceEngine.create(device, tables, system.types, wrapPositions(system.box, system.positions), system.box, replicas);
  } catch (e) {
    if (e instanceof CapacityError) return { replicas, skipped: e.message };
    throw e;
  }
  const t0 = performance.now();
  await engine.evaluate();
  const first = performance.now() - t0;
  // Batches of evaluations in one submission, as the minimiser records them, doubled until a batch
  // is long enough to time.
  const run = async (count: number) => {
    const start = performance.now();
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    for (let k = 0; k < count; k++) engine.encode(pass);
    pass.end();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    return performance.now() - start;
  };
  let batch = 1;
  let elapsed = await run(batch);
  while (elapsed < (seconds * 1000) / 4 && batch < 1 << 16) {
    batch *= 2;
    elapsed = await run(batch);
  }
  let total = elapsed;
  let count = batch;
  while (total < seconds * 1000) {
    total += await run(batch);
    count += batch;
  }
  const ms = total / count;
  const row = {
    replicas,
    msPerEvaluation: ms,
    pairEvaluationsPerSecond: (pairsPerReplica * replicas) / (ms / 1000),
    firstEvaluationMs: first,
    listWidth: engine.lists.maxNeighbors,
  };
  engine.destroy();
  return row;
}
