import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForceEngine } from '../../src/engine/forceEngine';
import { accuracy, toEamResult } from '../../src/engine/results';
import { findCandidates } from '../../src/kernels/sharedLists';
import { evaluateEam } from '../../src/oracle/eam64';
import { minimumImage, type Box, type Vec3 } from '../../src/system/box';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';
import { nodeGpu } from '../../src/gpu/node';
import { Minimizer } from '../../src/engine/minimizer';
import type { SharedWork } from '../../src/engine/pairWork';
import { readBuffer } from '../../src/gpu/buffers';
import { referenceCase } from '../helpers/reference';
import { deform, jiggle } from '../helpers/perturb';

let gpu: EngineDevice;
beforeAll(async () => {
  gpu = await testDevice();
});
afterAll(() => gpu.device.destroy());

async function expectExact(engine: ForceEngine, replica: number, positions: Float64Array, box: Box) {
  const totals = await engine.evaluate();
  const got = toEamResult(await engine.readAtoms(replica), box);
  const err = accuracy(got, totals[replica], box, evaluateEam(engine.tables, box, positions, engine.types));
  // The per-replica lists' accuracy (test/gpu/forces.test.ts).
  expect(err.force).toBeLessThan(1e-4);
  expect(err.atomEnergy).toBeLessThan(1e-5);
  expect(err.pressure).toBeLessThan(1);
}

/** One evaluation of the replicas being visited, without evaluate()'s reset to all of them. */
function submit(engine: ForceEngine) {
  const encoder = gpu.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  engine.encode(pass);
  pass.end();
  gpu.device.queue.submit([encoder.finish()]);
}

