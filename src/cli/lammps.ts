import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EamPotential } from '../potential/eam';
import { shearPlane, shearSign, type ShearDirection } from '../protocols/shear';
import { BAR_TO_MPA } from '../physics/units';

/** Whether LAMMPS (`lmp`, Debian's lammps package) can be run here. */
export function lammpsAvailable(): boolean {
  return spawnSync('lmp', ['-h'], { stdio: 'ignore' }).status === 0;
}

/** What LAMMPS needs to run the same system as STZ Lab. */
export interface LammpsSystem {
  readonly dataFile: string;
  readonly potentialFiles: readonly string[];
  readonly potential: EamPotential;
  readonly elements: readonly string[];
}

export interface LammpsTiming {
  /** Sum of LAMMPS's own loop times of the timed runs, s. */
  readonly seconds: number;
  /** How many runs or minimisations were timed. */
  readonly runs: number;
  /** Minimiser iterations over the timed minimisations (0 for MD). */
  readonly iterations: number;
  /** Minimisations that stopped at the iteration cap, not on the force tolerance. */
  readonly capped: number;
  /** Minimisations FIRE stopped after too many consecutive uphill (v·f < 0) steps. */
  readonly uphill: number;
  /** LAMMPS processes run side by side; `seconds` is the slowest one's. */
  readonly processes: number;
}

/** Where a frozen-atom relaxation in LAMMPS ended. */
export interface LammpsRelaxed {
  /** Counted from the strained state. */
  readonly iterations: number;
  /** Largest force component at the end, eV/Å. */
  readonly fmax: number;
  /** sqrt(Σ|d|²) of the displacements from the strained state, Å. */
  readonly df: number;
  /** Pressure tensor xx yy zz xy xz yz, bar. */
  readonly pressure: readonly number[];
}

/** One frozen-atom relaxation as LAMMPS ended it at fmax, and where its confirmation ended. */
export interface LammpsRelaxation extends LammpsRelaxed {
  /** The held atom's id, 0 for the relaxation with nothing held. */
  readonly id: number;
  /** Where it went on to the confirming tolerance, having no event at fmax; null where it did not. */
  readonly confirmed: LammpsRelaxed | null;
}

/**
 * Continues, as STZ Lab does, each relaxation that ends at fmax without the event (its resolved
 * shear stress, MPa, at least tauPre − drop) on to the tighter tolerance `fmax`.
 */
export interface LammpsConfirm {
  readonly fmax: number;
  readonly tauPre: number;
  readonly drop: number;
}

export interface LammpsFrozen extends LammpsTiming {
  readonly relaxations: readonly LammpsRelaxation[];
}

function setup(s: LammpsSystem): string[] {
  const files = s.potentialFiles.map((f) => resolve(f));
  const pair =
    s.potential.format === 'eam'
      ? ['pair_style eam', ...s.elements.map((el, t) => `pair_coeff ${t + 1} ${t + 1} ${files[s.potential.elements.indexOf(el)]}`)]
      : [`pair_style ${s.potential.format}`, `pair_coeff * * ${files[0]} ${s.elements.join(' ')}`];
  return ['units metal', 'atom_style atomic', 'boundary p p p', 'atom_modify map array sort 0 0', `read_data ${resolve(s.dataFile)}`, ...pair, 'thermo 1000'];
}

/** What one LAMMPS process printed after the line STZ_TIMED. */
export function parseTimed(stdout: string): LammpsTiming {
  const after = stdout.slice(stdout.indexOf('STZ_TIMED'));
  const loops = [...after.matchAll(/Loop time of ([0-9.eE+-]+)/g)].map((m) => Number(m[1]));
  const iterations = [...after.matchAll(/Iterations, force evaluations = (\d+)/g)].reduce((a, m) => a + Number(m[1]), 0);
  const capped = [...after.matchAll(/Stopping criterion = max iterations\s*$/gm)].length;
  const uphill = [...after.matchAll(/Stopping criterion = max iterations with v\.f negative/g)].length;
  return { seconds: loops.reduce((a, b) => a + b, 0), runs: loops.length, iterations, capped, uphill, processes: 1 };
}

