import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLammpsData } from '../../src/io/lammpsData';
import { evaluateEam } from '../../src/oracle/eam64';
import { bindPotential } from '../../src/potential/tables';
import { runCli } from '../helpers/cli';
import { POTENTIALS } from '../helpers/reference';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;
const csv = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));

describe('stz-lab aqs', () => {
  // A 250-atom B2 crystal sheared in −yz in big steps slips at 26 % strain: a plastic event that
  // a small, quick run can find.
  it('shears, records every step, detects the event and writes the states around it', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-aqs-'));
    const r = await runCli([
      'aqs', '--data', fixture('reference/b2_ortho.data'), '--direction=-yz', '--step', '0.02', '--max-strain', '0.3',
      '--max-events', '1', '--fmax', '1e-4', '--out', dir,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/aqs -yz: event 1 at step 13/);
    const steps = csv(join(dir, 'stress_strain.csv'));
    expect(steps[0]).toEqual(['step', 'strain', 'sxx', 'syy', 'szz', 'sxy', 'sxz', 'syz', 'pe_per_atom', 'nonaffine', 'iterations', 'converged', 'stop']);
    expect(steps.slice(1).map((s) => Number(s[0]))).toEqual([...Array(14).keys()]);
    expect(steps.slice(1).every((s) => s[11] === '1')).toBe(true);
    const events = csv(join(dir, 'events.csv'));
    expect(events[0]).toEqual(['event', 'step', 'strain', 'drop_MPa']);
    expect(events).toHaveLength(2);
    const [, step, strain, drop] = events[1].map(Number);
    expect(step).toBe(13);
    expect(strain).toBeCloseTo(0.26, 12);
    const syz = (k: number) => Number(steps[k + 1][7]);
    expect(drop).toBeCloseTo(syz(13) - syz(12), 6);
    expect(drop).toBeGreaterThan(1000);

    // The pre-event file is the relaxed state of step 12, in its cell: the f64 reference on it
    // gives the stress recorded for that step.
    const start = readLammpsData(readFileSync(fixture('reference/b2_ortho.data'), 'utf8'), 'b2_ortho.data');
    const pre = readLammpsData(readFileSync(join(dir, 'event_1_pre.data'), 'utf8'), 'pre');
    const post = readLammpsData(readFileSync(join(dir, 'event_1_post.data'), 'utf8'), 'post');
    expect(pre.box.yz).toBeCloseTo(start.box.yz - 0.24 * start.box.lz, 10);
    expect(post.box.yz).toBeCloseTo(start.box.yz - 0.26 * start.box.lz, 10);
    const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);
    for (const [state, k] of [[pre, 12], [post, 13]] as const) {
      const stress = evaluateEam(tables, state.box, state.positions, state.types).pressure.map((p) => -p / 10);
      stress.forEach((s, c) => expect(Math.abs(s - Number(steps[k + 1][2 + c]))).toBeLessThan(1));
    }
  });

  it.each([
    [['aqs', '--out', '/tmp/x'], /^stz-lab aqs: --direction is required\n$/],
    [['aqs', '--direction', 'zx', '--out', '/tmp/x'], /unknown shear direction 'zx'/],
    [['aqs', '--direction', '-xy', '--step', '0', '--out', '/tmp/x'], /--step must be a strain step between 0 and 0\.1, got '0'/],
  ])('rejects %j with a one-line reason', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
