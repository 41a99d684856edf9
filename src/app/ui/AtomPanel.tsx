import { atomData } from '../atomData';
import { useApp } from '../store';
import { useSelectedAtom } from './selectedAtom';
import { Worlds } from './Worlds';

const f = (x: number | undefined, digits: number, unit: string) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(digits).replace(/^-/, '−')} ${unit}`);

const ATOM_PANEL_ID = 'atom-panel';
const scrollToAtomPanel = () => document.getElementById(ATOM_PANEL_ID)?.scrollIntoView({ behavior: 'smooth', block: 'start' });

/** Relaxes the shown event with and without the picked atom; the two worlds play in the atom panel. */
function FreezeButton(props: { scrollToWorlds?: boolean }) {
  const selectedEvent = useApp((s) => s.selectedEvent);
  const worlds = useApp((s) => s.worlds);
  const freeze = useApp((s) => s.freezeSelected);
  return (
    <button
      type="button"
      onClick={() => {
        freeze();
        if (props.scrollToWorlds) scrollToAtomPanel();
      }}
      disabled={selectedEvent === null || worlds?.state === 'running'}
      data-testid={props.scrollToWorlds ? 'card-freeze-atom' : 'freeze-atom'}
      title={selectedEvent === null ? 'select an event first' : 'relax the event with nothing frozen and with this atom held, and play both side by side'}
    >
      {props.scrollToWorlds ? 'Freeze this atom' : 'Freeze this atom: the event with and without it'}
    </button>
  );
}

export function AtomPanel() {
  const atom = useSelectedAtom();
  const worlds = useApp((s) => s.worlds);
  if (!atom) return null;
  const { index: i, analysis: r, marginal } = atom;
  return (
    <section id={ATOM_PANEL_ID} className={worlds ? 'panel atom-panel with-worlds' : 'panel atom-panel'} aria-labelledby="atom-title" data-testid="atom-panel">
      <h2 id="atom-title">{atom.title}</h2>
      <dl className="facts">
        <dt>Non-affine, last step</dt>
        <dd>{f(atomData.nonaffine?.[i], 4, 'Å')}</dd>
        <dt>D_f</dt>
        <dd data-testid="atom-df">
          {f(atom.df, 4, 'Å')}
          {marginal && r?.confirmFmax ? ` (the event happens at ${r.confirmFmax.toExponential(0)} eV/Å)` : ''}
        </dd>
        <dt>D²min</dt>
        <dd>{f(r?.d2min[i], 4, 'Å²')}</dd>
        <dt>von Mises stress</dt>
        <dd data-testid="atom-von-mises">{r ? `${f(r.vonMisesBefore[i], 0, 'MPa')} → ${f(r.vonMisesAfter[i], 0, 'MPa')} (Δ ${f(r.vonMisesChange[i], 0, 'MPa')})` : '—'}</dd>
        <dt>Bonds</dt>
        <dd data-testid="atom-bonds">{r ? `${r.bondsBroken[i]} broken, ${r.bondsFormed[i]} formed` : '—'}</dd>
      </dl>
      <FreezeButton />
      {worlds && <Worlds />}
    </section>
  );
}

/**
 * The picked atom in a corner of the view: the atom panel lies below the analysis, out of sight
 * on most screens, so what a click picked and the way to freeze it stay beside the atoms.
 */
export function AtomCard() {
  const atom = useSelectedAtom();
  if (!atom) return null;
  return (
    <div className="atom-card" data-testid="atom-card">
      <strong>{atom.title}</strong>
      {atom.df !== undefined && <span> · D_f {f(atom.df, 4, 'Å')}</span>}
      <div className="atom-card-buttons">
        <FreezeButton scrollToWorlds />
        <button type="button" className="secondary" onClick={scrollToAtomPanel}>
          Details
        </button>
        <button type="button" className="secondary" onClick={() => useApp.getState().selectAtom(null)} aria-label="deselect the atom">
          ×
        </button>
      </div>
    </div>
  );
}
