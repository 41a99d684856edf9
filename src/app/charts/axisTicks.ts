/** Ticks for the histogram's x axis: log10 of the value, or the value itself for signed ones. */

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹',
};

/** 10⁻²: the name of a decade. */
function powerOfTen(k: number): string {
  return `10${[...String(k)].map((c) => SUPERSCRIPT[c]).join('')}`;
}

/** The label of the tick at log10 value u: 10ᵏ on a decade, m×10ᵏ between decades. */
export function logTickLabel(u: number): string {
  let k = Math.floor(u + 1e-9);
  let m = Number((10 ** (u - k)).toPrecision(3));
  if (m >= 10) {
    m /= 10;
    k += 1;
  }
  return m === 1 ? powerOfTen(k) : `${m}×${powerOfTen(k)}`;
}

/** Mantissas within a decade, for ranges too short for two decade ticks; sparser first. */
const MANTISSAS = [
  [1, 2, 5],
  [1, 2, 3, 4, 5, 6, 7, 8, 9],
];

/**
 * Tick positions (log10 values) between min and max, at most maxTicks of them: decades where
 * two or more fit (every second or fifth … when they crowd), else 1-2-5 or 1…9 times a power of
 * ten, else, within a small part of a decade, round values.
 */
export function logSplits(min: number, max: number, maxTicks: number): number[] {
  const slack = 1e-9 * Math.max(1, max - min);
  const within = (u: number) => u >= min - slack && u <= max + slack;
  const decades: number[] = [];
  for (let k = Math.ceil(min - slack); k <= max + slack; k++) decades.push(k);
  if (decades.length >= 2) {
    const stride = Math.ceil(decades.length / maxTicks);
    return decades.filter((k) => (((k % stride) + stride) % stride) === 0);
  }
  for (const set of MANTISSAS) {
    const ticks: number[] = [];
    for (let k = Math.floor(min); k <= Math.ceil(max); k++) {
      for (const m of set) if (within(k + Math.log10(m))) ticks.push(k + Math.log10(m));
    }
    if (ticks.length >= 2 && ticks.length <= maxTicks) return ticks;
  }
  return linearSplits(10 ** min, 10 ** max, maxTicks).map(Math.log10);
}

/** Multiples of 1, 2 or 5 × 10ⁿ from a to b, at most about count of them. */
export function linearSplits(a: number, b: number, count: number): number[] {
  if (!(b > a) || !Number.isFinite(b - a)) return [a];
  const raw = (b - a) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  // Integer multiples, not a running sum, so that zero comes out as 0 and not 5.6e-17.
  for (let i = Math.ceil(a / step); i * step <= b + 1e-9 * step; i++) out.push(i * step);
  return out;
}
