import { UsageError } from './args';
import { EVAL_HELP, evalCommand } from './commands/eval';
import { BENCH_HELP, benchCommand } from './commands/bench';
import { RELAX_HELP, relaxCommand } from './commands/relax';
import { AQS_HELP, aqsCommand } from './commands/aqs';
import { QUENCH_HELP, quenchCommand } from './commands/quench';
import { MD_HELP, mdCommand } from './commands/md';
import { FROZEN_HELP, frozenCommand } from './commands/frozen';
import { DESCRIPTORS_HELP, descriptorsCommand } from './commands/descriptors';

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; help: string; summary: string }> = {
  eval: { run: evalCommand, help: EVAL_HELP, summary: 'energy, forces and per-atom stress of a configuration' },
  relax: { run: relaxCommand, help: RELAX_HELP, summary: 'minimise the energy, at fixed cell or with the cell' },
  md: { run: mdCommand, help: MD_HELP, summary: 'molecular dynamics, NVE or NVT, with a log and the final state' },
  quench: { run: quenchCommand, help: QUENCH_HELP, summary: 'make a glass by melt-quench MD, atoms and cell relaxed' },
  aqs: { run: aqsCommand, help: AQS_HELP, summary: 'athermal quasi-static shear, recording stress and plastic events' },
  frozen: { run: frozenCommand, help: FROZEN_HELP, summary: 'frozen-atom analysis of a plastic event: D_f and the STZ core' },
  descriptors: { run: descriptorsCommand, help: DESCRIPTORS_HELP, summary: 'D²min, von Mises stress change and bonds broken in an event' },
  bench: { run: benchCommand, help: BENCH_HELP, summary: 'time the GPU engine for several replica counts' },
};

const HELP = `stz-lab: EAM, AQS shear and frozen-atom analysis of metallic glasses on WebGPU

usage: stz-lab <command> [options]      stz-lab <command> --help

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(Math.max(...Object.keys(COMMANDS).map((n) => n.length)))} ${c.summary}`)
  .join('\n')}
`;

/** Runs one command; errors become a one-line reason on stderr and a non-zero exit status. */
export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`stz-lab: unknown command '${name}' (try stz-lab --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`stz-lab ${name}: ${message.split('\n')[0]}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}
