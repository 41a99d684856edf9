import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFuncfl } from '../../src/potential/funcfl';
import { readPotential } from '../../src/potential/read';
import { brokenFile, errorOf, potentialFile } from './fixtures';

// Each file is one of the tiny_* files in ../fixtures/potentials with a single fault. The file is
// read by name, as a user would load it; the message must name the file, the line and the fault.
const cases: [file: string, line: number, words: string[]][] = [
  ['truncated_table.eam.alloy', 14, ['table r*phi of pair Zr-Zr ends after 4 of 6 values']],
  ['truncated_header.eam.alloy', 4, ['file ends before the grid line']],
  ['truncated_funcfl.eam', 6, ['table rho of element Cu ends after 5 of 7 values']],
  ['nan_value.eam.alloy', 7, ['table F of element Cu', "'nan'", 'not a finite number']],
  ['inf_value.eam.fs', 12, ['table rho(Zr->Cu) of element Zr', "'-inf'", 'not a finite number']],
  ['overflow_value.eam.alloy', 11, ['table rho of element Zr', "'1e999'", 'not a finite number']],
  ['nan_header.eam.alloy', 5, ['drho', "'NaN'", 'not a finite number']],
  ['not_a_number.eam.alloy', 8, ['table rho of element Cu', "'0.6x'", 'not a number']],
  ['element_count.eam.alloy', 4, ['says 3 elements but names 2']],
  ['duplicate_elements.eam.alloy', 4, ['Cu', 'duplicated element names']],
  ['nrho_zero.eam.alloy', 5, ['nrho must be a positive integer, got 0']],
  ['nr_negative.eam.alloy', 5, ['nr must be a positive integer, got -6']],
  ['drho_zero.eam.fs', 5, ['drho must be positive']],
  ['dr_negative.eam.alloy', 5, ['dr must be positive, got -0.5']],
  ['cutoff_zero.eam.alloy', 5, ['cutoff must be positive']],
  ['missing_cutoff.eam.fs', 5, ["expected 5 numbers 'nrho drho nr dr cutoff', got 4"]],
  ['too_few_points.eam.alloy', 5, ['nr = 4 is too few points', 'at least 5']],
  ['funcfl_too_few_points.eam', 3, ['nr = 5 is too few points for a funcfl file']],
  ['mass_zero.eam.alloy', 9, ['element line of Zr', 'mass must be positive']],
  ['mass_negative.eam', 2, ['mass must be positive, got -63.546']],
  ['bad_z.eam.alloy', 6, ['element line of Cu', "Z '29.5' is not an integer"]],
  ['unnamed_element.eam', 2, ['cannot name the element', 'Z = 0']],
  ['leftover_numbers.eam.alloy', 15, ['3 numbers left over after the last table']],
  ['element_line_mid_line.eam.alloy', 8, ['1 value follows the end of table rho of element Cu', 'element line of Zr']],
  ['fs_named_alloy.eam.alloy', 9, ['element line of Zr', 'is the format eam/fs rather than eam/alloy?']],
  ['alloy_named_fs.eam.fs', 9, ["'hcp' is not a number", 'is the format eam/alloy rather than eam/fs?']],
  ['funcfl_named_alloy.eam.alloy', 2, ['the name says eam/alloy', 'funcfl']],
  ['unknown_format.txt', 4, ['cannot tell the format', 'name the format']],
];

describe('broken potential files', () => {
  it.each(cases)('%s fails at line %i', (file, line, words) => {
    const message = errorOf(() => readPotential(brokenFile(file), file));
    expect(message.startsWith(`${file}:${line}: `), message).toBe(true);
    for (const w of words) expect(message).toContain(w);
  });

  it('duplicate_element_Cu.eam clashes with tiny_Cu.eam in one funcfl set', () => {
    const message = errorOf(() =>
      readFuncfl([
        { text: potentialFile('tiny_Cu.eam'), source: 'tiny_Cu.eam' },
        { text: brokenFile('duplicate_element_Cu.eam'), source: 'duplicate_element_Cu.eam' },
      ]),
    );
    expect(message).toBe('duplicate_element_Cu.eam:2: element Cu is also described by tiny_Cu.eam (duplicated element names)');
  });

  it('has a test for every file in the folder', () => {
    const tested = new Set([...cases.map(([file]) => file), 'duplicate_element_Cu.eam', 'README.md']);
    const files = readdirSync(new URL('../fixtures/broken/potentials/', import.meta.url));
    expect(files.filter((f) => !tested.has(f))).toEqual([]);
  });
});
