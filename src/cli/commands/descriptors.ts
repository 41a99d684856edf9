import { BOND_CHANGE_THRESHOLD } from '../../analysis/bondChanges';
import { D2MIN_CUTOFF } from '../../analysis/d2min';
import { eventDescriptors } from '../../analysis/eventDescriptors';
import { writeExtXyz } from '../../io/extxyz';
import type { AtomSystem } from '../../system/system';
import { numberOption, optional, parseArgs, required, UsageError } from '../args';
import { EVENT_HELP, EVENT_OPTIONS, eventStep } from '../eventOptions';
import { bindToSample, inputHelp, INPUT_OPTIONS, loadPotential, loadSample } from '../inputs';
import { writeOutput } from '../output';
import { descriptorProperties, descriptorSummary } from '../descriptorOutput';

export const DESCRIPTORS_HELP = `stz-lab descriptors: D²min, the change of atomic von Mises stress and the bonds broken and formed in an event

usage: stz-lab descriptors [--potential FILE] --pre PRE.data --post POST.data --direction -xy --step 5e-5
                           [--d2min-cutoff 5] [--bond-threshold 0.075] --out FILE.extxyz [--json OUT.json]

${inputHelp(`  --pre FILE         the relaxed state one step before the event (aqs writes it as event_K_pre.data)
  --post FILE        the relaxed state after it (event_K_post.data): the same atoms, ids and types`)}
${EVENT_HELP}
  --d2min-cutoff R   neighbours within R Å of an atom in the reference state enter its D²min fit
                     (default ${D2MIN_CUTOFF})
  --bond-threshold D
                     a bond breaks or forms when its length crosses the first-shell radius and
                     changes by more than D Å (default ${BOND_CHANGE_THRESHOLD}, the paper's)
  --out FILE         the pre-event state as extended XYZ, for OVITO, with per-atom D2min (Å²),
                     vonMises_before, vonMises_after, dvonMises (MPa), bonds_broken, bonds_formed
  --json FILE        the summary printed on stdout: shell radii, bonds broken and formed, the ids of
                     the atoms with three or more bond changes

Each compares the pre-event state carried affinely by the strain step with the relaxed state after
the event, as the app's histograms do. D²min as OVITO's atomic strain modifier (not divided by the
neighbour count); von Mises stress from the per-atom virial over the mean atomic volume (f64
reference EAM); bonds as the paper's local configurational excitations, first-shell radii Cu–Cu
3.05, Cu–Zr 3.75, Zr–Zr 4.35 Å, other pairs from the first minimum of the pre-event g(r).`;

export async function descriptorsCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    potential: INPUT_OPTIONS.potential,
    format: INPUT_OPTIONS.format,
    elements: INPUT_OPTIONS.elements,
    pre: { value: true },
    post: { value: true },
    ...EVENT_OPTIONS,
    'd2min-cutoff': { value: true },
    'bond-threshold': { value: true },
    out: { value: true },
    json: { value: true },
  });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const { direction, step } = eventStep(args);
  const cutoff = numberOption(args, 'd2min-cutoff', D2MIN_CUTOFF, (v) => v > 0, 'a positive distance in Å');
  const threshold = numberOption(args, 'bond-threshold', BOND_CHANGE_THRESHOLD, (v) => v >= 0, 'a distance ≥ 0 in Å');
  const out = required(args, 'out');
  const pre = loadSample(args, 'pre');
  const post = loadSample(args, 'post');
  sameAtoms(pre.system, post.system, pre.path, post.path);
  const tables = bindToSample(loadPotential(args), pre.system, pre.path);
  const { system } = pre;
  const d = eventDescriptors(tables, system.types, system, post.system, direction, step, { d2minCutoff: cutoff, bondThreshold: threshold });
  writeOutput(out, writeExtXyz(system, { properties: descriptorProperties(d) }));
  const text = `${JSON.stringify({ natoms: system.natoms, ...descriptorSummary(d, system.ids) }, null, 2)}\n`;
  const json = optional(args, 'json');
  if (json !== undefined) writeOutput(json, text);
  process.stdout.write(text);
  return 0;
}

/** Both states must list the same atoms in the same order: the descriptors pair them by index. */
export function sameAtoms(pre: AtomSystem, post: AtomSystem, prePath: string, postPath: string): void {
  if (pre.natoms !== post.natoms) throw new UsageError(`${prePath} has ${pre.natoms} atoms but ${postPath} has ${post.natoms}: they must be two states of the same atoms`);
  for (let i = 0; i < pre.natoms; i++) {
    if (pre.ids[i] !== post.ids[i] || pre.types[i] !== post.types[i]) {
      throw new UsageError(`${prePath} and ${postPath} differ at atom ${pre.ids[i]} (id or type): they must be two states of the same atoms`);
    }
  }
}
