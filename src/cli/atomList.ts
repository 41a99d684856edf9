import { UsageError } from './args';

/**
 * `--atoms 1,7,20-40` as atom indices, from the ids of the data file. Ranges are inclusive; an id
 * the sample does not have is an error.
 */
export function parseAtomList(text: string, ids: Int32Array): number[] {
  const index = new Map<number, number>();
  ids.forEach((id, i) => index.set(id, i));
  const out: number[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new UsageError(`--atoms: '${part}' is not an id or a range like 20-40`);
    const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (b < a) throw new UsageError(`--atoms: the range ${part} runs backwards`);
    for (let id = a; id <= b; id++) {
      const i = index.get(id);
      if (i === undefined) throw new UsageError(`--atoms: the sample has no atom with id ${id}`);
      out.push(i);
    }
  }
  if (out.length === 0) throw new UsageError('--atoms lists no atoms');
  return [...new Set(out)];
}
