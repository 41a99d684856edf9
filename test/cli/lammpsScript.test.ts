import { describe, expect, it } from 'vitest';
import { frozenRelaxationScript, type LammpsFrozenOptions, type LammpsSystem } from '../../src/cli/lammps';
import type { EamPotential } from '../../src/potential/eam';
import { resolvedShearStress, SHEAR_DIRECTIONS } from '../../src/protocols/shear';
import { BAR_TO_MPA } from '../../src/physics/units';

const system: LammpsSystem = {
  dataFile: 'pre.data',
  potentialFiles: ['ZrCu.lammps.eam'],
  potential: { format: 'eam/alloy', elements: ['Cu', 'Zr'] } as unknown as EamPotential,
  elements: ['Cu', 'Zr'],
};
const options = (o: Partial<LammpsFrozenOptions>): LammpsFrozenOptions => ({
  direction: '-xy',
  step: 5e-5,
  atomIds: [],
  fmax: 1e-5,
  maxIterations: 20000,
  processes: 1,
  confirm: { fmax: 5e-6, tauPre: 400.5, drop: 0.5 },
  ...o,
});
// LAMMPS's pressure tensor xx yy zz xy xz yz, bar: atom 189's relaxation of the 250-atom event at 1e-5 eV/Å.
const pressure = [97.6593929825, 460.805467549, -851.372199483, 4005.3759211, 732.948618115, -651.072358819];

describe('the LAMMPS script of one frozen-atom relaxation', () => {
  it('strains by the step in the shear direction, holds the atom, relaxes to fmax, and prints the state', () => {
    const lines = frozenRelaxationScript(system, options({}), 189);
    expect(lines).toContain('change_box all xy delta $(-1*0.00005*ly) remap units box');
    expect(lines).toContain('group held id 189');
    expect(lines).toContain('minimize 0.0 0.00001 20000 200000');
    expect(lines.find((l) => l.startsWith('print "STZ_DF 189 $(step) $(fmax:%.6e) $(sqrt(c_dsum):%.12g) $(pxx:%.12g)'))).toBeDefined();
    expect(lines.at(-1)).toBe('print STZ_END');
    expect(frozenRelaxationScript(system, options({ direction: '+yz' }), null)).toContain('change_box all yz delta $(1*0.00005*lz) remap units box');
    expect(frozenRelaxationScript(system, options({}), null).some((l) => l.startsWith('group'))).toBe(false);
    expect(frozenRelaxationScript(system, options({ confirm: null }), 189).some((l) => l.startsWith('if'))).toBe(false);
  });

  it('confirms exactly where STZ Lab’s drop rule finds no event, in every shear direction', () => {
    for (const direction of SHEAR_DIRECTIONS) {
      const tau = resolvedShearStress(pressure.map((p) => -p * BAR_TO_MPA), direction);
      for (const dropped of [0.4, 0.6]) {
        const confirm = { fmax: 5e-6, tauPre: tau + dropped, drop: 0.5 };
        const line = frozenRelaxationScript(system, options({ direction, confirm }), 189).find((l) => l.startsWith('if'))!;
        const m = line.match(/^if "\$\((-?[\d.]+)\*p(xy|xz|yz)\) >= (\S+)" then "minimize 0\.0 0\.000005 20000 200000" 'print "STZ_CONFIRM 189 \$\(step\) /);
        expect(m, line).not.toBeNull();
        const lhs = Number(m![1]) * pressure[{ xy: 3, xz: 4, yz: 5 }[m![2] as 'xy']];
        expect(lhs >= Number(m![3]), `${direction}, stress fallen by ${dropped} MPa`).toBe(dropped <= 0.5);
      }
    }
  });
});
