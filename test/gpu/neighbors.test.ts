import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForceEngine } from '../../src/engine/forceEngine';
import type { PerReplicaWork } from '../../src/engine/pairWork';
import type { NeighborLists } from '../../src/kernels/neighborList';
import { accuracy, toEamResult } from '../../src/engine/results';
import { evaluateEam } from '../../src/oracle/eam64';
import { findPairs } from '../../src/oracle/pairs';
import { readBuffer } from '../../src/gpu/buffers';
import type { EngineDevice } from '../../src/gpu/device';
import type { Box } from '../../src/system/box';
import { testDevice } from '../helpers/gpu';
import { referenceCase } from '../helpers/reference';
import { deform, jiggle } from '../helpers/perturb';

let gpu: EngineDevice;
beforeAll(async () => {
  gpu = await testDevice();
});
afterAll(() => gpu.device.destroy());

async function expectMatchesOracle(engine: ForceEngine, replica: number, positions: Float64Array, box: Box) {
  const totals = await engine.evaluate();
  const got = toEamResult(await engine.readAtoms(replica), box);
  const err = accuracy(got, totals[replica], box, evaluateEam(engine.tables, box, positions, engine.types));
  expect(err.force).toBeLessThan(1e-4);
  expect(err.atomEnergy).toBeLessThan(1e-5);
}

/** Moves atoms as a minimiser step would: without asking for a rebuild. */
function moveOnGpu(engine: ForceEngine, positions: Float64Array, replica: number) {
  engine.setPositions(positions, replica, true);
}

function listsOf(engine: ForceEngine): NeighborLists {
  return (engine.work as PerReplicaWork).lists;
}

describe('GPU neighbour lists', () => {
  const { system, tables } = referenceCase('reference', 'b2_tri', 'sheng');

  it('hold exactly the pairs within cutoff + skin, in a triclinic box, per replica', async () => {
    const sheared = deform(jiggle(system.positions, 0.1, 3), system.box, [1, 0.05, 0.02, 0, 1, -0.03, 0, 0, 1]);
    const engine = await ForceEngine.create(gpu.device, tables, system.types, system.positions, system.box, 2);
    engine.setBoxes([system.box, sheared.box]);
    engine.setPositions(sheared.positions, 1);
    await engine.evaluate();
    const n = engine.natoms;
    const k = listsOf(engine).maxNeighbors;
    const cutoff = tables.cutoff + engine.skin;
    for (const [r, x, box] of [[0, system.positions, system.box], [1, sheared.positions, sheared.box]] as const) {
      const counts = new Uint32Array(await readBuffer(gpu.device, listsOf(engine).neighborCount, 4 * n * r, 4 * n));
      const lists = new Uint32Array(await readBuffer(gpu.device, listsOf(engine).neighbors, 4 * n * k * r, 4 * n * k));
      const gpuPairs = new Set<string>();
      for (let i = 0; i < n; i++) {
        for (let m = 0; m < counts[i]; m++) gpuPairs.add(`${i},${lists[m * n + i]}`);
      }
      // Pairs within 1e-4 Å of the list cutoff may fall either side in f32; leave them out.
      const inner = findPairs(box, x, cutoff - 1e-4);
      const outer = findPairs(box, x, cutoff + 1e-4);
      for (let q = 0; q < inner.count; q++) {
        expect(gpuPairs.has(`${inner.i[q]},${inner.j[q]}`)).toBe(true);
        expect(gpuPairs.has(`${inner.j[q]},${inner.i[q]}`)).toBe(true);
      }
      expect(gpuPairs.size).toBeGreaterThanOrEqual(2 * inner.count);
      expect(gpuPairs.size).toBeLessThanOrEqual(2 * outer.count);
    }
    engine.destroy();
  });

  it('rebuild by themselves when an atom moves more than half the skin', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, system.positions, system.box, 1);
    await engine.evaluate();
    // Atom 0 jumps 0.8 Å, more than half the skin: without a rebuild it would miss the neighbours
    // that came within the cutoff from beyond cutoff + skin.
    const moved = Float64Array.from(system.positions);
    moved[0] += 0.6;
    moved[1] -= 0.53;
    const partners = (x: Float64Array, cut: number) => {
      const p = findPairs(system.box, x, cut);
      return new Set([...p.i.keys()].filter((q) => p.i[q] === 0 || p.j[q] === 0).map((q) => (p.i[q] === 0 ? p.j[q] : p.i[q])));
    };
    const before = partners(system.positions, tables.cutoff + engine.skin);
    expect([...partners(moved, tables.cutoff)].some((j) => !before.has(j))).toBe(true);
    moveOnGpu(engine, moved, 0);
    await expectMatchesOracle(engine, 0, moved, system.box);
    // Small moves keep the list, which is still exact thanks to the skin.
    const nudged = jiggle(moved, 0.1, 5);
    moveOnGpu(engine, nudged, 0);
    await expectMatchesOracle(engine, 0, nudged, system.box);
    engine.destroy();
  });

  it('grow when an atom has more neighbours than the lists hold', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, system.positions, system.box, 1, { maxNeighbors: 8 });
    await expectMatchesOracle(engine, 0, system.positions, system.box);
    const most = Math.max(...new Uint32Array(await readBuffer(gpu.device, listsOf(engine).neighborCount)));
    expect(listsOf(engine).maxNeighbors).toBeGreaterThanOrEqual(most);
    engine.destroy();
  });

  it('follow a large shear that changes the cell grid', async () => {
    const glass = referenceCase('reference', 'glass_a_perturbed', 'sheng');
    const s = glass.system;
    const engine = await ForceEngine.create(gpu.device, glass.tables, s.types, s.positions, s.box, 1);
    await engine.evaluate();
    // 30 % xy shear thins the x width below four list cutoffs' worth of cells.
    const sheared = deform(s.positions, s.box, [1, 0.3, 0, 0, 1, 0, 0, 0, 1]);
    // A new box carries the atoms affinely: the same as setting the sheared positions.
    engine.setBoxes([sheared.box]);
    await expectMatchesOracle(engine, 0, sheared.positions, sheared.box);
    engine.destroy();
  });
});
