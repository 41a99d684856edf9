import { ParseError } from '../io/parseError';
import { isNumber, parseReal, splitLines, stripComment, words } from '../io/tokens';

/** A header or element line split into fields, with its '#' comment removed. */
export interface FieldLine {
  readonly line: number;
  readonly fields: readonly string[];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Reads a potential file two ways at once: header and element lines whole (they carry words and
 * comments), tables as one stream of numbers that may run on across lines or share a line with
 * the next table. Every value keeps its line number so that errors can point at it.
 */
export class PotentialText {
  private readonly lines: string[];
  private next = 0;
  private pending: string[] = [];
  private pendingAt = 0;
  private pendingLine = 0;
  private lastTable = '';
  private lastContentLine = 0;

  constructor(
    text: string,
    readonly source: string,
  ) {
    this.lines = splitLines(text);
  }

  fail(line: number, problem: string): never {
    throw new ParseError(this.source, line, problem);
  }

  /** The next line taken whole, blank or not: the comment lines at the top of a file. */
  rawLine(what: string): { line: number; text: string } {
    this.requireLineStart(what);
    if (this.next >= this.lines.length) this.fail(this.lastLine(), `the file ends before ${what}`);
    const text = this.lines[this.next++];
    if (text.trim() !== '') this.lastContentLine = this.next;
    return { line: this.next, text };
  }

  /** The next line that has fields, skipping blank and comment-only lines as LAMMPS does. */
  fieldLine(what: string): FieldLine {
    this.requireLineStart(what);
    while (this.next < this.lines.length) {
      const fields = words(stripComment(this.lines[this.next++]));
      if (fields.length > 0) {
        this.lastContentLine = this.next;
        return { line: this.next, fields };
      }
    }
    return this.fail(this.lastLine(), `the file ends before ${what}`);
  }

  /** The next n numbers of the stream; `what` names the table for messages ("table F of element Cu"). */
  table(n: number, what: string): Float64Array {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      if (this.pendingAt >= this.pending.length && !this.loadLine()) {
        this.fail(this.lastLine(), `${what} ends after ${k} of ${n} values`);
      }
      out[k] = parseReal(this.pending[this.pendingAt++], `${what}:`, this.source, this.pendingLine);
    }
    this.lastTable = what;
    return out;
  }

  /** Requires that nothing but blank lines and comments follows the last table. */
  end(): void {
    const left = this.pending.slice(this.pendingAt);
    let line = left.length > 0 ? this.pendingLine : 0;
    while (this.loadLine()) {
      if (line === 0) line = this.pendingLine;
      left.push(...this.pending);
      this.pendingAt = this.pending.length;
    }
    if (left.length > 0) {
      const kind = left.every(isNumber) ? 'number' : 'value';
      this.fail(line, `${plural(left.length, kind)} left over after the last table`);
    }
  }

  private loadLine(): boolean {
    while (this.next < this.lines.length) {
      const fields = words(stripComment(this.lines[this.next++]));
      if (fields.length > 0) {
        this.pending = fields;
        this.pendingAt = 0;
        this.pendingLine = this.next;
        this.lastContentLine = this.next;
        return true;
      }
    }
    return false;
  }

  // LAMMPS drops what follows a table on its last line; here it is an error, since a line-based
  // field read in mid-line means the tables were not the length the header promised.
  private requireLineStart(what: string): void {
    const left = this.pending.length - this.pendingAt;
    if (left > 0) {
      this.fail(
        this.pendingLine,
        `${plural(left, 'value')} follow${left === 1 ? 's' : ''} the end of ${this.lastTable} on this line, where ${what} should start a new line`,
      );
    }
  }

  private lastLine(): number {
    return Math.max(this.lastContentLine, 1);
  }
}
