import type { Box } from '../system/box';
import type { EvaluationSummary } from './evaluation';
import type { Sample } from './sample';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no element #${id}`);
  return el as T;
}

function setText(id: string, text: string): void {
  byId(id).textContent = text;
}

/** U+2212 minus, which reads better than a hyphen in numbers. */
const num = (x: number, digits: number) => x.toFixed(digits).replace(/^-/, '−');

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '+': '', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** 1.23 × 10⁻⁵: a minimised glass has forces near the f32 noise floor. */
function sci(x: number): string {
  const [mantissa, exponent] = x.toExponential(2).split('e');
  return `${mantissa} × 10${[...exponent].map((c) => SUPERSCRIPT[c]).join('')}`;
}

function describeBox(box: Box): string {
  const lengths = [box.lx, box.ly, box.lz].map((l) => num(l, 3)).join(' × ');
  const tilts = (['xy', 'xz', 'yz'] as const).map((t) => `${t} ${num(box[t], 3)}`).join(', ');
  return `${lengths} Å (tilts ${tilts} Å)`;
}

export function setStatus(text: string): void {
  setText('status', text);
}

export function showError(message: string): void {
  const el = byId('error');
  el.textContent = `Error: ${message}`;
  el.hidden = false;
  setStatus('Stopped by an error.');
  console.error(message);
}

export function showSample(sample: Sample, adapter: string): void {
  setText('sample-name', sample.name);
  setText('potential-name', sample.potentialName);
  setText('natoms', String(sample.system.natoms));
  setText('box', describeBox(sample.system.box));
  setText('adapter', adapter);
}

function fillRow(id: string, values: readonly number[]): void {
  const row = byId<HTMLTableRowElement>(id);
  row.querySelectorAll('td').forEach((td) => td.remove());
  for (const v of values) {
    const td = document.createElement('td');
    td.textContent = num(v, 1);
    row.append(td);
  }
}

export function showSummary(s: EvaluationSummary): void {
  setText('energy-per-atom', num(s.energyPerAtom, 5));
  setText('max-force', s.maxForce < 0.01 ? sci(s.maxForce) : num(s.maxForce, 4));
  setText('eval-ms', num(s.evalMs, 1));
  setText('eval-note', `(mean of ${s.timedEvaluations})`);
  fillRow('pressure-row', s.pressureMPa);
  fillRow('stress-row', s.pressureMPa.map((p) => -p));
  const hydrostatic = (s.pressureMPa[0] + s.pressureMPa[1] + s.pressureMPa[2]) / 3;
  setText('hydrostatic', `Hydrostatic pressure ${num(hydrostatic, 1)} MPa`);
  byId('results').hidden = false;
}

export function onRerun(run: () => Promise<void>): void {
  const button = byId<HTMLButtonElement>('rerun');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run();
    } finally {
      button.disabled = false;
    }
  });
}
