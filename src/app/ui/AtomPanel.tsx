import { useSyncExternalStore } from 'react';
import { atomData, onAtomData } from '../atomData';
import { dfPerAtom } from '../descriptors';
import { currentSample, useApp } from '../store';
import { Worlds } from './Worlds';

const f = (x: number | undefined, digits: number, unit: string) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(digits).replace(/^-/, '−')} ${unit}`);

export function AtomPanel() {
  useSyncExternalStore(onAtomData, () => atomData.version);
  const i = useApp((s) => s.selectedAtom);
  const selectedEvent = useApp((s) => s.selectedEvent);
  const worlds = useApp((s) => s.worlds);
  const c = useApp((s) => s.classification);
  const freeze = useApp((s) => s.freezeSelected);
  const sample = currentSample();
  if (i === null || !sample) return null;
  const { system } = sample;
  const r = selectedEvent === null ? undefined : atomData.analyses.get(selectedEvent);
  const df = r ? dfPerAtom(r.eventIndex, system.natoms)![i] : undefined;
  const inCore = r && c ? c.core.some((k) => r.atoms[k] === i) : false;
  const k = r ? Array.prototype.indexOf.call(r.atoms, i) : -1;
  const marginal = r !== undefined && k >= 0 && r.marginal[k] === 1;
  return (
    <section className={worlds ? 'panel atom-panel with-worlds' : 'panel atom-panel'} aria-labelledby="atom-title" data-testid="atom-panel">
      <h2 id="atom-title">
        Atom {system.ids[i]} ({system.typeNames[system.types[i]] ?? `type ${system.types[i] + 1}`}){inCore ? ', STZ core' : ''}
        {marginal ? ', marginal' : ''}
      </h2>
      <dl className="facts">
        <dt>Non-affine, last step</dt>
        <dd>{f(atomData.nonaffine?.[i], 4, 'Å')}</dd>
        <dt>D_f</dt>
        <dd data-testid="atom-df">
          {f(df, 4, 'Å')}
          {marginal && r?.confirmFmax ? ` (the event happens at ${r.confirmFmax.toExponential(0)} eV/Å)` : ''}
        </dd>
        <dt>D²min</dt>
        <dd>{f(r?.d2min[i], 4, 'Å²')}</dd>
        <dt>von Mises stress</dt>
        <dd data-testid="atom-von-mises">{r ? `${f(r.vonMisesBefore[i], 0, 'MPa')} → ${f(r.vonMisesAfter[i], 0, 'MPa')} (Δ ${f(r.vonMisesChange[i], 0, 'MPa')})` : '—'}</dd>
        <dt>Bonds</dt>
        <dd data-testid="atom-bonds">{r ? `${r.bondsBroken[i]} broken, ${r.bondsFormed[i]} formed` : '—'}</dd>
      </dl>
      <button type="button" onClick={freeze} disabled={selectedEvent === null || worlds?.state === 'running'} data-testid="freeze-atom" title={selectedEvent === null ? 'select an event first' : ''}>
        Freeze this atom: the event with and without it
      </button>
      {worlds && <Worlds />}
    </section>
  );
}
