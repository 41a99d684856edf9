import { parseDirection, type ShearDirection } from '../protocols/shear';
import { numberOption, optional, UsageError, type OptionSpec, type ParsedArgs } from './args';

/** What names an event's strain step: the commands that start from a pre-event state take them. */
export const EVENT_OPTIONS: OptionSpec = { direction: { value: true }, step: { value: true } };

export const EVENT_HELP = `  --direction D      the shear direction of the event (+xy, -xy, +xz, -xz, +yz, -yz)
  --step S           the strain step that triggered it`;

export function eventStep(args: ParsedArgs): { direction: ShearDirection; step: number } {
  const text = optional(args, 'direction');
  if (text === undefined) throw new UsageError('--direction is required (the direction of the event)');
  let direction: ShearDirection;
  try {
    direction = parseDirection(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (optional(args, 'step') === undefined) throw new UsageError('--step is required (the strain step of the event)');
  const step = numberOption(args, 'step', 0, (v) => v > 0 && v < 0.1, 'a strain step between 0 and 0.1');
  return { direction, step };
}
