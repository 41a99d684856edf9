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
  // The nine relaxations LAMMPS ran on the 250-atom event to 1e-5 eV/Å
  // (events/small250_mxy_event4_lammps_frozen.csv), as the bench's scripts print them.
  const rows = fixtureText('events/small250_mxy_event4_lammps_frozen.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((w) => w[1] === '1e-5')
    .map(([id, , ...rest]) => [Number(id), ...rest.map(Number)]);
  const stdout = rows.map(([id, it, fmax, df, ...p]) => `${run(0.1, it, 'force tolerance')}STZ_DF ${id} ${it} ${fmax} ${df} ${p.join(' ')}\n`).join('');
  const lammps = parseRelaxations(stdout);
  const tau = (pressure: readonly number[]) => resolvedShearStress(pressure.map((p) => -p * BAR_TO_MPA), '-xy');
  // STZ Lab's side, made from LAMMPS's with D_f moved by up to `shift`: the unfrozen relaxation's
  // stress falls by 59.6 MPa from the pre-event state, the core ones' rise.
  const mine = (shift: number, flip: number | null, marginal: number[] = []): FrozenTiming => ({
    relaxations: lammps.map((x, k) => ({ id: x.id, df: x.df + shift * (k % 2 ? 1 : -1), eventHappened: (x.df > 1) !== (x.id === flip), marginal: marginal.includes(x.id) })),
    tauPre: tau(lammps[0].pressure) + 59.6,
    direction: '-xy',
    coreIds: [205, 166, 11, 189],
  }) as unknown as FrozenTiming;

  it('reads each relaxation: id, iterations, final fmax, D_f and pressures', () => {
    expect(lammps.map((x) => x.id)).toEqual([0, 205, 166, 11, 189, 20, 1, 2, 3]);
    expect(lammps[1]).toEqual({ id: 205, iterations: 57, fmax: 8.945e-6, df: 0.00129937063119, pressure: rows[1].slice(4) });
  });

  it('gives the largest D_f difference, the relaxations whose outcome differs, and whether the cores agree', () => {
    expect(compareWithLammps(mine(2e-4, null), lammps)).toEqual({ maxDf: expect.closeTo(2e-4, 12), differ: [], differMarginal: [], core: 'the same', lammpsCore: 4 });
    const flipped = compareWithLammps(mine(0, 166), lammps);
    expect(flipped.differ).toEqual([166]);
    expect(compareWithLammps({ ...mine(0, null), coreIds: [205, 11, 189] }, lammps).core).toBe('not the same');
    expect(() => compareWithLammps(mine(0, null), lammps.slice(0, 8))).toThrow(/LAMMPS did not report the relaxation with atom 3 held/);
  });

  it('sets apart the differences on atoms STZ Lab found marginal, and leaves their D_f out', () => {
    // As the f32 GPU runs it: atom 20 held, it stops at 1e-5 eV/Å near the strained state (and
    // goes through when confirmed), where LAMMPS goes through at once.
    const f32 = mine(1e-4, 20, [20, 189]);
    const relaxations = f32.relaxations.map((x) => (x.id === 20 ? { ...x, df: 0.0057 } : x));
    const vs = compareWithLammps({ ...f32, relaxations, coreIds: [205, 166, 11, 189, 20] }, lammps);
    expect(vs).toEqual({ maxDf: expect.closeTo(1e-4, 12), differ: [], differMarginal: [20], core: 'the same but for marginal atoms', lammpsCore: 4 });
    expect(compareWithLammps({ ...f32, relaxations, coreIds: [205, 166, 189, 20] }, lammps).core).toBe('not the same');
  });
});
