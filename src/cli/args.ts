/** What a command accepts: option names with whether they take a value, and if they may repeat. */
export interface OptionSpec {
  readonly [name: string]: { readonly value: boolean; readonly repeat?: boolean };
}

export interface ParsedArgs {
  readonly options: ReadonlyMap<string, string[]>;
  readonly flags: ReadonlySet<string>;
  readonly positional: readonly string[];
}

export class UsageError extends Error {}

/**
 * `--name value`, `--name=value` and `--flag`. A value may start with '-' (`--direction -xy`):
 * an option that takes a value always takes the next word.
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const word = argv[k];
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const opt = spec[name];
    if (!opt) throw new UsageError(`unknown option --${name}; the options are ${Object.keys(spec).map((n) => `--${n}`).join(', ')}`);
    if (!opt.value) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    let value: string;
    if (eq >= 0) value = word.slice(eq + 1);
    else if (k + 1 < argv.length) value = argv[++k];
    else throw new UsageError(`--${name} needs a value`);
    const list = options.get(name) ?? [];
    if (list.length > 0 && !opt.repeat) throw new UsageError(`--${name} given twice`);
    list.push(value);
    options.set(name, list);
  }
  return { options, flags, positional };
}

export function optional(args: ParsedArgs, name: string): string | undefined {
  return args.options.get(name)?.[0];
}

export function required(args: ParsedArgs, name: string): string {
  const v = optional(args, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function numberOption(args: ParsedArgs, name: string, fallback: number, check: (v: number) => boolean, what: string): number {
  const text = optional(args, name);
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !check(v)) throw new UsageError(`--${name} must be ${what}, got '${text}'`);
  return v;
}
