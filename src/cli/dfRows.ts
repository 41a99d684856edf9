import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './args';
import { writeOutput } from './output';

/** One line of df.csv: what `frozen` keeps of each frozen relaxation. */
export interface DfRow {
  readonly id: number;
  readonly type: number;
  readonly df: number;
  readonly eventHappened: boolean;
  readonly converged: boolean;
  readonly iterations: number;
}

export const DF_HEADER = 'id,type,df,event_happened,converged,iterations';

export function formatRow(r: DfRow): string {
  return [r.id, r.type, r.df, r.eventHappened ? 1 : 0, r.converged ? 1 : 0, r.iterations].join(',');
}

/**
 * df.csv written as the relaxations end, so a run that is cancelled or killed keeps what it has
 * done, and `--resume` goes on from there. run.json holds the inputs the rows were computed with.
 */
export class DfFile {
  private constructor(
    private readonly dir: string,
    /** Rows already in the file when the run started, by atom id. */
    readonly earlier: ReadonlyMap<number, DfRow>,
  ) {}

  /** A new df.csv (header only) and run.json in `dir`. */
  static start(dir: string, inputs: Record<string, unknown>): DfFile {
    writeOutput(join(dir, 'run.json'), `${JSON.stringify(inputs, null, 2)}\n`);
    writeOutput(join(dir, 'df.csv'), `${DF_HEADER}\n`);
    return new DfFile(dir, new Map());
  }

  /**
   * The rows of an earlier run in `dir` with the same inputs; an error says what differs, or what
   * is missing or unreadable.
   */
  static resume(dir: string, inputs: Record<string, unknown>, ids: ArrayLike<number>): DfFile {
    const runPath = join(dir, 'run.json');
    const dfPath = join(dir, 'df.csv');
    for (const p of [runPath, dfPath]) {
      if (!existsSync(p)) throw new UsageError(`--resume: ${p} does not exist; start the run without --resume`);
    }
    let earlierInputs: Record<string, unknown>;
    try {
      earlierInputs = JSON.parse(readFileSync(runPath, 'utf8'));
    } catch (e) {
      throw new UsageError(`--resume: ${runPath} is not readable JSON (${(e as Error).message})`);
    }
    for (const [key, value] of Object.entries(inputs)) {
      if (JSON.stringify(earlierInputs[key]) !== JSON.stringify(value)) {
        throw new UsageError(`--resume: ${dir} holds a run with ${key} ${JSON.stringify(earlierInputs[key])}, not ${JSON.stringify(value)}; resume with the same inputs or write to another --out`);
      }
    }
    const known = new Set(Array.from(ids));
    const text = readFileSync(dfPath, 'utf8');
    const lines = text.split('\n');
    // A run killed while writing leaves at most its last line cut short: that relaxation runs again.
    lines.pop();
    if (lines[0] !== DF_HEADER) throw new UsageError(`--resume: ${dfPath} does not start with the line ${DF_HEADER}`);
    const rows = new Map<number, DfRow>();
    lines.slice(1).forEach((line, k) => {
      const row = parseRow(line);
      if (row === null) throw new UsageError(`--resume: ${dfPath}:${k + 2}: '${line}' is not a row of ${DF_HEADER}`);
      if (!known.has(row.id)) throw new UsageError(`--resume: ${dfPath}:${k + 2}: the sample has no atom with id ${row.id}`);
      rows.set(row.id, row);
    });
    writeOutput(dfPath, [DF_HEADER, ...[...rows.values()].map(formatRow)].join('\n') + '\n');
    return new DfFile(dir, rows);
  }

  append(rows: readonly DfRow[]): void {
    if (rows.length === 0) return;
    const path = join(this.dir, 'df.csv');
    try {
      appendFileSync(path, rows.map((r) => `${formatRow(r)}\n`).join(''));
    } catch (e) {
      throw new Error(`cannot write ${path}: ${(e as Error).message}`);
    }
  }

  /** The whole file again, in the order given. */
  rewrite(rows: readonly DfRow[]): void {
    writeOutput(join(this.dir, 'df.csv'), [DF_HEADER, ...rows.map(formatRow)].join('\n') + '\n');
  }
}

function parseRow(line: string): DfRow | null {
  const w = line.split(',');
  if (w.length !== 6) return null;
  const [id, type, df, event, converged, iterations] = w.map(Number);
  const flag = (v: number) => v === 0 || v === 1;
  if (!Number.isInteger(id) || !Number.isInteger(type) || !(df >= 0) || !flag(event) || !flag(converged) || !Number.isInteger(iterations) || iterations < 0) return null;
  return { id, type, df, eventHappened: event === 1, converged: converged === 1, iterations };
}
