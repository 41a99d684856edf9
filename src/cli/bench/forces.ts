import { ForceEngine } from '../../engine/forceEngine';
import { CapacityError } from '../../kernels/neighborList';
import type { EamTables } from '../../potential/tables';
import { wrapPositions } from '../../system/box';
import type { AtomSystem } from '../../system/system';
import { formatTable } from '../table';

export interface BenchRow {
  readonly replicas: number;
  readonly skipped?: string;
  readonly msPerEvaluation?: number;
  readonly pairEvaluationsPerSecond?: number;
  readonly firstEvaluationMs?: number;
  readonly listWidth?: number;
}

export async function timeReplicas(
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
    listWidth: engine.listWidth,
  };
  engine.destroy();
  return row;
}

/** The force table of a sample of `natoms` atoms, then a line for each replica count skipped. */
export function forceTable(rows: readonly BenchRow[], natoms: number): string {
  const header = ['replicas', 'atoms', 'ms/evaluation', 'pair evals/s', 'first eval ms', 'list width'];
  const table = formatTable(
    header,
    rows.map((row) =>
      row.skipped
        ? [String(row.replicas), String(row.replicas * natoms), 'skipped', '', '', '']
        : [
            String(row.replicas),
            String(row.replicas * natoms),
            row.msPerEvaluation!.toPrecision(4),
            row.pairEvaluationsPerSecond!.toExponential(2),
            row.firstEvaluationMs!.toFixed(0),
            String(row.listWidth),
          ],
    ),
  );
  const notes = rows.filter((r) => r.skipped).map((r) => `skipped ${r.replicas} replicas: ${r.skipped}`);
  return [table, ...notes].join('\n');
}