/**
 * Runs LAMMPS scripts side by side, one process each, and sums the loop times each prints after
 * the line STZ_TIMED; the slowest process gives the time. `onDone` counts the lines STZ_END the
 * scripts print. Also returns what each process printed.
 */
async function timed(scripts: readonly (readonly string[])[], onDone?: (done: number) => void): Promise<{ timing: LammpsTiming; stdouts: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'stz-lammps-'));
  let done = 0;
  const one = (script: readonly string[], k: number) =>
    new Promise<{ timing: LammpsTiming; stdout: string }>((resolvePromise, reject) => {
      writeFileSync(join(dir, `in${k}.lmp`), `${script.join('\n')}\n`);
      const run = spawn('lmp', ['-in', `in${k}.lmp`, '-log', 'none'], { cwd: dir });
      let stdout = '';
      let stderr = '';
      let lineStart = 0;
      run.stdout.setEncoding('utf8').on('data', (text: string) => {
        stdout += text;
        const end = stdout.lastIndexOf('\n') + 1;
        const ended = stdout.slice(lineStart, end).match(/^STZ_END$/gm)?.length ?? 0;
        lineStart = end;
        if (ended > 0) onDone?.((done += ended));
      });
      run.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      run.on('error', reject);
      run.on('close', (status) => {
        if (status === 0) resolvePromise({ timing: parseTimed(stdout), stdout });
        else reject(new Error(`LAMMPS failed: ${(stdout + stderr).split('\n').find((l) => l.includes('ERROR')) ?? `exit ${status}`}`));
      });
    });
  try {
    const outputs = await Promise.all(scripts.map(one));
    const parts = outputs.map((o) => o.timing);
    const timing = {
      seconds: Math.max(...parts.map((p) => p.seconds)),
      runs: parts.reduce((a, p) => a + p.runs, 0),
      iterations: parts.reduce((a, p) => a + p.iterations, 0),
      capped: parts.reduce((a, p) => a + p.capped, 0),
      uphill: parts.reduce((a, p) => a + p.uphill, 0),
      processes: scripts.length,
    };
    return { timing, stdouts: outputs.map((o) => o.stdout) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same AQS steps as STZ Lab's: FIRE with the same convergence rule (largest force component,
 * `min_modify norm inf`), change_box remap steps; the minimisations after the first are timed.
 */
export async function lammpsAqs(s: LammpsSystem, o: { direction: ShearDirection; step: number; steps: number; fmax: number; maxIterations: number }): Promise<LammpsTiming> {
  const plane = shearPlane(o.direction);
  const minimize = `minimize 0.0 ${o.fmax} ${o.maxIterations} ${10 * o.maxIterations}`;
  const { timing } = await timed([[
    ...setup(s),
    'min_style fire',
    'min_modify norm inf',
    minimize,
    `variable d equal ${shearSign(o.direction)}*${o.step}*${plane === 'xy' ? 'ly' : 'lz'}`,
    'print "STZ_TIMED"',
    `variable k loop ${o.steps}`,
    'label loop',
    `change_box all ${plane} delta $d remap units box`,
    minimize,
    'next k',
    'jump SELF loop',
  ]]);
  return timing;
}

/** The same NVT molecular dynamics (Nosé–Hoover, 1 fs) as STZ Lab's, timed over `steps` steps. */
export async function lammpsNvt(s: LammpsSystem, o: { temperature: number; steps: number; seed: number }): Promise<LammpsTiming> {
  const { timing } = await timed([[
    ...setup(s),
    `velocity all create ${o.temperature} ${o.seed} mom yes dist gaussian`,
    'timestep 0.001',
    `fix nvt all nvt temp ${o.temperature} ${o.temperature} 0.1`,
    'print "STZ_TIMED"',
    `run ${o.steps}`,
  ]]);
  return timing;
}

/** How lammpsFrozen relaxes: the event's strain step, the tolerances, and how many processes. */
export interface LammpsFrozenOptions {
  readonly direction: ShearDirection;
  readonly step: number;
  readonly atomIds: readonly number[];
  readonly fmax: number;
  readonly maxIterations: number;
  readonly processes: number;
  readonly confirm: LammpsConfirm | null;
}

/**
 * The same frozen-atom relaxations as STZ Lab's: for each atom, the pre-event state strained by one
 * step (change_box remap), that atom held by fix setforce, FIRE with `min_modify norm inf`; the
 * relaxation with nothing frozen first; each without the event at fmax confirmed as `confirm`
 * says. Only the minimisations are timed. The relaxations are independent, so they are dealt out
 * to `processes` LAMMPS processes run side by side, as STZ Lab runs them side by side on every
 * core the adapter uses. `onDone` counts finished relaxations, confirmations included.
 */
export async function lammpsFrozen(s: LammpsSystem, o: LammpsFrozenOptions, onDone?: (done: number) => void): Promise<LammpsFrozen> {
  const jobs = [null, ...o.atomIds];
  const count = Math.max(1, Math.min(o.processes, jobs.length));
  const dealt = Array.from({ length: count }, (_, p) => jobs.filter((_, k) => k % count === p));
  const { timing, stdouts } = await timed(
    dealt.map((part) => ['print "STZ_TIMED"', ...part.flatMap((id) => frozenRelaxationScript(s, o, id))]),
    onDone,
  );
  return { ...timing, relaxations: stdouts.flatMap(parseRelaxations) };
}

/** One relaxation of lammpsFrozen, with atom `id` held (null: none), ending with the line STZ_END. */
export function frozenRelaxationScript(s: LammpsSystem, o: LammpsFrozenOptions, id: number | null): string[] {
  const plane = shearPlane(o.direction);
  const minimize = (fmax: number) => `minimize 0.0 ${fmax} ${o.maxIterations} ${10 * o.maxIterations}`;
  const state = `$(step) $(fmax:%.6e) $(sqrt(c_dsum):%.12g) ${['pxx', 'pyy', 'pzz', 'pxy', 'pxz', 'pyz'].map((p) => `$(${p}:%.12g)`).join(' ')}`;
  // resolvedShearStressOfPressure, in LAMMPS's terms.
  const tau = `${shearSign(o.direction) * -BAR_TO_MPA}*p${plane}`;
  return [
    'clear',
    ...setup(s),
    `change_box all ${plane} delta $(${shearSign(o.direction)}*${o.step}*${plane === 'xy' ? 'ly' : 'lz'}) remap units box`,
    // D_f: displacements from the strained state; thermo evaluates the sum at the last iteration.
    'compute dsp all displace/atom',
    'variable dsq atom c_dsp[4]*c_dsp[4]',
    'compute dsum all reduce sum v_dsq',
    'thermo_style custom step pe pxx pyy pzz pxy pxz pyz c_dsum',
    ...(id === null ? [] : [`group held id ${id}`, 'fix hold held setforce 0.0 0.0 0.0']),
    'min_style fire',
    'min_modify norm inf',
    minimize(o.fmax),
    `print "STZ_DF ${id ?? 0} ${state}"`,
    // Quotes keep the commands' $(…) for when they run, after the minimisation.
    ...(o.confirm === null ? [] : [`if "$(${tau}) >= ${o.confirm.tauPre - o.confirm.drop}" then "${minimize(o.confirm.fmax)}" 'print "STZ_CONFIRM ${id ?? 0} ${state}"'`]),
    'print STZ_END',
  ];
}

/** The relaxations a frozen-atom script prints: a line STZ_DF each, and STZ_CONFIRM after it where it went on. */
export function parseRelaxations(stdout: string): LammpsRelaxation[] {
  const relaxations: LammpsRelaxation[] = [];
  for (const m of stdout.matchAll(/^(STZ_DF|STZ_CONFIRM) (.+)$/gm)) {
    const [id, iterations, fmax, df, ...pressure] = m[2].trim().split(/\s+/).map(Number);
    const relaxed = { iterations, fmax, df, pressure };
    if (m[1] === 'STZ_DF') relaxations.push({ id, ...relaxed, confirmed: null });
    else {
      const last = relaxations.at(-1);
      if (last?.id !== id || last.confirmed !== null) throw new Error(`LAMMPS printed a confirmation of the relaxation with ${id === 0 ? 'nothing' : `atom ${id}`} held out of turn`);
      relaxations[relaxations.length - 1] = { ...last, confirmed: relaxed };
    }
  }
  return relaxations;
}
