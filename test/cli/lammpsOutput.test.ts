import { describe, expect, it } from 'vitest';
import { parseTimed } from '../../src/cli/lammps';

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
