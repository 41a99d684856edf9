import { parseDirection } from '../protocols/shear';
import { DEFAULT_PARAMS, type AppParams } from './store';

/**
 * Run parameters live in the URL so a lecturer can share a link that reproduces a run:
 * ?sample=small&direction=-xy&step=5e-5&max=0.15&drop=0.5&atoms=all&auto=1
 */
export interface UrlState {
  readonly sample: string;
  readonly params: AppParams;
}

export function readUrlState(search: string): { state: UrlState; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const num = (key: string, fallback: number, ok: (v: number) => boolean) => {
    const text = q.get(key);
    if (text === null) return fallback;
    const v = Number(text);
    if (!Number.isFinite(v) || !ok(v)) {
      problems.push(`URL parameter ${key}=${text} is not valid; using ${fallback}`);
      return fallback;
    }
    return v;
  };
  let direction = DEFAULT_PARAMS.direction;
  const d = q.get('direction');
  if (d !== null) {
    try {
      direction = parseDirection(d);
    } catch (e) {
      problems.push(`URL parameter direction=${d}: ${(e as Error).message}`);
    }
  }
  const atomsText = q.get('atoms') ?? 'all';
  const count = Number(atomsText);
  const atoms = atomsText === 'all' ? DEFAULT_PARAMS.atoms : Number.isInteger(count) && count > 0 ? { kind: 'most-displaced' as const, count } : (problems.push(`URL parameter atoms=${atomsText} is not 'all' or a positive integer`), DEFAULT_PARAMS.atoms);
  return {
    state: {
      sample: q.get('sample') ?? 'default',
      params: {
        direction,
        step: num('step', DEFAULT_PARAMS.step, (v) => v > 0 && v < 0.1),
        maxStrain: num('max', DEFAULT_PARAMS.maxStrain, (v) => v > 0 && v <= 1),
        drop: num('drop', DEFAULT_PARAMS.drop, (v) => v > 0),
        autoAnalyse: q.get('auto') === '1',
        atoms,
      },
    },
    problems,
  };
}

export function writeUrlState(s: UrlState): string {
  const q = new URLSearchParams();
  q.set('sample', s.sample);
  q.set('direction', s.params.direction);
  q.set('step', String(s.params.step));
  q.set('max', String(s.params.maxStrain));
  q.set('drop', String(s.params.drop));
  q.set('atoms', s.params.atoms.kind === 'all' ? 'all' : String(s.params.atoms.count));
  if (s.params.autoAnalyse) q.set('auto', '1');
  return `?${q.toString()}`;
}
