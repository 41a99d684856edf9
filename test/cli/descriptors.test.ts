import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bondChanges, shellRadii } from '../../src/analysis/bondChanges';
import { d2min } from '../../src/analysis/d2min';
import { vonMisesChange } from '../../src/analysis/vonMises';
import { readExtXyz } from '../../src/io/extxyz';
import { readLammpsData } from '../../src/io/lammpsData';
import { readPotential } from '../../src/potential/read';
import { bindToSystem } from '../../src/potential/bindToSystem';
import { shearedBox } from '../../src/protocols/shear';
import { affineInto } from '../../src/system/box';
import { runCli } from '../helpers/cli';
import { fixtureText } from '../helpers/reference';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;
const PRE = fixture('events/glass_a_mxy_event1_pre.data');
const POST = fixture('events/glass_a_mxy_event1_post.data');
const event = ['--pre', PRE, '--post', POST, '--direction', '-xy', '--step', '5e-5'];
// Where the refused command lines would write, were they not refused.
const NOWHERE = join(tmpdir(), 'stz-refused.extxyz');

function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(b[k])));
  return m;
}

describe('stz-lab descriptors', () => {
  it('writes D²min, von Mises stress and bond changes of an event for OVITO, as the library computes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-descriptors-'));
    const r = await runCli(['descriptors', ...event, '--out', join(dir, 'event.extxyz'), '--json', join(dir, 'summary.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const pre = readLammpsData(fixtureText('events/glass_a_mxy_event1_pre.data'), 'pre');
    const post = readLammpsData(fixtureText('events/glass_a_mxy_event1_post.data'), 'post');
    const strained = shearedBox(pre.box, '-xy', 5e-5);
    const before = { positions: affineInto(pre.positions, pre.box, strained), box: strained };
    const after = { positions: post.positions, box: post.box };
    const tables = bindToSystem(readPotential(readFileSync('public/potentials/ZrCu.lammps.eam', 'utf8'), 'ZrCu.lammps.eam'), pre, 'pre');
    const shells = shellRadii(['Cu', 'Zr'], before, pre.types);
    const bonds = bondChanges(before, after, pre.types, shells.radii);
    const vm = vonMisesChange(tables, pre.types, before, after);

    const out = readExtXyz(readFileSync(join(dir, 'event.extxyz'), 'utf8'), 'event.extxyz');
    expect(out.natoms).toBe(2000);
    expect(maxRelative(out.positions, pre.positions), 'the pre-event state, as frozen writes it').toBeLessThan(1e-9);
    const column = (name: string) => out.properties.find((p) => p.name === name)!.values as ArrayLike<number>;
    expect(out.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['D2min', 'vonMises_before', 'vonMises_after', 'dvonMises', 'bonds_broken', 'bonds_formed']));
    expect(maxRelative(column('D2min'), d2min(before, after))).toBeLessThan(1e-9);
    expect(maxRelative(column('dvonMises'), vm.change)).toBeLessThan(1e-9);
    expect(maxRelative(column('vonMises_before'), vm.before)).toBeLessThan(1e-9);
    expect(Array.from(column('bonds_broken'))).toEqual(Array.from(bonds.broken));
    expect(Array.from(column('bonds_formed'))).toEqual(Array.from(bonds.formed));

    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(JSON.parse(r.stdout)).toEqual(summary);
    expect(summary.bond_shells).toEqual([
      { pair: 'Cu-Cu', radius: 3.05, source: 'paper' },
      { pair: 'Cu-Zr', radius: 3.75, source: 'paper' },
      { pair: 'Zr-Zr', radius: 4.35, source: 'paper' },
    ]);
    expect([summary.bonds_broken, summary.bonds_formed]).toEqual([bonds.brokenPairs, bonds.formedPairs]);
    const many = Array.from(bonds.broken, (b, i) => b + bonds.formed[i]).flatMap((c, i) => (c >= 3 ? [pre.ids[i]] : []));
    expect(summary.ids_with_3_or_more_bond_changes).toEqual(many);
    expect(many.length).toBeGreaterThan(10);
  });

  it('takes a looser bond threshold and a smaller D²min cutoff', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-descriptors-'));
    const strict = JSON.parse((await runCli(['descriptors', ...event, '--out', join(dir, 'a.extxyz'), '--bond-threshold', '0.3'])).stdout);
    const loose = JSON.parse((await runCli(['descriptors', ...event, '--out', join(dir, 'b.extxyz'), '--bond-threshold', '0', '--d2min-cutoff', '4'])).stdout);
    expect(strict.bonds_broken).toBeLessThan(loose.bonds_broken);
    expect(loose.d2min_cutoff).toBe(4);
  });

  it.each([
    [['--pre', PRE, '--direction', '-xy', '--step', '5e-5', '--out', NOWHERE], 2, /--post is required/],
    [['--pre', PRE, '--post', fixture('events/small250_mxy_event4_pre.data'), '--direction', '-xy', '--step', '5e-5', '--out', NOWHERE], 2, /has 2000 atoms but \S*small250_mxy_event4_pre\.data has 250: they must be two states of the same atoms/],
    [[...event.slice(0, 6), '--step', '0', '--out', NOWHERE], 2, /--step must be a strain step between 0 and 0\.1, got '0'/],
    [['--pre', PRE, '--post', POST, '--direction', 'zz', '--step', '5e-5', '--out', NOWHERE], 2, /zz/],
    [[...event, '--out', NOWHERE, '--bond-threshold', '-1'], 2, /--bond-threshold must be a distance ≥ 0 in Å/],
    [[...event, '--out', NOWHERE, '--data', PRE], 2, /unknown option --data; the options are .*--pre, --post,/],
  ])('fails with a one-line reason: %j', async (argv, code, message) => {
    const r = await runCli(['descriptors', ...(argv as string[])]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
