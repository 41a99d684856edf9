import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPotential, type PotentialFormat } from '../potential/read';
import { readFuncfl } from '../potential/funcfl';
import type { EamTables } from '../potential/tables';
import { bindToSystem, UnknownElementError } from '../potential/bindToSystem';
import type { EamPotential } from '../potential/eam';
import { readConfiguration } from '../io/configuration';
import { parseElementList } from '../io/elements';
import type { AtomSystem } from '../system/system';
import type { Box } from '../system/box';
import { optional, required, UsageError, type OptionSpec, type ParsedArgs } from './args';

/** Options every command that evaluates a sample takes. */
export const INPUT_OPTIONS: OptionSpec = {
  potential: { value: true, repeat: true },
  format: { value: true },
  data: { value: true },
  elements: { value: true },
};

/** The help of the input options; a command whose --data means something more says so in `data`. */
export function inputHelp(
  data = `  --data FILE        LAMMPS data file (atom_style atomic) or extended XYZ (.xyz, .extxyz)
                     (default: the shipped 2000-atom Cu50Zr50 glass)`,
): string {
  return `  --potential FILE   EAM potential: setfl (eam/alloy), Finnis-Sinclair (eam/fs) or funcfl (eam);
                     repeat it to combine several funcfl files (default: the shipped Cheng-Ma-Sheng Cu-Zr)
  --format F         eam/alloy, eam/fs or eam, when the file name and contents do not say
${data}
  --elements Cu,Zr   element of each atom type, in LAMMPS type order (default: from the file's
                     masses or species)`;
}

export const INPUT_HELP = inputHelp();

/** The repository root, found from this module in src/cli or in the built dist-cli. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the stz-lab package root');
    dir = up;
  }
  return dir;
}

export const DEFAULT_POTENTIAL = 'public/potentials/ZrCu.lammps.eam';
export const DEFAULT_SAMPLE = 'public/samples/cu50zr50_2000.data';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the ${what} ${path}${code === 'ENOENT' ? ': no such file' : `: ${(e as Error).message}`}`);
  }
}

/** The potential file(s) a command reads: `--potential`, or the shipped default. */
export function potentialFiles(args: ParsedArgs): string[] {
  return args.options.get('potential') ?? [join(packageRoot(), DEFAULT_POTENTIAL)];
}

export function loadPotential(args: ParsedArgs): EamPotential {
  const files = potentialFiles(args);
  const format = optional(args, 'format');
  if (format !== undefined && !['eam/alloy', 'eam/fs', 'eam'].includes(format)) {
    throw new UsageError(`--format must be eam/alloy, eam/fs or eam, got '${format}'`);
  }
  if (files.length > 1) {
    if (format !== undefined && format !== 'eam') throw new UsageError('several --potential files combine only as funcfl (eam) files');
    return readFuncfl(files.map((f) => ({ text: readText(f, 'potential file'), source: basename(f) })));
  }
  return readPotential(readText(files[0], 'potential file'), basename(files[0]), format as PotentialFormat | undefined);
}

/** The configuration in `--data` (default: the shipped glass), or in another option, which is then required. */
export function loadSample(args: ParsedArgs, option = 'data'): { system: AtomSystem; path: string } {
  const path = resolve(option === 'data' ? (optional(args, 'data') ?? join(packageRoot(), DEFAULT_SAMPLE)) : required(args, option));
  const elementsArg = optional(args, 'elements');
  const elements = elementsArg === undefined ? undefined : parseElementList(elementsArg);
  const text = readText(path, 'data file');
  const name = basename(path);
  return { system: readConfiguration(text, name, { elements }), path };
}

/** The potential bound to the sample's types, after checking that the box is big enough for it. */
export function bindToSample(pot: EamPotential, system: AtomSystem, source: string): EamTables {
  try {
    return bindToSystem(pot, system, source);
  } catch (e) {
    if (e instanceof UnknownElementError) throw new UsageError(`${e.message}: pass --elements`);
    throw e;
  }
}

/** The sample with new positions and cell, for writing results: velocities and other columns of the input no longer apply. */
export function withConfiguration(system: AtomSystem, positions: Float64Array, box: Box): AtomSystem {
  return { ...system, positions, box, properties: [] };
}
