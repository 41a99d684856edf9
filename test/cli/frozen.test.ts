import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExtXyz } from '../../src/io/extxyz';
import { runCli } from '../helpers/cli';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

describe('stz-lab frozen', () => {
  it('writes D_f per atom, the summary and an extended XYZ for OVITO', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-frozen-'));
    const r = await runCli([
      'frozen', '--data', fixture('events/small250_mxy_event4_pre.data'), '--direction=-xy', '--step', '5e-5', '--atoms', '205,1-2', '--out', dir,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/frozen: 3 \/ 3 replicas|frozen: 4 \/ 4 replicas/);
    const rows = readFileSync(join(dir, 'df.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['id', 'type', 'df', 'event_happened', 'converged', 'iterations']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['205', '1', '2']);
    const byId = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(Number(byId.get('205')![2])).toBeLessThan(0.01);
    expect(byId.get('205')![3]).toBe('0');
    expect(Number(byId.get('1')![2])).toBeGreaterThan(2);
    expect(byId.get('1')![3]).toBe('1');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ natoms: 250, analysed: 3, core_ids: [205], core_size: 1 });
    expect(summary.df_unfrozen).toBeCloseTo(2.113, 2);
    expect(summary.gap[0]).toBeLessThan(summary.threshold);
    expect(summary.gap[1]).toBeGreaterThan(summary.threshold);
    for (const key of ['wall_s', 'adapter']) expect(summary).toHaveProperty(key);
    // SwiftShader's own choice: per-replica lists are the faster on a CPU adapter.
    expect(summary.lists).toBe('per-replica');
    const xyz = readExtXyz(readFileSync(join(dir, 'df.extxyz'), 'utf8'), 'df.extxyz');
    expect(xyz.natoms).toBe(250);
    const df = xyz.properties.find((p) => p.name === 'df')!.values as Float64Array;
    expect(df[xyz.ids.indexOf(205)]).toBeCloseTo(Number(byId.get('205')![2]), 10);
    expect(df[xyz.ids.indexOf(3)]).toBe(-1);
  });

  it.each([
    [['frozen', '--direction', '-xy', '--out', '/tmp/x'], /--step is required/],
    [['frozen', '--step', '5e-5', '--out', '/tmp/x'], /--direction is required/],
    [['frozen', '--direction', '-xy', '--step', '5e-5', '--atoms', '3-1', '--out', '/tmp/x'], /--atoms: the range 3-1 runs backwards/],
    [['frozen', '--direction', '-xy', '--step', '5e-5', '--atoms', '99999', '--out', '/tmp/x'], /--atoms: the sample has no atom with id 99999/],
  ])('rejects %j with a one-line reason', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
