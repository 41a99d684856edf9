import { ELEMENT_SYMBOLS, isElementSymbol, nearestElement } from '../system/elements';

/** Why `symbol` is not an element symbol, with a hint for the usual slip (wrong case); null when it is one. */
export function elementSymbolProblem(symbol: string): string | null {
  if (isElementSymbol(symbol)) return null;
  const fixed = ELEMENT_SYMBOLS.find((s) => s.toLowerCase() === symbol.toLowerCase());
  const hint = fixed ? ` (symbols are case-sensitive: did you mean ${fixed}?)` : '';
  return `unknown element '${symbol}'${hint}`;
}

/** The `--elements Cu,Zr` argument (commas and/or spaces) as symbols in LAMMPS type order. */
export function parseElementList(arg: string): string[] {
  const symbols = arg.split(/[\s,]+/).filter((s) => s.length > 0);
  if (symbols.length === 0) throw new Error(`--elements: no element symbols in '${arg}'`);
  for (const s of symbols) {
    const problem = elementSymbolProblem(s);
    if (problem) throw new Error(`--elements: ${problem}`);
  }
  return symbols;
}

/** The element a per-type mass most likely stands for: the nearest standard atomic weight within 0.1 g/mol. */
export function inferElement(mass: number): string | null {
  return nearestElement(mass, 0.1);
}
