import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLammpsData } from '../../src/io/lammpsData';
import { runCli } from '../helpers/cli';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

describe('stz-lab relax', () => {
  it('relaxes atoms and cell and writes the result and a summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-relax-'));
    const out = join(dir, 'b2.data');
    const r = await runCli(['relax', '--data', fixture('reference/b2_ortho.data'), '--cell', '--out', out, '--json', join(dir, 'b2.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/relax: cell step \d+: stress/);
    const summary = JSON.parse(readFileSync(join(dir, 'b2.json'), 'utf8'));
    expect(summary.stop).toBe('converged');
    expect(summary.cell_converged).toBe(true);
    expect(Math.abs(summary.box.lx / 5 - 3.2561)).toBeLessThan(1e-4);
    expect(Math.abs(summary.energy_per_atom_eV + 5.0756)).toBeLessThan(1e-4);
    for (const s of Object.values(summary.stress_MPa) as number[]) expect(Math.abs(s)).toBeLessThan(0.1);
    const relaxed = readLammpsData(readFileSync(out, 'utf8'), 'b2.data');
    expect(relaxed.natoms).toBe(250);
    expect(relaxed.box.lx).toBeCloseTo(summary.box.lx, 12);
    expect(relaxed.properties).toEqual([]);
  });

  it('says so, and still writes the output, when the iteration cap stops it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stz-relax-'));
    const out = join(dir, 'capped.data');
    const r = await runCli(['relax', '--data', fixture('reference/b2_tri.data'), '--max-iterations', '3', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stz-lab relax: the relaxation did not converge: it stopped at max-iterations after 3 iterations/);
    expect(existsSync(out)).toBe(true);
  });

  it('rejects a bad option value with a one-line reason', async () => {
    const r = await runCli(['relax', '--out', '/tmp/x.data', '--fmax', 'tiny']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("stz-lab relax: --fmax must be a positive force in eV/Å, got 'tiny'\n");
  });
});
