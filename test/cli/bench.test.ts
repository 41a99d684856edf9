import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLammpsData } from '../../src/io/lammpsData';
import { findPairs } from '../../src/oracle/pairs';
import { bindPotential } from '../../src/potential/tables';
import { runCli } from '../helpers/cli';
import { POTENTIALS } from '../helpers/reference';

const root = new URL('../../', import.meta.url).pathname;
const SAMPLE = join(root, 'public/samples/cu50zr50_250.data');
const EVENT = join(root, 'test/fixtures/events/small250_mxy_event4_pre.data');

describe('stz-lab bench', () => {
  it('prints and writes every table of a small run: forces, a profile, AQS, MD and a frozen-atom analysis', { timeout: 600_000 }, async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'stz-bench-')), 'bench.json');
    // The first 8 atoms of the 250-atom event hold two of its 17 core atoms, ids 7 and 8.
    const r = await runCli([
      'bench', '--data', SAMPLE, '--replicas', '1,3', '--seconds', '0.2', '--profile', '2', '--aqs-steps', '1', '--md-steps', '5',
      '--event', EVENT, '--event-atoms', '8', '--frozen-runs', '2', '--no-lammps', '--json', json,
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    for (const title of ['EAM force evaluation, 250 atoms', 'One minimiser iteration, 2 replicas of 250 atoms', 'Frozen-atom analysis of']) {
      expect(r.stdout).toContain(title);
    }
    expect(r.stdout).toContain('LAMMPS comparisons are off (--no-lammps).');
    expect(r.stdout).not.toContain('not installed');

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.natoms).toBe(250);
    expect(report.lammps).toBeNull();
    expect(report.lammpsFrozen).toBeNull();
    // Pair evaluations: each ordered pair within the cutoff, in the density and the force pass.
    const sample = readLammpsData(readFileSync(SAMPLE, 'utf8'), SAMPLE);
    const pairs = findPairs(sample.box, sample.positions, bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']).cutoff).count;
    expect(report.rows.map((row: { replicas: number }) => row.replicas)).toEqual([1, 3]);
    for (const row of report.rows) {
      expect((row.pairEvaluationsPerSecond * row.msPerEvaluation) / 1000 / row.replicas).toBeCloseTo(4 * pairs, 0);
    }
    expect(report.profile.map((k: { name: string }) => k.name)).toContain('whole iteration');
    expect(report.profile.every((k: { ms: number }) => k.ms > 0)).toBe(true);
    expect(report.aqs.map((a: { directions: number }) => a.directions)).toEqual([1, 6]);
    expect(report.aqs.every((a: { steps: number; iterationsPerStep: number }) => a.steps === 1 && a.iterationsPerStep > 0)).toBe(true);
    expect(report.md.map((m: { replicas: number; steps: number }) => [m.replicas, m.steps])).toEqual([[1, 5], [64, 5]]);

    const [frozen, again] = report.frozen;
    expect(report.frozen.length).toBe(2);
    expect(frozen).toMatchObject({ lists: 'per-replica', run: 1, natoms: 250, replicas: 9, slots: 9, restarts: 0, coreSize: 2 });
    // The second run does the same work, deterministically, without compiling the pipelines again
    // (on SwiftShader about 2 s of the first run's setup).
    expect(again).toMatchObject({ run: 2, coreIds: frozen.coreIds, dfUnfrozen: frozen.dfUnfrozen, iterationsPerReplica: frozen.iterationsPerReplica });
    expect(again.setupSeconds).toBeLessThan(0.5 * frozen.setupSeconds);
    expect([...frozen.coreIds].sort()).toEqual([7, 8]);
    expect(frozen.dfUnfrozen).toBeCloseTo(2.113, 2);
    // Measured: 810 iterations per relaxation, the longest 1300 (the unfrozen one ends on the stall rule).
    expect(frozen.iterationsPerReplica).toBeGreaterThan(300);
    expect(frozen.mostIterations).toBeGreaterThanOrEqual(frozen.iterationsPerReplica);
    expect(frozen.mostIterations % 1).toBe(0);
    expect(frozen.setupSeconds).toBeGreaterThan(0);
    // The last of 9 relaxations is the last 5 %: it ends at the final status read.
    expect(frozen.tailSeconds).toBeGreaterThanOrEqual(0);
    expect(frozen.setupSeconds + frozen.tailSeconds).toBeLessThan(frozen.seconds);
  });

  it.each([
    [['bench', '--replicas', '0'], /--replicas takes integers from 1 to 65535, got '0'/],
    [['bench', '--event-atoms', '9999', '--replicas', '1', '--seconds', '0.1', '--aqs-steps', '0', '--md-steps', '0'], /--event-atoms must be an atom count from 1 to 2000/],
    [['bench', '--no-lammps=yes'], /--no-lammps takes no value/],
  ])('rejects %j with a one-line reason', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
