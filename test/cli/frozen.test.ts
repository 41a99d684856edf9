import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExtXyz } from '../../src/io/extxyz';
import { runCli } from '../helpers/cli';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

describe('stz-lab frozen', () => {
  it('writes D_f per atom, the summary and an extended XYZ for OVITO, with the other descriptors', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-frozen-'));
    const r = await runCli([
      'frozen', '--data', fixture('events/small250_mxy_event4_pre.data'), '--direction=-xy', '--step', '5e-5', '--atoms', '205,189,1-2', '--out', dir,
      '--post', fixture('events/small250_mxy_event4_post.data'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/frozen: 5 \/ 5 replicas/);
    expect(r.stderr).toMatch(/frozen: core 2 atoms \(.*\), 1 of them marginal \(the event happens with it held at 0.000005 eV\/Å\)/);
    const rows = readFileSync(join(dir, 'df.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['id', 'type', 'df', 'event_happened', 'converged', 'iterations', 'marginal']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['205', '189', '1', '2']);
    const byId = new Map(rows.slice(1).map((row) => [row[0], row]));
    // With 205 held the event stops; with 189 held it stops at 1e-5 eV/Å and goes on at 5e-6
    // (events/README.md): its D_f is that of the relaxation to 1e-5.
    for (const id of ['205', '189']) {
      expect(Number(byId.get(id)![2])).toBeLessThan(0.01);
      expect(byId.get(id)![3]).toBe('0');
    }
    expect(byId.get('205')![6]).toBe('0');
    expect(byId.get('189')![6]).toBe('1');
    expect(Number(byId.get('1')![2])).toBeGreaterThan(2);
    expect(byId.get('1')!.slice(3).filter((_, k) => k !== 2)).toEqual(['1', '1', '0']);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ natoms: 250, analysed: 4, core_ids: [205, 189], core_size: 2, marginal_ids: [189], robust_core_ids: [205], confirm_fmax: 5e-6, core_ids_with_event: [] });
    expect(r.stderr).not.toContain('warning');
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
    const flag = (name: string) => Array.from(xyz.ids).flatMap((id, i) => ((xyz.properties.find((p) => p.name === name)!.values as ArrayLike<number>)[i] === 1 ? [id] : []));
    expect(flag('stz_core').sort((a, b) => a - b)).toEqual([189, 205]);
    expect(flag('marginal')).toEqual([189]);

    // With --post, the columns and summary of stz-lab descriptors on the same two states.
    const own = await runCli(['descriptors', '--pre', fixture('events/small250_mxy_event4_pre.data'), '--post', fixture('events/small250_mxy_event4_post.data'), '--direction=-xy', '--step', '5e-5', '--out', join(dir, 'descriptors.extxyz')]);
    const alone = readExtXyz(readFileSync(join(dir, 'descriptors.extxyz'), 'utf8'), 'descriptors.extxyz');
    for (const name of ['D2min', 'dvonMises', 'bonds_broken', 'bonds_formed']) {
      expect(Array.from(xyz.properties.find((p) => p.name === name)!.values as ArrayLike<number>), name).toEqual(Array.from(alone.properties.find((p) => p.name === name)!.values as ArrayLike<number>));
    }
    const ownSummary = JSON.parse(own.stdout);
    delete ownSummary.natoms;
    expect(summary.descriptors).toMatchObject(ownSummary);
    const many = ownSummary.ids_with_3_or_more_bond_changes;
    // Atom 205, the one core atom of these three, broke or formed at least three bonds (measured: 5 atoms did, 166 and 205 among them).
    expect(many).toContain(205);
    expect(summary.descriptors.core_ids_with_3_or_more_bond_changes).toEqual([205]);

    // Without the confirmation 189 counts as a core atom like any other.
    const unconfirmed = await runCli(['frozen', '--data', fixture('events/small250_mxy_event4_pre.data'), '--direction=-xy', '--step', '5e-5', '--atoms', '189', '--confirm-fmax', 'none', '--out', join(dir, 'none')]);
    expect(unconfirmed.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'none', 'summary.json'), 'utf8'))).toMatchObject({ marginal_ids: [], confirm_fmax: null, events_stopped: 1 });
    expect(readFileSync(join(dir, 'none', 'df.csv'), 'utf8')).toMatch(/^189,1,0\.00[0-9]+,0,1,\d+,0$/m);
    const above = await runCli(['frozen', '--data', fixture('events/small250_mxy_event4_pre.data'), '--direction=-xy', '--step', '5e-5', '--confirm-fmax', '2e-5', '--out', join(dir, 'above')]);
    expect(above.code).toBe(2);
    expect(above.stderr).toContain("--confirm-fmax must be none or a force below --fmax (0.00001 eV/Å), got '2e-5'");
  });

  it('warns where atoms below the threshold did not stop the event', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-bulk-core-'));
    const r = await runCli(['frozen', '--data', fixture('events/small250_mxy_event4_pre.data'), '--direction=-xy', '--step', '5e-5', '--atoms', '1', '--threshold', '5', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('frozen: warning: the event happened with core atom 1 held, so the threshold of 5.00 Å separates no STZ core');
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toMatchObject({ core_ids: [1], core_ids_with_event: [1], events_stopped: 0 });
  });

  it('keeps the rows of a cancelled run and resumes from them, analysing only the rest', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-resume-'));
    const partial = join(dir, 'df.partial.csv');
    // Results of an earlier run in the folder stay as they are until a run finishes.
    const before = 'id,type,df,event_happened,converged,iterations,marginal\n1,1,2.1,1,1,900,0\n';
    writeFileSync(join(dir, 'df.csv'), before);
    const argv = ['frozen', '--data', fixture('events/small250_mxy_event4_pre.data'), '--direction=-xy', '--step', '5e-5', '--atoms', '205,1-3', '--slots', '2', '--out', dir];
    const running = runCli(argv);
    // Ctrl-C once the first frozen relaxation is in df.partial.csv.
    const lines = () => (existsSync(partial) ? readFileSync(partial, 'utf8').trim().split('\n').length : 0);
    while (lines() < 2) await new Promise((r) => setTimeout(r, 100));
    process.emit('SIGINT');
    const cancelled = await running;
    expect(cancelled.code).toBe(1);
    expect(cancelled.stderr).toContain(`cancelled; the finished relaxations are in ${partial} (--resume goes on from there)`);
    const keptRows = readFileSync(partial, 'utf8').trim().split('\n').slice(1);
    expect(keptRows.length).toBeGreaterThanOrEqual(1);
    expect(keptRows.length).toBeLessThan(4);
    expect(readFileSync(join(dir, 'df.csv'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'summary.json'))).toBe(false);

    // Starting afresh would lose the interrupted run: refused.
    const fresh = await runCli(argv);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toContain(`${dir} holds an interrupted run (${partial}): add --resume to go on from it, or delete that file to start afresh`);
    const refused = await runCli([...argv.slice(0, 5), '1e-4', ...argv.slice(6), '--resume']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--resume: .* holds a run with step 0\.00005, not 0\.0001; resume with the same inputs or write to another --out/);

    // A run killed while writing leaves its last line cut short: resume drops it.
    appendFileSync(partial, '2,2,1.9');
    const resumed = await runCli([...argv, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`frozen: resuming, ${keptRows.length} atoms already in ${partial}, ${4 - keptRows.length} to analyse`);
    // The relaxation with nothing frozen runs again, the kept atoms do not.
    expect(resumed.stderr).toContain(`frozen: ${5 - keptRows.length} / ${5 - keptRows.length} replicas`);
    const rows = readFileSync(join(dir, 'df.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows.map((row) => row.split(',')[0])).toEqual(['205', '1', '2', '3']);
    for (const row of keptRows) expect(rows).toContain(row);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ analysed: 4, rows_from_earlier_run: keptRows.length, core_ids: [205], events_stopped: 1 });
    expect(existsSync(partial) || existsSync(join(dir, 'df.partial.json'))).toBe(false);
  });

  it('says so where the step shows no event, leaving no partial run and an earlier result as it was', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-no-event-'));
    const before = 'id,type,df,event_happened,converged,iterations,marginal\n1,1,2.1,1,1,900,0\n';
    writeFileSync(join(dir, 'df.csv'), before);
    // The relaxed start of the AQS run: its first step is elastic.
    const sample = new URL('../../public/samples/cu50zr50_250.data', import.meta.url).pathname;
    const r = await runCli(['frozen', '--data', sample, '--direction=-xy', '--step', '5e-5', '--atoms', '1', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the relaxation with nothing frozen shows no event/);
    expect(readFileSync(join(dir, 'df.csv'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'df.partial.csv')) || existsSync(join(dir, 'df.partial.json'))).toBe(false);
  });

  it('refuses to resume from a folder without an interrupted run, or with a damaged one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-resume-bad-'));
    const argv = ['frozen', '--data', fixture('events/small250_mxy_event4_pre.data'), '--direction=-xy', '--step', '5e-5', '--out', dir, '--resume'];
    const none = await runCli(argv);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`--resume: ${join(dir, 'df.partial.json')} does not exist: ${dir} holds no interrupted run; start it without --resume`);
    const inputs = {
      data: fixture('events/small250_mxy_event4_pre.data'),
      potential: [new URL('../../public/potentials/ZrCu.lammps.eam', import.meta.url).pathname],
      direction: '-xy',
      step: 5e-5,
      drop: 0.5,
      fmax: 1e-5,
      confirm_fmax: 5e-6,
      method: 'fire',
      max_iterations: 20000,
    };
    writeFileSync(join(dir, 'df.partial.json'), JSON.stringify(inputs));
    const partial = join(dir, 'df.partial.csv');
    writeFileSync(partial, 'id,type,df,event_happened,converged,iterations,marginal\n1,1,abc,1,1,800,0\n');
    const damaged = await runCli(argv);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain(`--resume: ${partial}:2: '1,1,abc,1,1,800,0' is not a row of id,type,df,event_happened,converged,iterations,marginal`);
    writeFileSync(partial, 'id,type,df,event_happened,converged,iterations,marginal\n99999,1,0.5,1,1,800,0\n');
    const stranger = await runCli(argv);
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain('the sample has no atom with id 99999');
  });

  it.each([
    [['frozen', '--direction', '-xy', '--out', '/tmp/x'], /--step is required/],
    [['frozen', '--step', '5e-5', '--out', '/tmp/x'], /--direction is required/],
    [['frozen', '--direction', '-xy', '--step', '5e-5', '--atoms', '3-1', '--out', '/tmp/x'], /--atoms: the range 3-1 runs backwards/],
    [['frozen', '--direction', '-xy', '--step', '5e-5', '--atoms', '99999', '--out', '/tmp/x'], /--atoms: the sample has no atom with id 99999/],
    [['frozen', '--direction', '-xy', '--step', '5e-5', '--post', fixture('events/small250_mxy_event4_post.data'), '--out', '/tmp/x'], /has 2000 atoms but \S*small250_mxy_event4_post\.data has 250: they must be two states of the same atoms/],
  ])('rejects %j with a one-line reason', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
