import { useSyncExternalStore } from 'react';
import { coreWithEvent, PAPER_THRESHOLD, robustCore } from '../../analysis/dfClassify';
import { atomData, onAtomData } from '../atomData';
import { useApp } from '../store';
import { formatDuration } from '../../protocols/timeLeft';
import { Histogram } from './Histogram';
import { bondTotals, manyBondChanges } from '../descriptors';
import type { ShellRadius } from '../../analysis/eventDescriptors';
import type { AnalysisResult } from '../worker/protocol';

const SOURCE_WORDS: Record<ShellRadius['source'], string> = { paper: 'the paper’s', 'g(r)': 'the first minimum of this sample’s g(r)', 'total g(r)': 'that of the g(r) of all pairs' };

/** "the paper's", or which radii came from where. */
function shellSources(shells: readonly ShellRadius[]): string {
  const kinds = [...new Set(shells.map((s) => s.source))];
  if (kinds.length === 1) return SOURCE_WORDS[kinds[0]];
  return kinds.map((k) => `${shells.filter((s) => s.source === k).map((s) => s.pair.replace('-', '–')).join(', ')}: ${SOURCE_WORDS[k]}`).join('; ');
}

function Progress() {
  const a = useApp((s) => s.analysis);
  const cancel = useApp((s) => s.cancel);
  if (!a || a.state !== 'running') return null;
  const fraction = a.total > 0 ? a.done / a.total : 0;
  return (
    <div className="progress" data-testid="analysis-progress">
      <progress max={1} value={fraction} aria-label="frozen-atom analysis progress" />
      <span>
        {a.done} / {a.total || '…'} replicas{a.etaS !== null ? `, about ${formatDuration(a.etaS)} left${a.etaGuess ? ' (a first guess)' : ''}` : ''}
        {a.stopped.length > 0 && (
          <span data-testid="stopped-so-far">
            {' '}
            · freezing {a.stopped.length === 1 ? 'one atom' : `${a.stopped.length} atoms`} stopped the event (shown in the view)
          </span>
        )}
      </span>
      <button type="button" className="secondary" onClick={cancel} data-testid="cancel">
        Cancel
      </button>
    </div>
  );
}

/** Core atoms whose freezing only slowed the event down below fmax: the tolerance, not the atom, stopped it. */
function MarginalInCore({ r, core }: { r: AnalysisResult; core: readonly number[] }) {
  if (r.confirmFmax === null) return <p className="note" data-testid="core-marginal">These relaxations were not confirmed at a tighter tolerance (an analysis from before confirmation).</p>;
  const marginal = core.length - robustCore(core, r.marginal).length;
  return (
    <p className="note" data-testid="core-marginal">
      {marginal === 0
        ? `Every core atom stopped the event again when its relaxation went on to ${r.confirmFmax.toExponential(0)} eV/Å.`
        : `${marginal} of the ${core.length} core atoms ${marginal === 1 ? 'is' : 'are'} marginal: with ${marginal === 1 ? 'it' : 'one of them'} held the event stopped at the force tolerance but happened when the relaxation went on to ${r.confirmFmax.toExponential(0)} eV/Å, so ${marginal === 1 ? 'it slows' : 'they slow'} the event down rather than stop it.`}
    </p>
  );
}

function CoreWithEvent({ r, core }: { r: AnalysisResult; core: readonly number[] }) {
  const n = coreWithEvent(core, r.eventHappened).length;
  if (n === 0) return null;
  return (
    <p className="note warning" data-testid="core-with-event">
      With {n === 1 ? 'one of the core atoms' : `${n} of the core atoms`} held the event happened all the same: this threshold separates no STZ core (it lies too high, or the atoms analysed hold no core atom).
    </p>
  );
}

/** The paper's Figure 4a in one line: atoms with three or more bond changes sit mostly in the STZ core. */
function BondsInCore({ r, core, natoms }: { r: AnalysisResult; core: readonly number[]; natoms: number }) {
  const coreAtoms = new Set(core.map((k) => r.atoms[k]));
  const many = manyBondChanges(r);
  if (many.length === 0) return <span data-testid="bonds-in-core">No atom broke or formed three bonds or more.</span>;
  const inCore = many.filter((i) => coreAtoms.has(i)).length;
  return (
    <span data-testid="bonds-in-core">
      {many.length === 1 ? 'One atom' : `${many.length} atoms`} broke or formed three bonds or more, {inCore} of {many.length === 1 ? 'it' : 'them'} in the STZ core
      {r.atoms.length < natoms ? ` (found among the ${r.atoms.length} atoms analysed)` : ''}.
    </span>
  );
}

