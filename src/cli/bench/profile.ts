import { ForceEngine } from '../../engine/forceEngine';
import { Minimizer } from '../../engine/minimizer';
import { wrapPositions } from '../../system/box';
import type { EamTables } from '../../potential/tables';
import type { AtomSystem } from '../../system/system';
import { formatTable } from '../table';

export interface KernelTiming {
  readonly name: string;
  readonly ms: number;
}

/**
 * Where the time of one minimiser iteration goes, for `replicas` replicas of the sample: each
 * group of dispatches recorded 20 times in one pass and timed from submission to completion.
 * The lists are built once before, so the neighbour work is the per-iteration check alone.
 */
export async function profileIteration(device: GPUDevice, tables: EamTables, system: AtomSystem, replicas: number, lists: 'shared' | 'per-replica'): Promise<KernelTiming[]> {
  const engine = await ForceEngine.create(device, tables, system.types, wrapPositions(system.box, system.positions), system.box, replicas, { lists });
  // A tolerance nothing reaches keeps every replica running through the minimiser's kernels.
  const minimizer = await Minimizer.create(engine, tables.masses, { fmax: 1e-12, maxIterations: 1e6 });
  await engine.evaluate();
  minimizer.start();
  const groups: (readonly [string, (pass: GPUComputePassEncoder) => void])[] = [
    ...engine.stages(),
    ['minimiser step (sums, control, move)', (p) => minimizer.encodeStep(p)],
    ['whole iteration', (p) => minimizer.encodeIteration(p)],
  ];
  const out: KernelTiming[] = [];
  for (const [name, encode] of groups) {
    const time = async (n: number) => {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      for (let k = 0; k < n; k++) encode(pass);
      pass.end();
      const t0 = performance.now();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      return performance.now() - t0;
    };
    await time(2);
    out.push({ name, ms: (await time(20)) / 20 });
  }
  minimizer.destroy();
  engine.destroy();
  return out;
}

export function profileTable(rows: readonly KernelTiming[], replicas: number, natoms: number, lists: string): string {
  const whole = rows.find((r) => r.name === 'whole iteration')!.ms;
  const table = formatTable(
    ['kernels', 'ms', 'share'],
    rows.map((r) => [r.name, r.ms.toFixed(3), r.name === 'whole iteration' ? '' : `${((100 * r.ms) / whole).toFixed(0)} %`]),
  );
  return `One minimiser iteration, ${replicas} replicas of ${natoms} atoms, ${lists} lists (already built)\n\n${table}`;
}
