import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readLammpsDump } from '../../src/io/dump';
import { runCli } from '../helpers/cli';
import { column, referenceCase, virialReference } from '../helpers/reference';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'stz-eval-'));

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

describe('stz-lab eval', () => {
  const ref = referenceCase('reference', 'b2_tri', 'mendelev');
  const virial = virialReference(ref);
  const args = ['--potential', fixture('potentials/CuZr_mm.eam.fs'), '--data', fixture('reference/b2_tri.data')];

  it.each([
    ['--cpu', 1e-8, 1e-6],
    ['', 1e-4, 1],
  ])('writes a LAMMPS dump and a JSON summary that match LAMMPS (%s)', async (flag, forceTol, pressureTol) => {
    const dir = tmp();
    const { code, stdout } = await runCli(['eval', ...args, '--dump', join(dir, 'out.dump'), '--json', join(dir, 'out.json'), ...(flag ? [flag] : [])]);
    expect(code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(JSON.parse(stdout)).toEqual(summary);
    expect(summary.natoms).toBe(250);
    expect(Math.abs(summary.energy_eV - ref.energy) / 250).toBeLessThan(1e-6);
    expect(summary.volume_A3).toBeCloseTo(ref.volume, 6);
    ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'].forEach((c, k) => expect(Math.abs(summary.pressure_bar[c] - virial.pressure[k])).toBeLessThan(pressureTol));
    expect(summary.adapter.length).toBeGreaterThan(0);

    const dump = readLammpsDump(readFileSync(join(dir, 'out.dump'), 'utf8'), 'out.dump');
    expect(dump.columns).toEqual(['id', 'type', 'x', 'y', 'z', 'fx', 'fy', 'fz', 'pe', 'sxx', 'syy', 'szz', 'sxy', 'sxz', 'syz']);
    expect(dump.box).toEqual(ref.dump.box);
    expect(Array.from(column(dump, 'id'))).toEqual(Array.from(column(ref.dump, 'id')));
    for (const c of ['type', 'x', 'y', 'z']) expect(maxDiff(column(dump, c), column(ref.dump, c))).toBeLessThan(1e-9);
    for (const c of ['fx', 'fy', 'fz']) expect(maxDiff(column(dump, c), column(ref.dump, c))).toBeLessThan(forceTol);
    expect(maxDiff(column(dump, 'pe'), column(ref.dump, 'c_pea'))).toBeLessThan(forceTol / 10);
    const sxy = virial.stressAtom.filter((_, k) => k % 6 === 3);
    expect(maxDiff(column(dump, 'sxy'), sxy)).toBeLessThan(forceTol * 5e5);
  });

  it('prints help for the program and for each command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/eval\s+energy, forces/);
    const sub = await runCli(['eval', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--dump FILE');
    // Each command describes each of its options once.
    for (const command of ['eval', 'relax', 'aqs', 'md', 'quench', 'frozen', 'descriptors', 'bench']) {
      const help = (await runCli([command, '--help'])).stdout;
      const options = [...help.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
      expect(options.length, command).toBeGreaterThan(2);
      expect(options.filter((o, k) => options.indexOf(o) !== k), command).toEqual([]);
    }
  });

  it.each([
    [['eval', '--data', '/nonexistent/x.data', '--cpu'], 2, /^stz-lab eval: cannot read the data file \/nonexistent\/x\.data: no such file\n$/],
    [['eval', '--frobnicate'], 2, /^stz-lab eval: unknown option --frobnicate; the options are --potential, --format, --data, --elements, --dump, --json, --cpu\n$/],
    [['eval', '--data'], 2, /^stz-lab eval: --data needs a value\n$/],
    [['frobnicate'], 2, /unknown command 'frobnicate'/],
    [['eval', '--cpu', '--data', fixture('io/thin_box.data')], 1, /thin_box\.data: the box is too thin along x: its perpendicular width is 3\.6150 Å but must exceed twice the cutoff, 13\.0000 Å/],
    [['eval', '--cpu', '--potential', fixture('broken/potentials/truncated_table.eam.alloy')], 1, /^stz-lab eval: truncated_table\.eam\.alloy:\d+: /],
    [['eval', '--cpu', '--elements', 'Cu,Xx'], 1, /Xx/],
    [['eval', '--cpu', '--data', fixture('io/odd_masses.data')], 2, /^stz-lab eval: \S*odd_masses\.data: the element of atom type 1 is unknown \(its mass does not name one\): pass --elements\n$/],
    [['md', '--steps', '10', '--temperature', '300'], 2, /^stz-lab md: --temperature 300: \S*cu50zr50_2000\.data has no velocities to thermostat, so the run would stay at 0 K; add --velocity 300 to start from velocities at 300 K\n$/],
  ])('fails with a one-line reason: %j', async (argv, code, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('is installed as the package binary `stz-lab`', () => {
    const out = execFileSync(process.execPath, [new URL('../../bin/stz-lab.mjs', import.meta.url).pathname, 'eval', '--cpu', ...args]);
    expect(JSON.parse(out.toString()).natoms).toBe(250);
    let status = 0;
    try {
      execFileSync(process.execPath, [new URL('../../bin/stz-lab.mjs', import.meta.url).pathname, 'eval', '--nope'], { stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
