import { describe, expect, it } from 'vitest';
import { readConfiguration } from '../../src/io/configuration';
import { bindToSystem, UnknownElementError } from '../../src/potential/bindToSystem';
import { POTENTIALS } from '../helpers/reference';

/** Two atoms of B2 CuZr in one cubic cell of side `a`, with or without a Masses section. */
function b2(a: number, masses: boolean): string {
  return [
    'B2 CuZr',
    '',
    '2 atoms',
    '2 atom types',
    '',
    `0 ${a} xlo xhi`,
    `0 ${a} ylo yhi`,
    `0 ${a} zlo zhi`,
    '',
    ...(masses ? ['Masses', '', '1 63.546', '2 91.224', ''] : []),
    'Atoms # atomic',
    '',
    '1 1 0 0 0',
    `2 2 ${a / 2} ${a / 2} ${a / 2}`,
    '',
  ].join('\n');
}

describe('binding a potential to a sample (CLI and app alike)', () => {
  const pot = POTENTIALS.sheng();

  it('maps the types to the elements of the potential where the box is wide enough', () => {
    const tables = bindToSystem(pot, readConfiguration(b2(16, true), 'wide.data'), 'wide.data');
    expect(tables.typeElements).toEqual(['Cu', 'Zr']);
  });

  it('names the file and the minimum size when the box is thinner than twice the cutoff', () => {
    expect(() => bindToSystem(pot, readConfiguration(b2(3.26, true), 'thin.data'), 'thin.data')).toThrow(
      `thin.data: the box is too thin along x: its perpendicular width is 3.2600 Å but must exceed twice the cutoff, ${(2 * pot.cutoff).toFixed(4)} Å`,
    );
  });

  it('says which type has no element', () => {
    const run = () => bindToSystem(pot, readConfiguration(b2(16, false), 'bare.data'), 'bare.data');
    expect(run).toThrow(UnknownElementError);
    expect(run).toThrow('bare.data: the element of atom type 1 is unknown (its mass does not name one)');
  });
});
