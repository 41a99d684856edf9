import { MIN_DEFAULTS, type MinimizeOptions } from '../engine/minimizer';
import { numberOption, optional, UsageError, type OptionSpec, type ParsedArgs } from './args';

export const MINIMIZE_OPTIONS: OptionSpec = {
  fmax: { value: true },
  method: { value: true },
  'max-iterations': { value: true },
};

export function minimizeHelp(defaultFmax: number): string {
  return `  --fmax X           converged when no atom has a force component above X eV/Å (default ${defaultFmax})
  --method M         fire (FIRE 2.0, default) or sd (steepest descent)
  --max-iterations N iteration cap per relaxation (default ${MIN_DEFAULTS.maxIterations}); a relaxation that
                     reaches it is reported as unconverged`;
}

export function minimizeOptions(args: ParsedArgs, defaultFmax: number): MinimizeOptions {
  const method = optional(args, 'method') ?? 'fire';
  if (method !== 'fire' && method !== 'sd') throw new UsageError(`--method must be fire or sd, got '${method}'`);
  return {
    method,
    fmax: numberOption(args, 'fmax', defaultFmax, (v) => v > 0, 'a positive force in eV/Å'),
    maxIterations: numberOption(args, 'max-iterations', MIN_DEFAULTS.maxIterations, (v) => Number.isInteger(v) && v > 0, 'a positive integer'),
  };
}
