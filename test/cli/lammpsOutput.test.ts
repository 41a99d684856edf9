import { describe, expect, it } from 'vitest';
import { parseRelaxations, parseTimed } from '../../src/cli/lammps';
import { compareWithLammps, type FrozenTiming } from '../../src/cli/bench/frozen';
import { resolvedShearStress } from '../../src/protocols/shear';
import { BAR_TO_MPA } from '../../src/physics/units';
import { fixtureText } from '../helpers/reference';

// What lmp (29 Sep 2021) prints for a minimisation, abridged: one that reached the force
// tolerance, one at the iteration cap, one FIRE stopped after 2000 uphill steps.
const run = (loop: number, steps: number, criterion: string) => `Loop time of ${loop} on 1 procs for ${steps} steps with 250 atoms

Minimization stats:
  Stopping criterion = ${criterion}
  Energy relative change = 1.2e-12
  Iterations, force evaluations = ${steps} ${steps + 4}
`;

describe('LAMMPS output of the timed runs', () => {
  it('counts iterations, and tells the iteration cap from the uphill limit', () => {
    const stdout = `${run(9.9, 50, 'force tolerance')}STZ_TIMED\n${run(0.42, 689, 'force tolerance')}${run(26.8, 20000, 'max iterations')}${run(3.02, 3049, 'max iterations with v.f negative')}`;
    const t = parseTimed(stdout);
    expect(t.runs).toBe(3);
    expect(t.seconds).toBeCloseTo(0.42 + 26.8 + 3.02, 10);
    expect(t.iterations).toBe(689 + 20000 + 3049);
    expect(t.capped).toBe(1);
    expect(t.uphill).toBe(1);
  });
});

