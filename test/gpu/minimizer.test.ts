import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForceEngine } from '../../src/engine/forceEngine';
import { Minimizer } from '../../src/engine/minimizer';
import { evaluateEam } from '../../src/oracle/eam64';
import { readLammpsData } from '../../src/io/lammpsData';
import { bindPotential } from '../../src/potential/tables';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';
import { fixtureText, POTENTIALS } from '../helpers/reference';
import { jiggle } from '../helpers/perturb';

let gpu: EngineDevice;
beforeAll(async () => {
  gpu = await testDevice();
});
afterAll(() => gpu.device.destroy());

const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);
// LAMMPS relax.in: CG to a force 2-norm of 1e-10 eV/Å from glass_a_jiggled.
const GLASS_A_ENERGY = -9935.5317354;

describe('GPU minimiser', () => {
  const jiggled = readLammpsData(fixtureText('reference/glass_a_jiggled.data'), 'glass_a_jiggled.data');
  const glass = readLammpsData(fixtureText('reference/glass_a.data'), 'glass_a.data');

  it.each(['fire', 'sd'] as const)('%s relaxes glass_a_jiggled back to the LAMMPS minimum', async (method) => {
    const engine = await ForceEngine.create(gpu.device, tables, jiggled.types, jiggled.positions, jiggled.box, 1);
    // At the default 1e-4 eV/Å the glass's soft modes leave atoms ~5e-3 Å short; 1e-5 is within
    // what f32 fixed-point forces resolve (~5e-6 eV/Å).
    const minimizer = await Minimizer.create(engine, tables.masses, { method, fmax: 1e-5 });
    const [status] = await minimizer.run();
    expect(status.stop).toBe('converged');
    expect(status.fmax).toBeLessThanOrEqual(1e-5);
    const x = await engine.readPositions(0, glass.positions);
    // The jiggle moved the centre of mass; nothing restores it, so compare up to a rigid translation.
    const shift = [0, 1, 2].map((c) => {
      let s = 0;
      for (let i = 0; i < glass.natoms; i++) s += x[3 * i + c] - glass.positions[3 * i + c];
      return s / glass.natoms;
    });
    let worst = 0;
    for (let i = 0; i < glass.natoms; i++) {
      worst = Math.max(worst, Math.hypot(...[0, 1, 2].map((c) => x[3 * i + c] - shift[c] - glass.positions[3 * i + c])));
    }
    expect(worst).toBeLessThan(1e-3);
    expect(Math.abs(evaluateEam(tables, glass.box, x, glass.types).energy - GLASS_A_ENERGY)).toBeLessThan(1e-4);
    minimizer.destroy();
    engine.destroy();
  });

  it('relaxes replicas independently, holds frozen atoms, and stops each on its own rule', async () => {
    const b2 = readLammpsData(fixtureText('reference/b2_tri.data'), 'b2_tri.data');
    const start = jiggle(b2.positions, 0.05, 9);
    const engine = await ForceEngine.create(gpu.device, tables, b2.types, start, b2.box, 3);
    const minimizer = await Minimizer.create(engine, tables.masses, { maxIterations: 3000 });
    const frozen = [0, 17, 101];
    minimizer.setFrozen(1, frozen);
    const progress: number[] = [];
    const statuses = await minimizer.run((p) => progress.push(p.iteration));
    expect(progress.length).toBeGreaterThan(0);
    for (const s of statuses) expect(s.stop).toBe('converged');
    const [free, held] = [await engine.readPositions(0, start), await engine.readPositions(1, start)];
    // Replica 2 ran the same relaxation as replica 0, independently and in the same batch.
    expect(Array.from(await engine.readPositions(2, start))).toEqual(Array.from(free));
    for (const i of frozen) {
      // Frozen atoms keep their fixed-point position, 1e-8 Å resolution.
      for (let c = 0; c < 3; c++) expect(Math.abs(held[3 * i + c] - start[3 * i + c])).toBeLessThan(1e-7);
    }
    // Holding three atoms leads elsewhere, and the free atoms feel no force there except those pinned.
    expect(held.some((v, k) => Math.abs(v - free[k]) > 1e-3)).toBe(true);
    const f = evaluateEam(tables, b2.box, held, b2.types).forces;
    for (let i = 0; i < b2.natoms; i++) {
      if (frozen.includes(i)) continue;
      for (let c = 0; c < 3; c++) expect(Math.abs(f[3 * i + c])).toBeLessThan(2e-4);
    }
    minimizer.destroy();
    engine.destroy();
  });

  it('takes one stopped replica on to a tighter tolerance from where it stopped, or halts it, the other left as it is', async () => {
    const b2 = readLammpsData(fixtureText('reference/b2_tri.data'), 'b2_tri.data');
    const start = jiggle(b2.positions, 0.05, 9);
    const engine = await ForceEngine.create(gpu.device, tables, b2.types, start, b2.box, 2);
    const minimizer = await Minimizer.create(engine, tables.masses, { fmax: 1e-2 });
    const loose = await minimizer.run();
    for (const s of loose) expect(s.stop).toBe('converged');
    expect(loose[0].fmax).toBeGreaterThan(1e-4);
    const stoppedAt = await engine.readPositions(1, start);
    minimizer.restart(0, 1e-5);
    let statuses = loose;
    while (statuses[0].stop === null || statuses[0] === loose[0]) statuses = await minimizer.advance(50);
    expect(statuses[0].stop).toBe('converged');
    expect(statuses[0].fmax).toBeLessThanOrEqual(1e-5);
    // Counted from the restart; without the restart it would have stayed where it was.
    expect(statuses[0].iterations).toBeGreaterThan(0);
    expect(statuses[1]).toEqual(loose[1]);
    expect(Array.from(await engine.readPositions(1, start))).toEqual(Array.from(stoppedAt));
    expect(() => minimizer.restart(1, 0)).toThrow('the force tolerance must be positive, got 0');

    // Halted mid-relaxation, a replica stays where it was and says why it stopped.
    engine.setPositions(start, 0);
    minimizer.restart(0, 1e-9);
    const [running] = await minimizer.advance(5);
    expect([running.stop, running.iterations]).toEqual([null, 5]);
    minimizer.halt(0);
    const haltedAt = await engine.readPositions(0, start);
    const [halted] = await minimizer.advance(5);
    expect([halted.stop, halted.iterations]).toEqual(['halted', 5]);
    expect(Array.from(await engine.readPositions(0, start))).toEqual(Array.from(haltedAt));
    minimizer.destroy();
    engine.destroy();
  });

  it('reports the iteration cap instead of claiming convergence', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, jiggled.types, jiggled.positions, jiggled.box, 1);
    const capped = await Minimizer.create(engine, tables.masses, { maxIterations: 30, checkEvery: 20 });
    const [cap] = await capped.run();
    expect(cap.stop).toBe('max-iterations');
    expect(cap.iterations).toBe(30);
    expect(cap.fmax).toBeGreaterThan(1e-4);
    capped.destroy();
    engine.destroy();
  });

  it('ends a stalled relaxation on the first half-window check where a whole window moved too little', async () => {
    const small = readLammpsData(fixtureText('events/small250_mxy_event4_pre.data'), 'small250_mxy_event4_pre.data');
    const start = jiggle(small.positions, 0.05, 3);
    const engine = await ForceEngine.create(gpu.device, tables, small.types, start, small.box, 1);
    // A tolerance below what f32 forces can resolve: the stall rule must end it, not the cap.
    const relax = async (maxIterations: number) => {
      engine.setPositions(start, 0);
      const m = await Minimizer.create(engine, tables.masses, { fmax: 1e-9, stallWindow: 100, maxIterations });
      const [status] = await m.run();
      m.destroy();
      return { status, x: await engine.readPositions(0, start) };
    };
    const largestMove = (a: Float64Array, b: Float64Array) => {
      let most = 0;
      for (let i = 0; i < a.length; i += 3) most = Math.max(most, Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1], a[i + 2] - b[i + 2]));
      return most;
    };
    const stall = await relax(5000);
    expect(stall.status.stop).toBe('stalled');
    const t = stall.status.iterations;
    expect(t % 50).toBe(0);
    expect(t).toBeGreaterThanOrEqual(150);
    // The same relaxation stopped by the cap where it was a window and half a window earlier
    // (a capped replica ends before it moves): the window measured is the last whole one.
    const atWindow = await relax(t - 100);
    expect(atWindow.status.iterations).toBe(t - 100);
    expect(Math.abs(largestMove(stall.x, atWindow.x) - stall.status.windowDisp)).toBeLessThan(1e-7);
    expect(stall.status.windowDisp).toBeLessThan(1e-4);
    // Half a window earlier the rule was checked too, and did not hold.
    const atHalf = await relax(t - 50);
    const atBeforeHalf = await relax(t - 150);
    expect(largestMove(atHalf.x, atBeforeHalf.x) >= 1e-4 || atHalf.status.fmax >= 1e-3).toBe(true);
    engine.destroy();
  });

  it('reads each submitted batch as it ended while the next one runs', async () => {
    const b2 = readLammpsData(fixtureText('reference/b2_tri.data'), 'b2_tri.data');
    const engine = await ForceEngine.create(gpu.device, tables, b2.types, jiggle(b2.positions, 0.05, 9), b2.box, 2);
    // Nothing reaches this tolerance in 14 iterations: both replicas run through both batches.
    const minimizer = await Minimizer.create(engine, tables.masses, { fmax: 1e-9 });
    minimizer.start();
    const first = minimizer.submit(7);
    const second = minimizer.submit(7, (pass) => engine.totals.encode(pass), [engine.totals.range()]);
    const a = await first.result();
    const b = await second.result();
    expect(a.statuses.map((s) => [s.stop, s.iterations])).toEqual([[null, 7], [null, 7]]);
    expect(b.statuses.map((s) => [s.stop, s.iterations])).toEqual([[null, 14], [null, 14]]);
    expect(a.extra).toEqual([]);
    // The totals recorded after the second batch are those of where it left the replicas.
    const fresh = await engine.evaluate();
    engine.totals.decode(b.extra[0]).forEach((t, r) => expect(Math.abs(t.energy - fresh[r].energy)).toBeLessThan(1e-3));
    minimizer.destroy();
    engine.destroy();
  });

  it.each(['per-replica', 'shared'] as const)('records after a batch the stress of every replica at its positions, also of one that stopped in it (%s lists)', async (lists) => {
    const small = readLammpsData(fixtureText('events/small250_mxy_event4_pre.data'), 'small250_mxy_event4_pre.data');
    // Replica 0 is relaxed already and stops at the batch's first iteration, before its iterations
    // computed any virial; replica 1 runs through the batch.
    const engine = await ForceEngine.create(gpu.device, tables, small.types, small.positions, small.box, 2, { lists });
    engine.setPositions(jiggle(small.positions, 0.05, 5), 1);
    const minimizer = await Minimizer.create(engine, tables.masses, { fmax: 1e-3 });
    minimizer.start();
    const batch = await minimizer.submit(6, (pass) => engine.totals.encode(pass), [engine.totals.range()]).result();
    expect(batch.statuses.map((s) => [s.stop, s.iterations])).toEqual([['converged', 0], [null, 6]]);
    const recorded = engine.totals.decode(batch.extra[0]);
    const fresh = await engine.evaluate();
    for (let r = 0; r < 2; r++) {
      expect(Math.abs(recorded[r].energy - fresh[r].energy)).toBeLessThan(1e-3);
      // Summed from the same per-atom terms: f32 agreement, against virials of ~100 eV.
      for (let c = 0; c < 6; c++) expect(Math.abs(recorded[r].virial[c] - fresh[r].virial[c])).toBeLessThan(1e-3);
      expect(Math.max(...fresh[r].virial.map(Math.abs))).toBeGreaterThan(1);
    }
    minimizer.destroy();
    engine.destroy();
  });

  it('rejects bad settings with a clear message', async () => {
    const engine = await ForceEngine.create(gpu.device, tables, jiggled.types, jiggled.positions, jiggled.box, 1);
    await expect(Minimizer.create(engine, tables.masses, { fmax: -1 })).rejects.toThrow('minimiser option fmax must be positive, got -1');
    await expect(Minimizer.create(engine, [63.5], {})).rejects.toThrow(/need a positive mass for each of the 2 atom types/);
    engine.destroy();
  });
});
