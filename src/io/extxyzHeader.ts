import { ParseError } from './parseError';

/**
 * The second line of an extended XYZ frame: `key=value` pairs, values bare, "double-quoted" (with
 * \" and \\ escapes) or in {} / [] brackets as ASE writes arrays; a key without `=` means true.
 * Keys keep their case; `get` looks them up case-insensitively, as ASE and OVITO accept either.
 */
export class ExtXyzInfo {
  readonly entries: ReadonlyMap<string, string>;

  constructor(entries: ReadonlyMap<string, string>) {
    this.entries = entries;
  }

  get(key: string): string | undefined {
    const k = key.toLowerCase();
    for (const [name, value] of this.entries) if (name.toLowerCase() === k) return value;
    return undefined;
  }
}

const CLOSER: Record<string, string> = { '"': '"', '{': '}', '[': ']' };

export function parseExtXyzInfo(text: string, source: string, line: number): ExtXyzInfo {
  const entries = new Map<string, string>();
  let i = 0;
  const isSpace = (ch: string) => ch === ' ' || ch === '\t';
  const skipSpace = () => {
    while (i < text.length && isSpace(text[i])) i++;
  };
  const token = (stopAtEquals: boolean): string => {
    const open = text[i];
    const close = CLOSER[open];
    if (close !== undefined) {
      let out = '';
      for (i++; i < text.length && text[i] !== close; i++) {
        if (open === '"' && text[i] === '\\' && i + 1 < text.length) i++;
        out += text[i];
      }
      if (i >= text.length) {
        throw new ParseError(source, line, `unterminated ${open}...${close} value in the comment line`);
      }
      i++;
      return out;
    }
    const start = i;
    while (i < text.length && !isSpace(text[i]) && !(stopAtEquals && text[i] === '=')) i++;
    return text.slice(start, i);
  };
  for (;;) {
    skipSpace();
    if (i >= text.length) return new ExtXyzInfo(entries);
    const key = token(true);
    skipSpace();
    let value = 'T';
    if (text[i] === '=') {
      i++;
      skipSpace();
      value = token(false);
    }
    entries.set(key, value);
  }
}

export type ColumnKind = 'S' | 'R' | 'I' | 'L';

const isColumnKind = (k: string): k is ColumnKind => k === 'S' || k === 'R' || k === 'I' || k === 'L';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly components: number;
}

/** `species:S:1:pos:R:3:...` as column specs; each spec covers `components` whitespace-separated words. */
export function parseProperties(value: string, source: string, line: number): ColumnSpec[] {
  const parts = value.split(':');
  if (parts.length % 3 !== 0) {
    throw new ParseError(source, line, `Properties '${value}' is not a list of name:type:count triples`);
  }
  const specs: ColumnSpec[] = [];
  for (let k = 0; k < parts.length; k += 3) {
    const [name, kind, count] = parts.slice(k, k + 3);
    if (!isColumnKind(kind)) {
      throw new ParseError(source, line, `Properties: column '${name}' has type '${kind}'; expected S, R, I or L`);
    }
    if (!/^[1-9]\d*$/.test(count)) {
      throw new ParseError(
        source,
        line,
        `Properties: column '${name}' has count '${count}'; expected a positive integer`,
      );
    }
    if (specs.some((s) => s.name === name)) {
      throw new ParseError(source, line, `Properties: column '${name}' appears twice`);
    }
    specs.push({ name, kind, components: Number(count) });
  }
  return specs;
}