describe('shared neighbour lists', () => {
  // A triclinic B2 cell, sheared further so no axis is special.
  const { system, tables } = referenceCase('reference', 'b2_tri', 'sheng');
  const ref = deform(system.positions, system.box, [1, 0.04, -0.02, 0, 1, 0.03, 0, 0, 1]);

  it('hold as candidates every atom within the cutoff of each atom, both ways, in ascending order', () => {
    const glass = referenceCase('reference', 'glass_a_perturbed', 'sheng').system;
    const cutoff = 10;
    const c = findCandidates(glass, cutoff);
    const n = glass.natoms;
    const d: Vec3 = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const expected: number[] = [];
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        for (let a = 0; a < 3; a++) d[a] = glass.positions[3 * i + a] - glass.positions[3 * j + a];
        minimumImage(glass.box, d);
        if (Math.hypot(...d) < cutoff) expected.push(j);
      }
      expect(Array.from(c.atoms.subarray(c.start[i], c.start[i + 1]))).toEqual(expected);
    }
    expect(c.widest).toBe(Math.max(...Array.from({ length: n }, (_, i) => c.start[i + 1] - c.start[i])));
    // A cutoff beyond half the cell: every other atom, whatever its image.
    const all = findCandidates({ ...ref, types: system.types }, 9.3);
    expect(all.widest).toBe(system.natoms - 1);
    expect(Array.from(all.atoms.subarray(all.start[3], all.start[4]))).toEqual([...Array(system.natoms).keys()].filter((j) => j !== 3));
  });

  it('give every replica its exact forces as its atoms move within the allowance', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, ref.positions, ref.box, 3, { lists: 'shared', allowance: 0.8 });
    const moved = [ref.positions, jiggle(ref.positions, 0.2, 7), jiggle(ref.positions, 0.3, 8)];
    moved.forEach((x, r) => engine.setPositions(x, r));
    for (let r = 0; r < 3; r++) await expectExact(engine, r, moved[r], ref.box);
    // Moves smaller than half the skin keep each replica's masks, which still hold every neighbour.
    const nudged = jiggle(moved[2], 0.1, 9);
    engine.setPositions(nudged, 2, true);
    await expectExact(engine, 2, nudged, ref.box);
    // Larger moves, again without asking: the replica finds them and rebuilds its masks itself.
    const jumped = jiggle(moved[1], 0.25, 10);
    engine.setPositions(jumped, 1, true);
    await expectExact(engine, 1, jumped, ref.box);
    expect((await engine.checkLists()).outgrown).toEqual([]);
    engine.destroy();
  });

  it('report a replica with an atom beyond the allowance, and widen to hold it', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, ref.positions, ref.box, 2, { lists: 'shared', allowance: 0.3 });
    const far = Float64Array.from(ref.positions);
    far[0] += 0.9;
    far[1] -= 0.7;
    engine.setPositions(far, 1);
    submit(engine);
    // Stopped on the GPU at once: the passes skip it, and a minimiser stops it as 'outgrown'.
    expect(Array.from(new Uint32Array(await readBuffer(gpu.device, engine.state.active)).subarray(0, 2))).toEqual([1, 0]);
    expect(await engine.checkLists()).toEqual({ repeat: false, outgrown: [1] });
    // Widened: the same positions are now within the allowance, and exact.
    await expectExact(engine, 1, far, ref.box);
    expect((await engine.checkLists()).outgrown).toEqual([]);
    engine.destroy();
  });

  it('stop a relaxation whose atom strayed beyond the allowance as outgrown, the others running on', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, ref.positions, ref.box, 2, { lists: 'shared', allowance: 0.3 });
    const far = Float64Array.from(ref.positions);
    far[0] += 0.9;
    engine.setPositions(far, 1);
    const minimizer = await Minimizer.create(engine, tables.masses, { fmax: 1e-9 });
    minimizer.start();
    const { statuses } = await minimizer.submit(3).result();
    expect(statuses.map((s) => s.stop)).toEqual([null, 'outgrown']);
    // Started again on the widened lists, it runs.
    engine.setPositions(far, 1);
    minimizer.restart(1);
    expect((await minimizer.advance(3)).map((s) => s.stop)).toEqual([null, null]);
    minimizer.destroy();
    engine.destroy();
  });

  it('visit from the next iteration on only the replicas still running, with no status read between', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, ref.positions, ref.box, 3, { lists: 'shared' });
    for (const r of [1, 2]) engine.setPositions(jiggle(ref.positions, 0.05, r), r);
    const minimizer = await Minimizer.create(engine, tables.masses, { fmax: 1e-9 });
    // Nothing of replica 0 is free to move: it settles at its first iteration.
    minimizer.setFrozen(0, Array.from({ length: system.natoms }, (_, i) => i));
    minimizer.start();
    const { statuses } = await minimizer.submit(4).result();
    expect(statuses.map((s) => [s.stop, s.iterations])).toEqual([['converged', 0], [null, 4], [null, 4]]);
    const lists = (engine.work as SharedWork).lists;
    expect(Array.from(new Uint32Array(await readBuffer(gpu.device, lists.running, 0, 12)))).toEqual([2, 1, 2]);
    expect(Array.from(new Uint32Array(await readBuffer(gpu.device, lists.listed, 0, 16)))).toEqual([3, 0, 1, 2]);
    minimizer.destroy();
    engine.destroy();
  });

  it('rebuild the masks of a replica left out of the visits once it is visited again', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, ref.positions, ref.box, 2, { lists: 'shared', allowance: 0.3 });
    await engine.evaluate();
    const far = Float64Array.from(ref.positions);
    far[0] += 0.9;
    engine.setPositions(far, 0);
    engine.visitOnly([0]);
    submit(engine);
    // Widening replaces every mask; replica 1, not visited, must keep its request to rebuild.
    expect((await engine.checkLists()).outgrown).toEqual([0]);
    submit(engine);
    await expectExact(engine, 1, ref.positions, ref.box);
    await expectExact(engine, 0, far, ref.box);
    engine.destroy();
  });

  it("fit Chrome's 10 storage buffers per shader stage", async () => {
    const adapter = (await nodeGpu().requestAdapter())!;
    const l = adapter.limits;
    const device = await adapter.requestDevice({
      requiredLimits: { maxStorageBuffersPerShaderStage: 10, maxStorageBufferBindingSize: l.maxStorageBufferBindingSize, maxBufferSize: l.maxBufferSize },
    });
    const engine = await ForceEngine.create(device, tables, system.types, ref.positions, ref.box, 2, { lists: 'shared' });
    const minimizer = await Minimizer.create(engine, tables.masses);
    expect((await engine.evaluate()).length).toBe(2);
    minimizer.destroy();
    engine.destroy();
    device.destroy();
  });

  it('refuse a cell other than the reference one', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, system.types, ref.positions, ref.box, 1, { lists: 'shared' });
    expect(() => engine.setBoxes([{ ...ref.box, xy: ref.box.xy + 0.01 }])).toThrow(/cell of its reference configuration/);
    engine.destroy();
  });

  it('are exact on a 2000-atom glass whose atoms moved up to 0.7 Å', async () => {
    const glass = referenceCase('reference', 'glass_a_perturbed', 'sheng');
    const s = glass.system;
    // A smooth 0.6 Å wave in x along y, roughened by 0.08 Å: far beyond half the skin, mild forces.
    const x = jiggle(s.positions, 0.08, 4).map((v, k) => (k % 3 === 0 ? v + 0.6 * Math.sin((2 * Math.PI * s.positions[k + 1]) / s.box.ly) : v));
    const shared = await ForceEngine.create(gpu.device, glass.tables, s.types, s.positions, s.box, 1, { lists: 'shared' });
    shared.setPositions(x, 0);
    await expectExact(shared, 0, x, s.box);
    expect((await shared.checkLists()).outgrown).toEqual([]);
    shared.destroy();
  });
});
