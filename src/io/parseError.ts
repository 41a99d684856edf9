/**
 * A problem in an input file, located so that the user can open the file at the line:
 * the message reads `SOURCE:LINE: problem` (or `SOURCE: problem` when no single line is to blame).
 */
export class ParseError extends Error {
  readonly source: string;
  readonly line: number | null;
  readonly problem: string;

  constructor(source: string, line: number | null, problem: string) {
    super(line === null ? `${source}: ${problem}` : `${source}:${line}: ${problem}`);
    this.name = 'ParseError';
    this.source = source;
    this.line = line;
    this.problem = problem;
  }
}
