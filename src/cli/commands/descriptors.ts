import { BOND_CHANGE_THRESHOLD, bondChanges, shellRadii } from '../../analysis/bondChanges';
import { d2min, D2MIN_CUTOFF } from '../../analysis/d2min';
import { vonMisesChange } from '../../analysis/vonMises';
import { writeExtXyz } from '../../io/extxyz';
import { parseDirection, shearedBox } from '../../protocols/shear';
import { affineInto } from '../../system/box';
import type { AtomSystem } from '../../system/system';
import { numberOption, optional, parseArgs, required, UsageError } from '../args';
import { bindToSample, inputHelp, INPUT_OPTIONS, loadPotential, loadSample } from '../inputs';
import { writeOutput } from '../output';

export const DESCRIPTORS_HELP = `stz-lab descriptors: D²min, the change of atomic von Mises stress and the bonds broken and formed in an event

usage: stz-lab descriptors [--potential FILE] --pre PRE.data --post POST.data --direction -xy --step 5e-5
                           [--d2min-cutoff 5] [--bond-threshold 0.075] --out FILE.extxyz [--json OUT.json]

${inputHelp(`  --pre FILE         the relaxed state one step before the event (aqs writes it as event_K_pre.data)
  --post FILE        the relaxed state after it (event_K_post.data): the same atoms, ids and types`)}
  --direction D      the shear direction of the event (+xy, -xy, +xz, -xz, +yz, -yz)
  --step S           the strain step that triggered it
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
    direction: { value: true },
    step: { value: true },
    'd2min-cutoff': { value: true },
    'bond-threshold': { value: true },
    out: { value: true },
    json: { value: true },
  });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const direction = parseDirection(required(args, 'direction'));
  const step = numberOption(args, 'step', NaN, (v) => v !== 0, 'a non-zero strain step');
  if (Number.isNaN(step)) throw new UsageError('--step is required');
  const cutoff = numberOption(args, 'd2min-cutoff', D2MIN_CUTOFF, (v) => v > 0, 'a positive distance in Å');
  const threshold = numberOption(args, 'bond-threshold', BOND_CHANGE_THRESHOLD, (v) => v >= 0, 'a distance ≥ 0 in Å');
  const out = required(args, 'out');
  const pre = loadSample(args, 'pre');
  const post = loadSample(args, 'post');
  sameAtoms(pre.system, post.system, pre.path, post.path);
  const tables = bindToSample(loadPotential(args), pre.system, pre.path);

  const { system } = pre;
  const strained = shearedBox(system.box, direction, step);
  const before = { positions: affineInto(system.positions, system.box, strained), box: strained };
  const after = { positions: post.system.positions, box: post.system.box };
  const d2 = d2min(before, after, cutoff);
  const vm = vonMisesChange(tables, system.types, before, after);
  const shells = shellRadii(tables.typeElements, before, system.types);
  const bonds = bondChanges(before, after, system.types, shells.radii, threshold);

  const changes = Array.from(bonds.broken, (b, i) => b + bonds.formed[i]);
  const real = (name: string, values: Float64Array) => ({ name, components: 1, kind: 'real' as const, values });
  const int = (name: string, values: Int32Array) => ({ name, components: 1, kind: 'int' as const, values });
  writeOutput(
    out,
    writeExtXyz(system, {
      properties: [
        real('D2min', d2),
        real('vonMises_before', vm.before),
        real('vonMises_after', vm.after),
        real('dvonMises', vm.change),
        int('bonds_broken', bonds.broken),
        int('bonds_formed', bonds.formed),
      ],
    }),
  );
  const elements = tables.typeElements;
  const summary = {
    natoms: system.natoms,
    d2min_cutoff: cutoff,
    bond_shells: elements.flatMap((a, i) => elements.slice(i).map((b, k) => ({ pair: `${a}-${b}`, radius: shells.radii[i][i + k], source: shells.source[i][i + k] }))),
    bond_threshold: threshold,
    bonds_broken: bonds.brokenPairs,
    bonds_formed: bonds.formedPairs,
    // The paper's Figure 4a: three or more changes mark atoms of the STZ core, mostly.
    ids_with_3_or_more_bond_changes: changes.flatMap((c, i) => (c >= 3 ? [system.ids[i]] : [])),
    max_d2min: d2.reduce((m, v) => Math.max(m, v), 0),
  };
  const text = `${JSON.stringify(summary, null, 2)}\n`;
  const json = optional(args, 'json');
  if (json !== undefined) writeOutput(json, text);
  process.stdout.write(text);
  return 0;
}

/** Both states must list the same atoms in the same order: the descriptors pair them by index. */
function sameAtoms(pre: AtomSystem, post: AtomSystem, prePath: string, postPath: string): void {
  if (pre.natoms !== post.natoms) throw new UsageError(`${prePath} has ${pre.natoms} atoms but ${postPath} has ${post.natoms}: they must be two states of the same atoms`);
  for (let i = 0; i < pre.natoms; i++) {
    if (pre.ids[i] !== post.ids[i] || pre.types[i] !== post.types[i]) {
      throw new UsageError(`${prePath} and ${postPath} differ at atom ${pre.ids[i]} (id or type): they must be two states of the same atoms`);
    }
  }
}
