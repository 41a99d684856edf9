import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
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
  /** No event at fmax, the event when relaxed on to the confirmation tolerance (FrozenReplica.marginal). */
  readonly marginal: boolean;
}

const DF_HEADER = 'id,type,df,event_happened,converged,iterations,marginal';

function formatRow(r: DfRow): string {
  return [r.id, r.type, r.df, r.eventHappened ? 1 : 0, r.converged ? 1 : 0, r.iterations, r.marginal ? 1 : 0].join(',');
}

/** The whole text of a df.csv holding these rows. */
export function dfCsv(rows: Iterable<DfRow>): string {
  return [DF_HEADER, ...Array.from(rows, formatRow)].join('\n') + '\n';
}

/**
 * df.partial.csv, written as the relaxations end, so a run that is cancelled or killed keeps what it
 * has done and `--resume` goes on from there; df.partial.json holds the inputs the rows were
 * computed with. A finished run writes df.csv and removes both: until then an earlier run's
 * results in the folder stay as they were.
 */
export class DfFile {
  private readonly rowsPath: string;
  private readonly inputsPath: string;

  private constructor(
    dir: string,
    /** Rows of the interrupted run that is resumed, by atom id. */
    readonly earlier: ReadonlyMap<number, DfRow>,
  ) {
    this.rowsPath = join(dir, 'df.partial.csv');
    this.inputsPath = join(dir, 'df.partial.json');
  }

  /** A new partial file in `dir`; refused where an interrupted run would be lost. */
  static start(dir: string, inputs: Record<string, unknown>): DfFile {
    const file = new DfFile(dir, new Map());
    if (existsSync(file.rowsPath)) {
      throw new UsageError(`${dir} holds an interrupted run (${file.rowsPath}): add --resume to go on from it, or delete that file to start afresh`);
    }
    writeOutput(file.inputsPath, `${JSON.stringify(inputs, null, 2)}\n`);
    writeOutput(file.rowsPath, dfCsv([]));
    return file;
  }

  /**
   * The rows of the interrupted run in `dir`, which must have had the same inputs; an error says
   * what differs, or what is missing or unreadable.
   */
  static resume(dir: string, inputs: Record<string, unknown>, ids: ArrayLike<number>): DfFile {
    const probe = new DfFile(dir, new Map());
    for (const p of [probe.inputsPath, probe.rowsPath]) {
      if (!existsSync(p)) throw new UsageError(`--resume: ${p} does not exist: ${dir} holds no interrupted run; start it without --resume`);
    }
    let earlierInputs: Record<string, unknown>;
    try {
      earlierInputs = JSON.parse(readFileSync(probe.inputsPath, 'utf8'));
    } catch (e) {
      throw new UsageError(`--resume: ${probe.inputsPath} is not readable JSON (${(e as Error).message})`);
    }
    for (const [key, value] of Object.entries(inputs)) {
      if (JSON.stringify(earlierInputs[key]) !== JSON.stringify(value)) {
        throw new UsageError(`--resume: ${dir} holds a run with ${key} ${JSON.stringify(earlierInputs[key])}, not ${JSON.stringify(value)}; resume with the same inputs or write to another --out`);
      }
    }
    const known = new Set(Array.from(ids));
    const lines = readFileSync(probe.rowsPath, 'utf8').split('\n');
    // A run killed while writing leaves at most its last line cut short: that relaxation runs again.
    lines.pop();
    if (lines[0] !== DF_HEADER) throw new UsageError(`--resume: ${probe.rowsPath} does not start with the line ${DF_HEADER}`);
    const rows = new Map<number, DfRow>();
    lines.slice(1).forEach((line, k) => {
      const row = parseRow(line);
      if (row === null) throw new UsageError(`--resume: ${probe.rowsPath}:${k + 2}: '${line}' is not a row of ${DF_HEADER}`);
      if (!known.has(row.id)) throw new UsageError(`--resume: ${probe.rowsPath}:${k + 2}: the sample has no atom with id ${row.id}`);
      rows.set(row.id, row);
    });
    writeOutput(probe.rowsPath, dfCsv(rows.values()));
    return new DfFile(dir, rows);
  }

  append(rows: readonly DfRow[]): void {
    if (rows.length === 0) return;
    try {
      appendFileSync(this.rowsPath, rows.map((r) => `${formatRow(r)}\n`).join(''));
    } catch (e) {
      throw new Error(`cannot write ${this.rowsPath}: ${(e as Error).message}`);
    }
  }

  /** The run is over (finished, or its rows mean nothing): the partial files go. */
  remove(): void {
    for (const p of [this.rowsPath, this.inputsPath]) rmSync(p, { force: true });
  }
}

function parseRow(line: string): DfRow | null {
  const w = line.split(',');
  if (w.length !== 7) return null;
  const [id, type, df, event, converged, iterations, marginal] = w.map(Number);
  const flag = (v: number) => v === 0 || v === 1;
  if (!Number.isInteger(id) || !Number.isInteger(type) || !(df >= 0) || !flag(event) || !flag(converged) || !Number.isInteger(iterations) || iterations < 0 || !flag(marginal)) return null;
  return { id, type, df, eventHappened: event === 1, converged: converged === 1, iterations, marginal: marginal === 1 };
}
