import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EamPotential } from '../potential/eam';
import type { ShearDirection } from '../protocols/shear';

/** Whether LAMMPS (`lmp`, Debian's lammps package) can be run here. */
export function lammpsAvailable(): boolean {
  return spawnSync('lmp', ['-h'], { stdio: 'ignore' }).status === 0;
}

export interface LammpsAqsTiming {
  readonly seconds: number;
  readonly steps: number;
}

/**
 * The same AQS steps as STZ Lab's, run by LAMMPS for a speed comparison: FIRE with the same
 * convergence rule (largest force component, `min_modify norm max`), change_box remap steps.
 * Only the minimisations after the first count, summed from LAMMPS's own loop times.
 */
export function lammpsAqs(opts: {
  dataFile: string;
  potentialFiles: readonly string[];
  potential: EamPotential;
  elements: readonly string[];
  direction: ShearDirection;
  step: number;
  steps: number;
  fmax: number;
  maxIterations: number;
}): LammpsAqsTiming {
  const dir = mkdtempSync(join(tmpdir(), 'stz-lammps-'));
  const plane = opts.direction.slice(1);
  const height = plane === 'xy' ? 'ly' : 'lz';
  const sign = opts.direction[0] === '-' ? -1 : 1;
  const files = opts.potentialFiles.map((f) => resolve(f));
  const pair =
    opts.potential.format === 'eam'
      ? [`pair_style eam`, ...opts.elements.map((el, t) => `pair_coeff ${t + 1} ${t + 1} ${files[opts.potential.elements.indexOf(el)]}`)]
      : [`pair_style ${opts.potential.format}`, `pair_coeff * * ${files[0]} ${opts.elements.join(' ')}`];
  const script = [
    'units metal',
    'atom_style atomic',
    'boundary p p p',
    'atom_modify map array sort 0 0',
    `read_data ${resolve(opts.dataFile)}`,
    ...pair,
    'min_style fire',
    'min_modify norm max',
    'thermo 1000',
    `minimize 0.0 ${opts.fmax} ${opts.maxIterations} ${10 * opts.maxIterations}`,
    `variable d equal ${sign}*${opts.step}*${height}`,
    'print "STZ_AQS_START"',
    `variable k loop ${opts.steps}`,
    'label loop',
    `change_box all ${plane} delta $d remap units box`,
    `minimize 0.0 ${opts.fmax} ${opts.maxIterations} ${10 * opts.maxIterations}`,
    'next k',
    'jump SELF loop',
  ].join('\n');
  writeFileSync(join(dir, 'aqs.in'), `${script}\n`);
  try {
    const run = spawnSync('lmp', ['-in', 'aqs.in', '-log', 'none'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`LAMMPS failed: ${(run.stdout + run.stderr).split('\n').find((l) => l.includes('ERROR')) ?? run.status}`);
    const after = run.stdout.slice(run.stdout.indexOf('STZ_AQS_START'));
    const loops = [...after.matchAll(/Loop time of ([0-9.eE+-]+)/g)].map((m) => Number(m[1]));
    return { seconds: loops.reduce((a, b) => a + b, 0), steps: loops.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
