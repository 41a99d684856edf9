/**
 * Element symbols and standard atomic weights (g/mol) for Z = 1..103, IUPAC values as ASE tabulates
 * them; for elements without stable isotopes (Tc, Pm, Po..Ac, Np..Lr) the mass number of the
 * longest-lived isotope. Index Z − 1. Data files name elements by mass, potential files by symbol
 * or (funcfl) by atomic number, so all three directions are needed.
 */
const ELEMENTS: readonly (readonly [string, number])[] = [
  ['H', 1.008], ['He', 4.002602], ['Li', 6.94], ['Be', 9.0121831], ['B', 10.81],
  ['C', 12.011], ['N', 14.007], ['O', 15.999], ['F', 18.998403163], ['Ne', 20.1797],
  ['Na', 22.98976928], ['Mg', 24.305], ['Al', 26.9815385], ['Si', 28.085], ['P', 30.973761998],
  ['S', 32.06], ['Cl', 35.45], ['Ar', 39.948], ['K', 39.0983], ['Ca', 40.078],
  ['Sc', 44.955908], ['Ti', 47.867], ['V', 50.9415], ['Cr', 51.9961], ['Mn', 54.938044],
  ['Fe', 55.845], ['Co', 58.933194], ['Ni', 58.6934], ['Cu', 63.546], ['Zn', 65.38],
  ['Ga', 69.723], ['Ge', 72.63], ['As', 74.921595], ['Se', 78.971], ['Br', 79.904],
  ['Kr', 83.798], ['Rb', 85.4678], ['Sr', 87.62], ['Y', 88.90584], ['Zr', 91.224],
  ['Nb', 92.90637], ['Mo', 95.95], ['Tc', 98], ['Ru', 101.07], ['Rh', 102.9055],
  ['Pd', 106.42], ['Ag', 107.8682], ['Cd', 112.414], ['In', 114.818], ['Sn', 118.71],
  ['Sb', 121.76], ['Te', 127.6], ['I', 126.90447], ['Xe', 131.293], ['Cs', 132.90545196],
  ['Ba', 137.327], ['La', 138.90547], ['Ce', 140.116], ['Pr', 140.90766], ['Nd', 144.242],
  ['Pm', 145], ['Sm', 150.36], ['Eu', 151.964], ['Gd', 157.25], ['Tb', 158.92535],
  ['Dy', 162.5], ['Ho', 164.93033], ['Er', 167.259], ['Tm', 168.93422], ['Yb', 173.054],
  ['Lu', 174.9668], ['Hf', 178.49], ['Ta', 180.94788], ['W', 183.84], ['Re', 186.207],
  ['Os', 190.23], ['Ir', 192.217], ['Pt', 195.084], ['Au', 196.966569], ['Hg', 200.592],
  ['Tl', 204.38], ['Pb', 207.2], ['Bi', 208.9804], ['Po', 209], ['At', 210],
  ['Rn', 222], ['Fr', 223], ['Ra', 226], ['Ac', 227], ['Th', 232.0377],
  ['Pa', 231.03588], ['U', 238.02891], ['Np', 237], ['Pu', 244], ['Am', 243],
  ['Cm', 247], ['Bk', 247], ['Cf', 251], ['Es', 252], ['Fm', 257],
  ['Md', 258], ['No', 259], ['Lr', 262],
];

const MASS_BY_SYMBOL = new Map<string, number>(ELEMENTS);

export const ELEMENT_SYMBOLS: readonly string[] = ELEMENTS.map(([s]) => s);

/** The symbol of atomic number z, or undefined outside 1..103. */
export function elementSymbol(z: number): string | undefined {
  return Number.isInteger(z) && z >= 1 && z <= ELEMENT_SYMBOLS.length ? ELEMENT_SYMBOLS[z - 1] : undefined;
}

/** The atomic number of a symbol (exact case, as in "Cu"), or undefined if it is not one. */
export function atomicNumber(symbol: string): number | undefined {
  const i = ELEMENT_SYMBOLS.indexOf(symbol);
  return i < 0 ? undefined : i + 1;
}

export function isElementSymbol(symbol: string): boolean {
  return MASS_BY_SYMBOL.has(symbol);
}

/** Standard atomic weight in g/mol; undefined for a string that is not an element symbol. */
export function atomicMass(symbol: string): number | undefined {
  return MASS_BY_SYMBOL.get(symbol);
}

/**
 * The element whose standard atomic weight is nearest to `mass`, if within `tolerance` g/mol: data
 * files often round masses (63.55 for Cu). Only Ar/Ca (0.13 apart) and Bi/Po (0.02) can both lie
 * within 0.1 of a mass; the nearer one is taken.
 */
export function nearestElement(mass: number, tolerance = 0.1): string | null {
  let best: string | null = null;
  let bestDiff = tolerance;
  for (const [symbol, m] of ELEMENTS) {
    const d = Math.abs(m - mass);
    if (d <= bestDiff) {
      best = symbol;
      bestDiff = d;
    }
  }
  return best;
}