export function AnalysisPanel() {
  useSyncExternalStore(onAtomData, () => atomData.version);
  const selected = useApp((s) => s.selectedEvent);
  const analysis = useApp((s) => s.analysis);
  const c = useApp((s) => s.classification);
  const method = useApp((s) => s.method);
  const setMethod = useApp((s) => s.setMethod);
  const r = selected === null ? undefined : atomData.analyses.get(selected);
  const natoms = useApp((s) => s.sample?.natoms ?? 0);
  return (
    <section className="panel analysis" aria-labelledby="analysis-title">
      <h2 id="analysis-title">Frozen-atom analysis{selected !== null ? ` of event ${selected}` : ''}</h2>
      <Progress />
      {analysis?.state === 'cancelled' && analysis.eventIndex === selected && <p className="note">Cancelled; press Analyse to start again.</p>}
      {!r && analysis?.state !== 'running' && <p className="note">Pick an event and press Analyse: every atom is frozen in its own replica and the event relaxed again; D_f ≈ 0 marks the atoms the event needs.</p>}
      {r && c && (
        <>
          <dl className="facts" data-testid="analysis-summary">
            <dt>STZ core</dt>
            <dd data-testid="core-size">{c.core.length} atoms</dd>
            <dt>Robust core</dt>
            <dd data-testid="robust-core-size">{robustCore(c.core, r.marginal).length} atoms</dd>
            <dt>D_f, nothing frozen</dt>
            <dd data-testid="df-unfrozen">{r.unfrozen.df.toFixed(3)} Å</dd>
            <dt>Threshold</dt>
            <dd data-testid="threshold">
              {c.threshold.toPrecision(3)} Å{c.gap ? ` (gap ${c.gap[0].toPrecision(2)}–${c.gap[1].toPrecision(2)} Å)` : ' (no gap found)'}
            </dd>
            <dt>Groups</dt>
            <dd>
              {c.groups.core} core, {c.groups.belowPeak} below, {c.groups.atPeak} at, {c.groups.abovePeak} above the bulk peak
            </dd>
            <dt>Replicas</dt>
            <dd>
              {r.atoms.length + 1} in {r.wallS.toFixed(1)} s
            </dd>
          </dl>
          <MarginalInCore r={r} core={c.core} />
          <CoreWithEvent r={r} core={c.core} />
          <div className="method" role="radiogroup" aria-label="core threshold">
            {(
              [
                ['gap', 'widest gap'],
                ['fixed', `paper (${PAPER_THRESHOLD} Å)`],
                ['user', 'drag the line'],
              ] as const
            ).map(([m, label]) => (
              <label key={m}>
                <input type="radio" name="method" checked={method === m} onChange={() => setMethod(m, m === 'user' ? c.threshold : null)} data-testid={`method-${m}`} /> {label}
              </label>
            ))}
          </div>
          <div className="histograms">
            <Histogram descriptor="df" title="D_f" unit="Å" values={r.df} colormap="cividis" gap={c.gap} threshold={c.threshold} onThreshold={(v) => setMethod('user', v)} />
            <Histogram descriptor="d2min" title={`D²min (cutoff ${r.d2minCutoff} Å)`} unit="Å²" values={r.d2min} colormap="viridis" />
            <Histogram descriptor="vm" title="Δ von Mises stress" unit="MPa" values={r.vonMisesChange} signed colormap="viridis" />
            <Histogram descriptor="bonds" title="Bond changes" unit="per atom" values={bondTotals(r)} integer colormap="viridis" />
          </div>
          <p className="note" data-testid="bond-shells">
            A bond is a pair within its first shell ({r.shells.map((s) => `${s.pair.replace('-', '–')} ${s.radius.toFixed(2)} Å`).join(', ')}; {shellSources(r.shells)}); it breaks or forms when its
            length crosses that radius, changing by more than {r.bondThreshold} Å. <BondsInCore r={r} core={c.core} natoms={natoms} />
          </p>
          <p className="note">Drag across a histogram to highlight those atoms; click it to clear.</p>
        </>
      )}
    </section>
  );
}