describe('LAMMPS frozen-atom relaxations compared with STZ Lab’s', () => {
  // The nine relaxations LAMMPS ran on the 250-atom event (events/small250_mxy_event4_lammps_frozen.csv),
  // as the bench's scripts print them: a line STZ_DF at 1e-5 eV/Å, and STZ_CONFIRM where that had
  // no event (D_f near 0 here) and the relaxation went on to 5e-6.
  const rows = fixtureText('events/small250_mxy_event4_lammps_frozen.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const values = (w: string[]) => [Number(w[0]), ...w.slice(2).map(Number)];
  const at = (ftol: string) => rows.filter((w) => w[1] === ftol).map(values);
  const confirming = new Map(at('5e-6').map((r) => [r[0], r]));
  const line = (tag: string, [id, it, fmax, df, ...p]: number[]) => `${tag} ${id} ${it} ${fmax} ${df} ${p.join(' ')}\n`;
  const stdout = at('1e-5')
    .map((r) => `${run(0.1, r[1], 'force tolerance')}${line('STZ_DF', r)}${r[3] < 1 ? `${run(0.1, confirming.get(r[0])![1] - r[1], 'force tolerance')}${line('STZ_CONFIRM', confirming.get(r[0])!)}` : ''}STZ_END\n`)
    .join('');
  const lammps = parseRelaxations(stdout);
  const tau = (pressure: readonly number[]) => resolvedShearStress(pressure.map((p) => -p * BAR_TO_MPA), '-xy');
  // STZ Lab's side, made from LAMMPS's with D_f moved by up to `shift`: the unfrozen relaxation's
  // stress falls by 59.6 MPa from the pre-event state, the core ones' rise.
  const mine = (shift: number, flip: number | null, marginal: number[] = [189]): FrozenTiming => ({
    relaxations: lammps.map((x, k) => ({ id: x.id, df: x.df + shift * (k % 2 ? 1 : -1), eventHappened: (x.df > 1) !== (x.id === flip), marginal: marginal.includes(x.id) })),
    tauPre: tau(lammps[0].pressure) + 59.6,
    direction: '-xy',
    coreIds: [205, 166, 11, 189],
  }) as unknown as FrozenTiming;

  it('reads each relaxation: id, iterations, final fmax, D_f and pressures, and where its confirmation ended', () => {
    expect(lammps.map((x) => x.id)).toEqual([0, 205, 166, 11, 189, 20, 1, 2, 3]);
    expect(lammps[1]).toMatchObject({ id: 205, iterations: 57, fmax: 8.945e-6, df: 0.00129937063119, pressure: rows[2].slice(5).map(Number) });
    expect(lammps[1].confirmed).toEqual({ iterations: 110, fmax: 4.994e-6, df: 0.00131729284722, pressure: rows[3].slice(5).map(Number) });
    // Atom 189 held: no event at 1e-5 eV/Å, through it at 5e-6.
    expect(lammps[4].confirmed).toMatchObject({ iterations: 1332, df: 2.4647188616 });
    expect(lammps.filter((x) => x.confirmed !== null).map((x) => x.id)).toEqual([205, 166, 11, 189]);
    expect(parseTimed(`STZ_TIMED\n${stdout}`)).toMatchObject({ runs: 13, iterations: 688 + 110 + 110 + 130 + 1332 + 1068 + 778 + 818 + 793 });
  });

  it('refuses a confirmation printed out of turn', () => {
    expect(() => parseRelaxations('STZ_DF 5 10 1e-5 0.1 1 2 3 4 5 6\nSTZ_CONFIRM 6 20 5e-6 0.1 1 2 3 4 5 6\n')).toThrow(/confirmation of the relaxation with atom 6 held out of turn/);
  });

  it('gives the largest D_f difference, the relaxations whose outcome differs, and whether the cores agree', () => {
    expect(compareWithLammps(mine(2e-4, null), lammps)).toEqual({
      maxDf: expect.closeTo(2e-4, 12),
      differ: [],
      differMarginal: [],
      differConfirmed: [],
      lammpsCore: 4,
      core: 'the same',
      lammpsMarginal: [189],
      lammpsRobustCore: 3,
      robustCore: 'the same',
    });
    const flipped = compareWithLammps(mine(0, 166), lammps);
    expect(flipped.differ).toEqual([166]);
    expect(flipped.differConfirmed).toEqual([166]);
    expect(compareWithLammps({ ...mine(0, null), coreIds: [205, 11, 189] }, lammps)).toMatchObject({ core: 'not the same', robustCore: 'not the same' });
    expect(() => compareWithLammps(mine(0, null), lammps.slice(0, 8))).toThrow(/LAMMPS did not report the relaxation with atom 3 held/);
  });

  it('compares the confirmed outcomes and the robust cores', () => {
    // Atom 189 not found marginal: its confirmed outcome differs from LAMMPS's, and so does the robust core.
    expect(compareWithLammps(mine(0, null, []), lammps)).toMatchObject({ differ: [], differConfirmed: [189], core: 'the same', robustCore: 'not the same' });
    // Atom 11 found marginal where LAMMPS stops the event at 5e-6 too.
    expect(compareWithLammps(mine(0, null, [189, 11]), lammps)).toMatchObject({ differConfirmed: [11], lammpsRobustCore: 3, robustCore: 'not the same' });
  });

  it('sets apart the differences on atoms STZ Lab found marginal, and leaves their D_f out', () => {
    // As the f32 GPU runs it: atom 20 held, it stops at 1e-5 eV/Å near the strained state (and
    // goes through when confirmed), where LAMMPS goes through at once.
    const f32 = mine(1e-4, 20, [20, 189]);
    const relaxations = f32.relaxations.map((x) => (x.id === 20 ? { ...x, df: 0.0057 } : x));
    const vs = compareWithLammps({ ...f32, relaxations, coreIds: [205, 166, 11, 189, 20] }, lammps);
    expect(vs).toMatchObject({ maxDf: expect.closeTo(1e-4, 12), differ: [], differMarginal: [20], differConfirmed: [], core: 'the same but for marginal atoms', robustCore: 'the same' });
    expect(compareWithLammps({ ...f32, relaxations, coreIds: [205, 166, 189, 20] }, lammps).core).toBe('not the same');
  });
});
